// The desktop basics of the window, driven through its menus: Help (guide, shortcuts,
// version, About Qt), Edit (copy value, copy packet), View (hide panes, reset layout),
// Cluster › Value history (set an old value again), the question before closing when a
// value set here reached nobody yet, and an exported log opened again for reading.
#include "synthetic.h"
#include "ui/log_viewer.h"
#include "ui/main_window.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/value_history_model.h"
#include "ui/widgets/log_pane.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

using namespace grapevine;
using namespace grapevine::ui;
using grapevine::testing::makeMember;
using grapevine::testing::makeTrace;
using Type = grapevine::wire::MessageType;

class TestWindowMenus : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("grapevine-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_window_menus"));
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
    }
    void init()
    {
        m_window = std::make_unique<MainWindow>(AppSettings{});
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->onStarted(QStringLiteral("me"), QStringLiteral("127.0.0.1:7946"));
        m_window->onMemberChanged(MemberChange::Joined,
                                  makeMember(QStringLiteral("me"), 7946, MemberState::Alive, true));
        m_window->onMemberChanged(MemberChange::Joined, makeMember(QStringLiteral("n2"), 7947));
    }
    void cleanup() { m_window.reset(); }

    void helpOpensTheGuideAndTheShortcutList()
    {
        action("guideAction")->trigger();
        auto *guide = m_window->findChild<QTextBrowser *>(QStringLiteral("guideText"));
        QVERIFY(guide);
        QVERIFY(guide->toPlainText().contains(QStringLiteral("Join a cluster")));
        action("shortcutsAction")->trigger();
        auto *table = m_window->findChild<QTableWidget *>(QStringLiteral("shortcutTable"));
        QVERIFY(table);
        QStringList rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows << table->item(r, 0)->text() + QLatin1Char(' ') + table->item(r, 1)->text();
        const QString all = rows.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("Ctrl+J Cluster › Join…")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Ctrl+E Log › Export…")), qPrintable(all));
    }

    void aboutShowsTheVersionAndAboutQtExists()
    {
        QString text;
        QTimer::singleShot(0, this, [&text] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                text = box->text();
                box->accept();
            }
        });
        action("aboutAction")->trigger();
        QVERIFY2(text.contains(QStringLiteral("9.8.7")), qPrintable(text));
        QVERIFY(action("aboutQtAction"));
    }

    void editCopiesTheValueAndThePacket()
    {
        m_window->onValueChanged({QStringLiteral("ripe"), {2, QStringLiteral("me")}, 1});
        action("copyValueAction")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("ripe"));
        m_window->onPacketTraced(makeTrace(QStringLiteral("n2"), {Type::Ping}));
        m_window->logModel()->flush();
        m_window->logPane()->table()->selectRow(0);
        action("copyJsonAction")->trigger();
        const QJsonObject json =
            QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("peer_name")).toString(), QStringLiteral("n2"));
        action("copyHexAction")->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().startsWith(QStringLiteral("07 07")));
    }

    void viewHidesPanesAndResetBringsThemBack()
    {
        QWidget *log = m_window->logPane();
        action("show_logPane")->trigger();
        QVERIFY(!log->isVisible());
        action("resetLayoutAction")->trigger();
        QVERIFY(log->isVisible());
        QVERIFY(action("show_logPane")->isChecked());
    }

    void valueHistoryKeepsWhoSetWhatAndSetsAnOldOneAgain()
    {
        m_window->onValueChanged({QStringLiteral("first"), {1, QStringLiteral("n2")}, 1000});
        m_window->onValueChanged({QStringLiteral("second"), {2, QStringLiteral("me")}, 2000});
        m_window->onValueChanged({QStringLiteral("second"), {2, QStringLiteral("me")}, 2000});
        ValueHistoryModel *history = m_window->valueHistory();
        QCOMPARE(history->rowCount(), 2);
        QCOMPARE(history->index(1, int(ValueHistoryModel::Column::SetBy)).data().toString(),
                 QStringLiteral("n2"));
        QSignalSpy set(m_window.get(), &MainWindow::setValueRequested);
        action("historyAction")->trigger();
        auto *table = m_window->findChild<QTableView *>(QStringLiteral("historyTable"));
        QVERIFY(table);
        table->selectRow(1);
        QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("setAgainButton")),
                          Qt::LeftButton);
        QCOMPARE(set.count(), 1);
        QCOMPARE(set.at(0).at(0).toString(), QStringLiteral("first"));
    }

    void closingAsksWhenTheValueSetHereReachedNobodyYet()
    {
        QSignalSpy leave(m_window.get(), &MainWindow::leaveRequested);
        QString asked;
        m_window->setCloseConfirmation([&asked](const QString &question) {
            asked = question;
            return false;
        });
        m_window->onValueChanged({QStringLiteral("mine"), {5, QStringLiteral("me")}, 1});
        m_window->onConvergenceChanged({{5, QStringLiteral("me")}, 1, 2, 100, false});
        QVERIFY(!m_window->close());
        QVERIFY(asked.contains(QStringLiteral("reached no other member")));
        QCOMPARE(leave.count(), 0); // the user said no: still in the cluster
        m_window->setCloseConfirmation([](const QString &) { return true; });
        QVERIFY(!m_window->close()); // yes: now it leaves first
        QCOMPARE(leave.count(), 1);
    }

    void closingDoesNotAskOnceTheValueSpread()
    {
        bool asked = false;
        m_window->setCloseConfirmation([&asked](const QString &) { return asked = true; });
        m_window->onValueChanged({QStringLiteral("mine"), {5, QStringLiteral("me")}, 1});
        m_window->onConvergenceChanged({{5, QStringLiteral("me")}, 2, 2, 100, true});
        m_window->close();
        QVERIFY(!asked);
    }

    void anExportedLogOpensAgainForReading()
    {
        GossipLogModel source(10);
        source.append(makeTrace(QStringLiteral("n2"), {Type::Ping}));
        source.append(makeTrace(QStringLiteral("n3"), {Type::Ack}));
        source.flush();
        QBuffer file;
        file.open(QIODevice::ReadWrite);
        QVERIFY(source.exportJsonLines(&file));
        file.write("{\"ev\":\"up\"}\nnot json at all\n");
        file.seek(0);
        LogViewer viewer;
        QString error;
        QVERIFY2(viewer.load(&file, QStringLiteral("gossip.jsonl"), &error), qPrintable(error));
        QCOMPARE(viewer.model()->rowCount(), 2);
        QCOMPARE(viewer.skippedLines(), 2);
        QCOMPARE(viewer.model()->traceAt(1).peerName, QStringLiteral("n3"));
        QBuffer empty;
        empty.open(QIODevice::ReadOnly);
        LogViewer nothing;
        QVERIFY(!nothing.load(&empty, QStringLiteral("empty.jsonl"), &error));
        QVERIFY(error.contains(QStringLiteral("empty")));
    }

private:
    QAction *action(const char *name) const
    {
        auto *found = m_window->findChild<QAction *>(QLatin1String(name));
        if (!found)
            qFatal("no action %s", name);
        return found;
    }

    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestWindowMenus)
#include "tst_window_menus.moc"
