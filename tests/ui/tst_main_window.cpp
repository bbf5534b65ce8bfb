// The window driven by synthetic Node snapshots: status bar facts, members and log fed
// through the on* slots, the log filter narrowing the table, and commands leaving as signals.
#include "synthetic.h"
#include "ui/main_window.h"
#include "ui/models/departed_model.h"
#include "ui/models/gossip_filter_proxy.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/member_table_model.h"
#include "ui/widgets/cluster_view.h"
#include "ui/widgets/decrypt_warning.h"
#include "ui/widgets/log_pane.h"
#include "ui/widgets/value_panel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace grapevine;
using namespace grapevine::ui;
using grapevine::testing::makeMember;
using grapevine::testing::makeTrace;
using Type = grapevine::wire::MessageType;

namespace {

// Node counters with only decrypt failures (sender -> packets), as Node::stats() reports them.
NodeStats decryptStats(const QMap<QString, quint64> &failures)
{
    NodeStats stats;
    stats.traffic = net::TrafficCounters{};
    stats.traffic->decryptFailures = failures;
    return stats;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("grapevine-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
    }
    void init()
    {
        m_window = std::make_unique<MainWindow>(AppSettings{});
        m_memberTester = std::make_unique<QAbstractItemModelTester>(
            m_window->memberModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_logTester = std::make_unique<QAbstractItemModelTester>(
            m_window->logFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_window->show();
        m_window->onStarted(QStringLiteral("me"), QStringLiteral("127.0.0.1:7946"));
        m_window->onMemberChanged(MemberChange::Joined,
                                  makeMember(QStringLiteral("me"), 7946, MemberState::Alive, true));
        m_window->onMemberChanged(MemberChange::Joined, makeMember(QStringLiteral("n2"), 7947));
        m_window->onMemberChanged(MemberChange::Joined,
                                  makeMember(QStringLiteral("n3"), 7948, MemberState::Suspect));
    }
    void cleanup()
    {
        m_logTester.reset();
        m_memberTester.reset();
        m_window.reset();
    }

    void statusBarShowsSelfSizeAndHealth()
    {
        m_window->onHealthChanged(2);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("health 2/7")),
                                  qPrintable(m_window->statusText()), 2000);
        const QString status = m_window->statusText();
        QVERIFY2(status.contains(QStringLiteral("me · 127.0.0.1:7946")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("cluster 3 (2 alive, 1 suspect)")),
                 qPrintable(status));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("me")));
    }

    // Dead and left members are not part of the cluster's size; they are "gone".
    void clusterSizeCountsLiveMembersOnly()
    {
        m_window->onMemberChanged(MemberChange::Updated,
                                  makeMember(QStringLiteral("n2"), 7947, MemberState::Dead));
        m_window->onMemberChanged(MemberChange::Updated,
                                  makeMember(QStringLiteral("n3"), 7948, MemberState::Left));
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_window->statusText().contains(QStringLiteral("cluster 1 (1 alive) · 2 gone")),
            qPrintable(m_window->statusText()), 2000);
    }

    // A lone survivor has nobody to probe, so Lifeguard's score cannot fall: not a fault.
    void aLoneNodeIsNotShownAsUnhealthy()
    {
        m_window->onMemberChanged(MemberChange::Updated,
                                  makeMember(QStringLiteral("n2"), 7947, MemberState::Dead));
        m_window->onMemberChanged(MemberChange::Updated,
                                  makeMember(QStringLiteral("n3"), 7948, MemberState::Dead));
        m_window->onHealthChanged(3);
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_window->statusText().contains(QStringLiteral("health — (no peers)")),
            qPrintable(m_window->statusText()), 2000);
        auto *health = m_window->findChild<QLabel *>(QStringLiteral("healthLabel"));
        QVERIFY(!health->styleSheet().contains(QStringLiteral("#e09b14")));
    }

    // Ctrl+E exports even while a text field (the log's search) has the focus.
    void ctrlEExportsWhileTypingInAFilter()
    {
        auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("textFilter"));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        search->setFocus();
        QTRY_VERIFY2(search->hasFocus(), qPrintable(QStringLiteral("focus is on: ") +
                                                    (QApplication::focusWidget()
                                                         ? QApplication::focusWidget()->objectName()
                                                         : QStringLiteral("nothing"))));
        bool asked = false;
        QTimer::singleShot(0, this, [&asked] {
            if (QWidget *dialog = QApplication::activeModalWidget()) {
                asked = dialog->windowTitle().contains(QStringLiteral("Export"));
                dialog->close();
            }
        });
        QTest::keyClick(search, Qt::Key_E, Qt::ControlModifier);
        QVERIFY(asked);
    }

    void membersAppearAndLeave()
    {
        QCOMPARE(m_window->memberModel()->rowCount(), 3);
        m_window->onMemberChanged(MemberChange::Removed, makeMember(QStringLiteral("n3"), 7948));
        QCOMPARE(m_window->memberModel()->rowCount(), 2);
    }

    // Defect 13: a member the cluster forgets (reaped 30 s after it died) stays in sight.
    void reapedMemberIsListedAsDepartedUntilCleared()
    {
        MemberSnapshot dead = makeMember(QStringLiteral("n3"), 7948, MemberState::Dead);
        dead.stateSinceMs = QDateTime(QDate(2026, 1, 2), QTime(10, 11, 12)).toMSecsSinceEpoch();
        m_window->onMemberChanged(MemberChange::Updated, dead);
        m_window->onMemberChanged(MemberChange::Removed, dead);
        QCOMPARE(m_window->memberModel()->rowOf(QStringLiteral("n3")), -1);
        DepartedModel *departed = m_window->departedModel();
        QCOMPARE(departed->rowCount(), 1);
        const auto cell = [departed](DepartedModel::Column c) {
            return departed->index(0, int(c)).data().toString();
        };
        QCOMPARE(cell(DepartedModel::Column::Name), QStringLiteral("n3"));
        QCOMPARE(cell(DepartedModel::Column::How), QStringLiteral("gone (dead at 10:11:12)"));
        auto *tabs = m_window->findChild<QTabWidget *>();
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(1), QStringLiteral("Departed (1)"));
        // A member taken off the list while alive (this node's own leave) has not departed.
        m_window->onMemberChanged(MemberChange::Removed, makeMember(QStringLiteral("n2"), 7947));
        QCOMPARE(departed->rowCount(), 1);
        tabs->setCurrentIndex(1);
        auto *clear = m_window->findChild<QPushButton *>(QStringLiteral("clearDepartedButton"));
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(departed->rowCount(), 0);
        QCOMPARE(tabs->tabText(1), QStringLiteral("Departed (0)"));
    }

    // Tooltips on the column headers, the cluster view's legend and its arrow colours.
    void headersLegendAndArrowsExplainThemselves()
    {
        for (QAbstractItemModel *model :
             {static_cast<QAbstractItemModel *>(m_window->memberModel()),
              static_cast<QAbstractItemModel *>(m_window->logModel()),
              static_cast<QAbstractItemModel *>(m_window->departedModel())}) {
            for (int c = 0; c < model->columnCount(); ++c) {
                const QString title = model->headerData(c, Qt::Horizontal).toString();
                if (model == m_window->departedModel() && c < 2)
                    continue; // name and address say what they are
                QVERIFY2(
                    !model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty(),
                    qPrintable(title));
            }
        }
        ClusterView *view = m_window->clusterView();
        const QRectF legend = view->legendRect();
        const QString first = view->toolTipAt(legend.topLeft() + QPointF(6, legend.height() / 2));
        QVERIFY2(first.startsWith(QStringLiteral("Alive")), qPrintable(first));
        const QString arrows = view->toolTipAt(QPointF(view->width() - 2, view->height() - 2));
        QVERIFY2(arrows.contains(QStringLiteral("purple")) &&
                     arrows.contains(QStringLiteral("teal")),
                 qPrintable(arrows));
        QCOMPARE(arrows, ClusterView::arrowColoursToolTip());
    }

    void logInsertsOnTheTickAndTheFilterNarrowsIt()
    {
        for (int i = 0; i < 20; ++i)
            m_window->onPacketTraced(makeTrace(i % 2 ? QStringLiteral("n2") : QStringLiteral("n3"),
                                               {i % 4 ? Type::Ping : Type::User}));
        QCOMPARE(m_window->logModel()->rowCount(), 0); // not before the tick
        QTRY_COMPARE_WITH_TIMEOUT(m_window->logModel()->rowCount(), 20, 2000);
        auto *table = m_window->findChild<QTableView *>(QStringLiteral("logTable"));
        QCOMPARE(table->model()->rowCount(), 20);
        auto *text = m_window->findChild<QLineEdit *>(QStringLiteral("textFilter"));
        QTest::keyClicks(text, QStringLiteral("user"));
        QCOMPARE(table->model()->rowCount(), 5);
        auto *peer = m_window->findChild<QLineEdit *>(QStringLiteral("peerFilter"));
        QTest::keyClicks(peer, QStringLiteral("n3"));
        QCOMPARE(table->model()->rowCount(), 5);
        peer->setText(QStringLiteral("n2"));
        QCOMPARE(table->model()->rowCount(), 0);
    }

    void pauseHoldsRowsBack()
    {
        m_window->logPane()->setPaused(true);
        m_window->onPacketTraced(makeTrace(QStringLiteral("n2"), {Type::Ping}));
        m_window->logModel()->flush();
        QCOMPARE(m_window->logModel()->rowCount(), 0);
        m_window->logPane()->setPaused(false);
        QCOMPARE(m_window->logModel()->rowCount(), 1);
    }

    void settingAValueLeavesAsARequest()
    {
        QSignalSpy spy(m_window.get(), &MainWindow::setValueRequested);
        auto *edit = m_window->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        QTest::keyClicks(edit, QStringLiteral("blue"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("blue"));
    }

    void valueChangeMarksConvergedMembers()
    {
        ValueSnapshot value{QStringLiteral("blue"), {4, QStringLiteral("me")}, 1};
        auto n2 = makeMember(QStringLiteral("n2"), 7947);
        n2.heldVersion = value.version;
        m_window->onMemberChanged(MemberChange::Updated, n2);
        m_window->onValueChanged(value);
        QCOMPARE(m_window->memberModel()->convergedCount(), 1);
        const int row = m_window->memberModel()->rowOf(QStringLiteral("n2"));
        QCOMPARE(m_window->memberModel()
                     ->index(row, int(MemberTableModel::Column::Value))
                     .data()
                     .toString(),
                 QStringLiteral("✓ converged"));
        // Set elsewhere (no convergence report here): the panel counts the live holders.
        auto *convergence = m_window->findChild<QLabel *>(QStringLiteral("convergenceLabel"));
        QTRY_COMPARE_WITH_TIMEOUT(convergence->text(), QStringLiteral("held by 1/3 live members"),
                                  2000);
    }

    void undecryptableTrafficWarnsOnlyWhenThereIsSome()
    {
        DecryptWarning *warning = m_window->decryptWarning();
        m_window->onStatsReported(decryptStats({}));
        QVERIFY(!warning->isVisible());
        QVERIFY(!m_window->statusText().contains(QStringLiteral("decrypt")));

        m_window->onStatsReported(
            decryptStats({{"10.0.0.9:7946", 9}, {"10.0.0.7:7946", 3}, {"10.0.0.8:51234", 0}}));
        QVERIFY(warning->isVisible());
        QCOMPARE(warning->total(), 12);
        QVERIFY2(
            m_window->statusText().contains(QStringLiteral("⚠ 12 packets could not be decrypted")),
            qPrintable(m_window->statusText()));
        const QString tip = warning->toolTip();
        QVERIFY2(tip.indexOf(QStringLiteral("10.0.0.9:7946")) <
                     tip.indexOf(QStringLiteral("10.0.0.7:7946")),
                 qPrintable(tip));                       // most failures first
        QVERIFY(!tip.contains(QStringLiteral("51234"))); // zero counts are not senders
        QVERIFY(tip.contains(QStringLiteral("key")));
    }

    void oneUndecryptablePacketReadsSingular()
    {
        m_window->onStatsReported(decryptStats({{"10.0.0.9:7946", 1}}));
        QCOMPARE(m_window->decryptWarning()->text(),
                 QStringLiteral("⚠ 1 packet could not be decrypted"));
    }

    void manySendersAreCappedInTheTooltip()
    {
        QMap<QString, quint64> failures;
        for (int i = 0; i < DecryptWarning::kMaxListed + 5; ++i)
            failures.insert(QStringLiteral("10.0.1.%1:7946").arg(i), quint64(i + 1));
        m_window->onStatsReported(decryptStats(failures));
        const QString tip = m_window->decryptWarning()->toolTip();
        QCOMPARE(tip.count(QStringLiteral("<tr>")), DecryptWarning::kMaxListed + 1);
        QVERIFY2(tip.contains(QStringLiteral("5 more senders")), qPrintable(tip));
    }

    void clickingTheWarningShowsTheUndecryptablePackets()
    {
        PacketTrace bad = makeTrace(QString(), {});
        bad.peer = QStringLiteral("10.0.0.9:7946");
        bad.error = QStringLiteral("decrypt: no installed key could decrypt the message");
        m_window->onPacketTraced(bad);
        for (int i = 0; i < 4; ++i)
            m_window->onPacketTraced(makeTrace(QStringLiteral("n2"), {Type::Ping}));
        m_window->logModel()->flush();
        m_window->onStatsReported(decryptStats({{"10.0.0.9:7946", 1}}));
        QTest::mouseClick(m_window->decryptWarning(), Qt::LeftButton);
        auto *table = m_window->findChild<QTableView *>(QStringLiteral("logTable"));
        QCOMPARE(table->model()->rowCount(), 1);
        QVERIFY(!m_window->findChild<QLineEdit *>(QStringLiteral("textFilter"))->text().isEmpty());
    }

    void statsArriveOnTheStatusTick()
    {
        QSignalSpy spy(m_window.get(), &MainWindow::statsRequested);
        QVERIFY(spy.wait(3000));
    }

private:
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_memberTester;
    std::unique_ptr<QAbstractItemModelTester> m_logTester;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
