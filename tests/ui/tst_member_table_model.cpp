// The Members table: exact row signals on upsert/remove, the value and suspicion columns,
// the 1 s tick touching only the time columns, and the sort/filter proxy.
#include "synthetic.h"
#include "tests/support/model_log.h"
#include "ui/models/member_filter_proxy.h"
#include "ui/models/member_table_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using grapevine::testing::makeMember;
using grapevine::testing::ModelEvent;
using grapevine::testing::ModelLog;

namespace {
constexpr qint64 kNow = 1'700'000'012'000; // 12 s after makeMember's stateSinceMs

QString cell(const QAbstractItemModel &model, int row, MemberTableModel::Column column)
{
    return model.index(row, int(column)).data().toString();
}

} // namespace

class TestMemberTableModel : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_model = std::make_unique<MemberTableModel>();
        m_model->setClock([] { return kNow; });
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void shouldStartEmptyWithElevenColumns()
    {
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->columnCount(), 11); // Serf's Tags and Est. RTT follow Suspicion
        QCOMPARE(m_model->headerData(int(MemberTableModel::Column::Suspicion), Qt::Horizontal)
                     .toString(),
                 QStringLiteral("Suspicion"));
        QCOMPARE(
            m_model->headerData(int(MemberTableModel::Column::Tags), Qt::Horizontal).toString(),
            QStringLiteral("Tags"));
    }

    void serfTagsAreShownDecoded()
    {
        MemberSnapshot m;
        m.name = QStringLiteral("s1");
        m.hasTags = true;
        m.tags = {{QStringLiteral("role"), QStringLiteral("web")},
                  {QStringLiteral("dc"), QStringLiteral("lab")}};
        m.estimatedRttUs = 1500;
        m_model->upsert(m);
        QCOMPARE(m_model->data(m_model->index(0, int(MemberTableModel::Column::Tags))).toString(),
                 QStringLiteral("dc=lab, role=web"));
        QCOMPARE(m_model->data(m_model->index(0, int(MemberTableModel::Column::EstimatedRtt)))
                     .toString(),
                 QStringLiteral("1.5 ms"));
    }

    void upsertInsertsOnceThenUpdatesInPlace()
    {
        ModelLog log(m_model.get(),
                     {ModelEvent::RowsInserted, ModelEvent::RowsRemoved, ModelEvent::DataChanged});
        m_model->applyChange(MemberChange::Joined, makeMember(QStringLiteral("n1"), 7946));
        m_model->applyChange(MemberChange::Joined, makeMember(QStringLiteral("n2"), 7947));
        auto n1 = makeMember(QStringLiteral("n1"), 7946);
        n1.incarnation = 5;
        m_model->applyChange(MemberChange::Updated, n1);
        n1.rttUs = 900;
        m_model->applyChange(MemberChange::Updated, n1);
        m_model->applyChange(MemberChange::Updated, n1); // nothing changed: no signal
        QCOMPARE(log.lines, (QStringList{"ins 0-0", "ins 1-1", "chg 0-0:3-3", "chg 0-0:4-4"}));
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::Incarnation), QStringLiteral("5"));
    }

    void removedChangeRemovesTheRowAndKeepsOthersFindable()
    {
        for (int i = 0; i < 4; ++i)
            m_model->upsert(makeMember(QStringLiteral("n%1").arg(i), quint16(7946 + i)));
        ModelLog log(m_model.get(),
                     {ModelEvent::RowsInserted, ModelEvent::RowsRemoved, ModelEvent::DataChanged});
        m_model->applyChange(MemberChange::Removed, makeMember(QStringLiteral("n1"), 7947));
        QCOMPARE(log.lines, (QStringList{"rm 1-1"}));
        QCOMPARE(m_model->rowOf(QStringLiteral("n3")), 2);
        QCOMPARE(
            cell(*m_model, m_model->rowOf(QStringLiteral("n3")), MemberTableModel::Column::Name),
            QStringLiteral("n3"));
    }

    void leftMemberStaysAsLeft()
    {
        m_model->upsert(makeMember(QStringLiteral("n1"), 7946));
        m_model->applyChange(MemberChange::Left,
                             makeMember(QStringLiteral("n1"), 7946, MemberState::Left));
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::State), QStringLiteral("left"));
    }

    void stateIsColouredAndAddressJoinsPort()
    {
        m_model->upsert(makeMember(QStringLiteral("n1"), 7946, MemberState::Suspect));
        const QModelIndex state = m_model->index(0, int(MemberTableModel::Column::State));
        QCOMPARE(state.data(Qt::ForegroundRole).value<QColor>(), QColor(0xe0, 0x9b, 0x14));
        QVERIFY(state.data(Qt::DecorationRole).isValid());
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::Address),
                 QStringLiteral("127.0.0.1:7946"));
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::InState), QStringLiteral("12 s"));
    }

    void valueColumnComparesWithLocalVersion_data()
    {
        QTest::addColumn<quint64>("held");
        QTest::addColumn<QString>("heldOrigin");
        QTest::addColumn<QString>("expected");
        QTest::newRow("same") << quint64(3) << QStringLiteral("n1")
                              << QStringLiteral("✓ converged");
        QTest::newRow("older") << quint64(2) << QStringLiteral("n1")
                               << QStringLiteral("behind (2@n1)");
        QTest::newRow("tie lower name")
            << quint64(3) << QStringLiteral("a") << QStringLiteral("behind (3@a)");
        QTest::newRow("newer") << quint64(4) << QStringLiteral("n2")
                               << QStringLiteral("ahead (4@n2)");
        QTest::newRow("none") << quint64(0) << QString() << QStringLiteral("none");
    }
    void valueColumnComparesWithLocalVersion()
    {
        QFETCH(quint64, held);
        QFETCH(QString, heldOrigin);
        QFETCH(QString, expected);
        auto m = makeMember(QStringLiteral("n2"), 7947);
        m.heldVersion = {held, heldOrigin};
        m_model->upsert(m);
        m_model->setLocalVersion({3, QStringLiteral("n1")});
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::Value), expected);
    }

    void suspicionShowsCountdownAndConfirmations()
    {
        auto m = makeMember(QStringLiteral("n2"), 7947, MemberState::Suspect);
        m.suspicionDeadlineMs = kNow + 3200;
        m.confirmations = 1;
        m.confirmationsWanted = 2;
        m_model->upsert(m);
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::Suspicion),
                 QStringLiteral("3.2 s left, 1/2 confirmations"));
        m_model->upsert(makeMember(QStringLiteral("n2"), 7947));
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::Suspicion), QString());
    }

    void tickChangesOnlyTheTimeColumns()
    {
        m_model->upsert(makeMember(QStringLiteral("n1"), 7946));
        m_model->upsert(makeMember(QStringLiteral("n2"), 7947, MemberState::Suspect));
        ModelLog log(m_model.get(),
                     {ModelEvent::RowsInserted, ModelEvent::RowsRemoved, ModelEvent::DataChanged});
        m_model->tick();
        QCOMPARE(log.lines, (QStringList{"chg 0-1:7-7", "chg 0-1:8-8"}));
        m_model->remove(QStringLiteral("n2"));
        log.lines.clear();
        m_model->tick();
        QCOMPARE(log.lines, (QStringList{"chg 0-0:7-7"}));
    }

    void proxySortsNumericallyAndFiltersText()
    {
        MemberFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(m_model.get());
        for (quint32 inc : {10u, 9u, 100u}) {
            auto m = makeMember(QStringLiteral("n%1").arg(inc), quint16(7000 + inc));
            m.incarnation = inc;
            m_model->upsert(m);
        }
        proxy.sort(int(MemberTableModel::Column::Incarnation), Qt::AscendingOrder);
        QCOMPARE(cell(proxy, 0, MemberTableModel::Column::Incarnation), QStringLiteral("9"));
        QCOMPARE(cell(proxy, 2, MemberTableModel::Column::Incarnation), QStringLiteral("100"));
        proxy.setText(QStringLiteral("N10"));
        QCOMPARE(proxy.rowCount(), 2); // n10 and n100
    }

    void deadMembersShowNoRtt()
    {
        auto dead = makeMember(QStringLiteral("n1"), 7946, MemberState::Dead);
        dead.rttUs = 800;
        m_model->upsert(dead);
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::Rtt), QStringLiteral("—"));
    }

    void noValueAnywhereIsNotCalledConverged()
    {
        m_model->upsert(makeMember(QStringLiteral("n1"), 7946));
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::Value),
                 QStringLiteral("no value yet"));
    }

    void theValueColumnTellsTheValueItHolds()
    {
        auto n1 = makeMember(QStringLiteral("n1"), 7946);
        n1.heldVersion = {3, QStringLiteral("n1")};
        m_model->upsert(n1);
        m_model->setLocalValue(QStringLiteral("blue"));
        m_model->setLocalVersion({3, QStringLiteral("n1")});
        const QString tip = m_model->index(0, int(MemberTableModel::Column::Value))
                                .data(Qt::ToolTipRole)
                                .toString();
        QVERIFY2(tip.contains(QStringLiteral("3@n1")) && tip.contains(QStringLiteral("blue")),
                 qPrintable(tip));
    }

    // Serf mode keeps a member memberlist reaped (core/node/serf_departed.h): the row says so.
    void aReapedMemberSaysSerfKeepsIt()
    {
        auto failed = makeMember(QStringLiteral("n1"), 7946, MemberState::Dead);
        m_model->upsert(failed);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        failed.reaped = true;
        m_model->upsert(failed); // only the reap: the State cell must repaint
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().column(),
                 int(MemberTableModel::Column::State));
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::State),
                 QStringLiteral("dead (reaped)"));
        const QString tip = m_model->index(0, int(MemberTableModel::Column::State))
                                .data(Qt::ToolTipRole)
                                .toString();
        QVERIFY2(tip.contains(QStringLiteral("Serf keeps listing it as failed")), qPrintable(tip));
        failed.state = MemberState::Left;
        m_model->upsert(failed);
        QCOMPARE(cell(*m_model, 0, MemberTableModel::Column::State),
                 QStringLiteral("left (reaped)"));
    }

private:
    std::unique_ptr<MemberTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestMemberTableModel)
#include "tst_member_table_model.moc"
