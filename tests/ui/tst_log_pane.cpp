// The packet analyzer as a person uses it: Clear empties the details too, Ctrl+C copies
// whole rows, "compound" is a type the filter offers, the search finds a value's text, and
// the log follows the newest packet until the user picks one to read (Follow resumes).
#include "synthetic.h"
#include "ui/models/gossip_filter_proxy.h"
#include "ui/models/gossip_log_model.h"
#include "ui/widgets/log_pane.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace grapevine;
using namespace grapevine::ui;
using grapevine::testing::makeTrace;
using Type = grapevine::wire::MessageType;

class TestLogPane : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_model = std::make_unique<GossipLogModel>(1000);
        m_model->tickTimer().stop(); // rows arrive when the test flushes, not on a timer
        m_pane = std::make_unique<LogPane>(m_model.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_pane->filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_pane->resize(900, 500);
        m_pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
        m_table = m_pane->table();
    }
    void cleanup()
    {
        m_tester.reset();
        m_pane.reset();
        m_model.reset();
    }

    void clearEmptiesTheDetailsPane()
    {
        appendPackets(3);
        m_table->selectRow(1);
        auto *tree = m_pane->findChild<QTreeWidget *>(QStringLiteral("detailsTree"));
        auto *hex = m_pane->findChild<QPlainTextEdit *>(QStringLiteral("hexDump"));
        QVERIFY(tree->topLevelItemCount() > 0);
        m_model->clear();
        QCOMPARE(tree->topLevelItemCount(), 0);
        QVERIFY(hex->toPlainText().isEmpty());
    }

    void ctrlCCopiesWholeRows()
    {
        appendPackets(3);
        m_table->setFocus();
        m_table->selectRow(0);
        m_table->selectionModel()->select(m_pane->filter()->index(2, 0),
                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(m_table, Qt::Key_C, Qt::ControlModifier);
        const QStringList lines = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        const QStringList cells = lines.front().split(QLatin1Char('\t'));
        QCOMPARE(cells.size(), int(GossipLogModel::Column::Count));
        QCOMPARE(cells.at(int(GossipLogModel::Column::Peer)),
                 QStringLiteral("n0 (127.0.0.1:7947)"));
    }

    void compoundPacketsCanBeFilteredByType()
    {
        m_model->append(makeTrace(QStringLiteral("n1"), {Type::Ping}));
        m_model->append(makeTrace(QStringLiteral("n1"), {Type::Ping, Type::Alive})); // compound
        m_model->flush();
        auto *type = m_pane->findChild<QComboBox *>(QStringLiteral("typeFilter"));
        const int compound = type->findData(QVariant::fromValue(Type::Compound));
        QVERIFY(compound >= 0);
        type->setCurrentIndex(compound);
        QCOMPARE(m_pane->filter()->rowCount(), 1);
    }

    void searchFindsAValuesText()
    {
        PacketTrace trace = makeTrace(QStringLiteral("n1"), {Type::User});
        trace.messages.front().summary =
            QStringLiteral("value=\"ripe grapes\" lamport=3 origin=n1");
        trace.messages.front().fields = {
            {0, QStringLiteral("value"), QStringLiteral("ripe grapes")}};
        m_model->append(trace);
        m_model->append(makeTrace(QStringLiteral("n1"), {Type::Ping}));
        m_model->flush();
        QTest::keyClicks(m_pane->findChild<QLineEdit *>(QStringLiteral("textFilter")),
                         QStringLiteral("ripe grapes"));
        QCOMPARE(m_pane->filter()->rowCount(), 1);
        // The row itself shows what the user message carries.
        QVERIFY(m_pane->filter()
                    ->index(0, int(GossipLogModel::Column::Types))
                    .data()
                    .toString()
                    .contains(QStringLiteral("ripe grapes")));
    }

    void pickingARowStopsFollowingAndFollowJumpsBack()
    {
        appendPackets(200);
        QTRY_COMPARE(m_table->verticalScrollBar()->value(),
                     m_table->verticalScrollBar()->maximum());
        auto *follow = m_pane->findChild<QToolButton *>(QStringLiteral("followButton"));
        QVERIFY(follow->isChecked());
        const QModelIndex early = m_pane->filter()->index(190, 0);
        QTest::mouseClick(m_table->viewport(), Qt::LeftButton, {},
                          m_table->visualRect(early).center());
        QVERIFY(!m_pane->isFollowing());
        QVERIFY(!follow->isChecked());
        const int position = m_table->verticalScrollBar()->value();
        appendPackets(100);
        QCOMPARE(m_table->verticalScrollBar()->value(), position); // the reader stays put
        QTest::mouseClick(follow, Qt::LeftButton);
        QVERIFY(m_pane->isFollowing());
        QCOMPARE(m_table->verticalScrollBar()->value(), m_table->verticalScrollBar()->maximum());
        appendPackets(50);
        QCOMPARE(m_table->verticalScrollBar()->value(), m_table->verticalScrollBar()->maximum());
    }

private:
    void appendPackets(int count)
    {
        for (int i = 0; i < count; ++i)
            m_model->append(makeTrace(QStringLiteral("n%1").arg(i % 3), {Type::Ping}));
        m_model->flush();
    }

    std::unique_ptr<GossipLogModel> m_model;
    std::unique_ptr<LogPane> m_pane;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QTableView *m_table = nullptr;
};

QTEST_MAIN(TestLogPane)
#include "tst_log_pane.moc"
