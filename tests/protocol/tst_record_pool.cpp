// tst_record_pool.cpp — MemberTable's record storage: records never move while the pool
// grows, released indices are reused as fresh records, and the table keeps its counts and
// suspicions straight across reaps.
#include "core/protocol/member_table.h"
#include "core/protocol/record_pool.h"

#include <QTest>

#include <set>

using namespace grapevine;
using namespace grapevine::protocol;

class TestRecordPool : public QObject {
    Q_OBJECT
private slots:
    void recordsStayPutWhileThePoolGrows()
    {
        RecordPool pool;
        std::vector<MemberRecord *> seen;
        for (std::uint32_t i = 0; i < 5000; ++i) {
            QCOMPARE(pool.allocate(), i);
            pool[i].incarnation = i;
            seen.push_back(&pool[i]);
        }
        for (std::uint32_t i = 0; i < 5000; ++i) {
            QCOMPARE(&pool[i], seen[i]);
            QCOMPARE(pool[i].incarnation, i);
        }
        std::set<const MemberRecord *> distinct(seen.begin(), seen.end());
        QCOMPARE(distinct.size(), seen.size());
    }

    void releasedIndexComesBackAsAFreshRecord()
    {
        RecordPool pool;
        for (int i = 0; i < 20; ++i)
            pool.allocate();
        pool[17].incarnation = 9;
        pool[17].alive = SharedMessage::make(wire::Alive{1, "n17", {}, 1, {}, {}});
        const SharedMessage held = pool[17].alive;
        QCOMPARE(held.use_count(), 2);
        pool.release(17);
        QCOMPARE(held.use_count(), 1); // the pool let go of the shared alive
        QCOMPARE(pool.allocate(), 17u);
        QCOMPARE(pool[17].incarnation, 0u);
        QVERIFY(!pool[17].alive);
        QCOMPARE(pool.allocate(), 20u);
    }

    void rttIsKeptInMicrosecondsAndAbsentUntilMeasured()
    {
        MemberRecord record;
        QVERIFY(!record.rtt());
        record.setRtt(std::chrono::microseconds(1234));
        QCOMPARE(*record.rtt(), Duration(std::chrono::microseconds(1234)));
        record.setRtt(std::chrono::hours(2)); // clamped, never wraps negative
        QVERIFY(record.rtt() && *record.rtt() > Duration(std::chrono::minutes(30)));
        QVERIFY(!record.hasVsn());
    }

    void reapFreesRecordsAndTheirSuspicions()
    {
        MemberTable table;
        MemberTable::Rng rng(3);
        std::vector<MemberRecord *> records;
        for (int i = 0; i < 40; ++i) {
            wire::Alive alive{1, "n" + std::to_string(i), {10, 0, 0, 1}, 7946, {}, {}};
            records.push_back(table.insert(SharedMessage::make(alive), rng));
            table.setState(*records.back(), wire::NodeState::Alive);
        }
        MemberRecord *self = records[0];
        table.startSuspicion(*records[5], std::make_unique<Suspicion>("n1", 2, std::chrono::seconds(1),
                                                                       std::chrono::seconds(6),
                                                                       TimePoint{}, 1));
        QVERIFY(table.suspicionOf(*records[5]));
        table.setState(*records[5], wire::NodeState::Dead);
        table.setState(*records[6], wire::NodeState::Left);
        QCOMPARE(table.liveCount(), 38);
        QCOMPARE(table.deadCount(), 1);
        std::vector<std::string> removed;
        const TimePoint later = TimePoint{} + std::chrono::hours(1);
        for (int i = 0; i < 80; ++i) // a full lap reaps
            table.nextProbeTarget(later, std::chrono::seconds(30), self, rng,
                                  [&](const MemberRecord &r) { removed.push_back(r.name()); });
        std::sort(removed.begin(), removed.end());
        QCOMPARE(removed, (std::vector<std::string>{"n5", "n6"}));
        QCOMPARE(table.size(), 38);
        QCOMPARE(table.deadCount(), 0);
        QVERIFY(!table.find("n5"));
        QCOMPARE(table.find("n7"), records[7]);
        // The freed records are reused; the new one carries no old suspicion.
        wire::Alive again{2, "n5", {10, 0, 0, 2}, 7946, {}, {}};
        MemberRecord *fresh = table.insert(SharedMessage::make(again), rng);
        QVERIFY(!table.suspicionOf(*fresh));
        QCOMPARE(table.find("n5"), fresh);
    }
};

QTEST_APPLESS_MAIN(TestRecordPool)
#include "tst_record_pool.moc"
