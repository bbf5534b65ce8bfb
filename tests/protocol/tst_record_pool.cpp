// tst_record_pool.cpp — MemberTable's record storage and the table around it: records never
// move while the pool grows, only touched chunks exist, released records are fresh; the
// table keeps its counts, suspicions, shared ids and "applied" bits straight across reaps.
#include "core/protocol/store/member_order.h"
#include "core/protocol/store/member_table.h"
#include "core/protocol/store/message_interner.h"
#include "core/protocol/store/name_hash.h"
#include "core/protocol/store/record_pool.h"

#include <QTest>

#include <algorithm>
#include <set>

using namespace grapevine;
using namespace grapevine::protocol;

namespace {
SharedMessage aliveOf(const char *name)
{
    return SharedMessage::make(wire::Alive{1, name, {10, 0, 0, 1}, 7946, {}, {}});
}
// Two laps of the probe order: the wrap between them reaps every long-dead member.
void reapAll(MemberTable &table, MemberTable::Rng &rng)
{
    const TimePoint later = TimePoint{} + std::chrono::hours(1);
    for (int i = 0; i < 2 * table.size() + 2; ++i)
        table.nextProbeTarget(later, std::chrono::seconds(30), nullptr, rng, nullptr);
}
} // namespace

class TestRecordPool : public QObject {
    Q_OBJECT
private slots:
    void recordsStayPutWhileThePoolGrows()
    {
        RecordPool pool;
        std::vector<MemberRecord *> seen;
        for (std::uint32_t i = 0; i < 5000; ++i) {
            pool.at(i).stateChange = TimePoint{std::chrono::seconds(i)};
            seen.push_back(&pool[i]);
        }
        for (std::uint32_t i = 0; i < 5000; ++i) {
            QCOMPARE(&pool[i], seen[i]);
            QCOMPARE(pool.addressOf(i), seen[i]);
            QCOMPARE(pool[i].stateChange, TimePoint{std::chrono::seconds(i)});
        }
        std::set<const MemberRecord *> distinct(seen.begin(), seen.end());
        QCOMPARE(distinct.size(), seen.size());
    }

    void onlyTouchedChunksExist()
    {
        RecordPool pool;
        QVERIFY(!pool.addressOf(0));
        pool.at(1000).stateChange =
            TimePoint{std::chrono::seconds(5)}; // ids of a shared NodeIds can start anywhere
        QVERIFY(pool.addressOf(1000));
        QVERIFY(pool.addressOf(RecordPool::kChunk * (1000 / RecordPool::kChunk))); // same chunk
        QVERIFY(!pool.addressOf(0));
        QVERIFY(!pool.addressOf(999 - RecordPool::kChunk));
        QVERIFY(!pool.addressOf(5000));
        QCOMPARE(pool.at(1000).stateChange, TimePoint{std::chrono::seconds(5)});
    }

    void releaseResetsTheRecordAndDropsItsAlive()
    {
        RecordPool pool;
        const SharedMessage held = SharedMessage::make(wire::Alive{9, "n17", {}, 1, {}, {}});
        pool.at(17).alive.reset(held);
        pool.at(17).alive.setTag(unsigned(wire::NodeState::Suspect));
        pool.at(17).stateChange = TimePoint{std::chrono::seconds(5)};
        QCOMPARE(held.use_count(), 2);
        pool.release(17);
        QCOMPARE(held.use_count(), 1); // the pool let go of the shared alive
        QVERIFY(!pool[17].alive);
        QCOMPARE(pool[17].alive.tag(), 0u);
        QCOMPARE(pool[17].stateChange, TimePoint{});
    }

    void rttIsKeptInMicrosecondsAndAbsentUntilMeasured()
    {
        MemberTable table;
        MemberTable::Rng rng(1);
        MemberRecord *a = table.insert(aliveOf("a"), rng);
        MemberRecord *b = table.insert(aliveOf("b"), rng);
        QVERIFY(!table.rttOf(*a));
        table.setRtt(*a, std::chrono::microseconds(1234));
        QCOMPARE(*table.rttOf(*a), Duration(std::chrono::microseconds(1234)));
        QVERIFY(!table.rttOf(*b));               // by member, not one for the table
        table.setRtt(*a, std::chrono::hours(2)); // clamped, never wraps negative
        QVERIFY(table.rttOf(*a) && *table.rttOf(*a) > Duration(std::chrono::minutes(30)));

        // A reaped member's RTT goes with it: a newcomer under the same id has none.
        table.setState(*a, wire::NodeState::Dead);
        reapAll(table, rng);
        QVERIFY(!table.find("a"));
        MemberRecord *again = table.insert(aliveOf("a"), rng);
        QVERIFY(!table.rttOf(*again));
    }

    void stateRidesInTheAliveTagAcrossApply()
    {
        MemberTable table;
        MemberTable::Rng rng(2);
        MemberRecord *record = table.insert(aliveOf("a"), rng);
        QCOMPARE(record->state(), wire::NodeState::Dead); // until the engine applies it
        QCOMPARE(table.deadCount(), 1);
        table.setState(*record, wire::NodeState::Suspect);
        QCOMPARE(table.liveCount(), 1);
        QCOMPARE(table.deadCount(), 0);
        // A new alive (here a later incarnation) keeps the state; the record reads its
        // incarnation, address and Vsn from it.
        const SharedMessage later =
            SharedMessage::make(wire::Alive{7, "a", {10, 0, 0, 9}, 7000, {}, {1, 5, 2, 0, 0, 0}});
        table.apply(*record, later);
        QCOMPARE(record->state(), wire::NodeState::Suspect);
        QCOMPARE(record->incarnation(), 7u);
        QCOMPARE(record->port(), std::uint16_t(7000));
        QVERIFY(record->hasVsn());
        QCOMPARE(record->pmax(), std::uint8_t(5));
        QCOMPARE(record->vsn(), (std::array<std::uint8_t, 6>{1, 5, 2, 0, 0, 0}));
        QCOMPARE(later.use_count(), 2); // the test's handle and the record's
        for (auto s : {wire::NodeState::Left, wire::NodeState::Alive, wire::NodeState::Dead}) {
            table.setState(*record, s);
            QCOMPARE(record->state(), s);
            QCOMPARE(record->name(), std::string("a")); // the pointer is untouched
        }
        QCOMPARE(table.liveCount(), 0);
        QCOMPARE(table.deadCount(), 1);
    }

    void probeOrderIsSixteenBitsUntilAnIdIsNot()
    {
        MemberOrder order;
        std::vector<std::uint32_t> plain;
        for (std::uint32_t id : {7u, 65535u, 3u, 1000u, 42u}) {
            order.pushBack(id);
            plain.push_back(id);
        }
        // The same shuffles as a plain vector of 32-bit ids, draw for draw.
        MemberTable::Rng a(9), b(9);
        order.shuffle(a);
        std::shuffle(plain.begin(), plain.end(), b);
        auto same = [&] {
            if (order.size() != plain.size())
                return false;
            for (std::size_t i = 0; i < plain.size(); ++i)
                if (order[i] != plain[i])
                    return false;
            return true;
        };
        QVERIFY(same());
        order.pushBack(70000); // past 16 bits: every id is kept, in place
        plain.push_back(70000);
        QVERIFY(same());
        order.swap(0, order.size() - 1);
        std::swap(plain.front(), plain.back());
        QVERIFY(same());
        auto even = [](std::uint32_t id) { return id % 2 == 0; };
        QCOMPARE(
            order.stablePartition(even),
            std::size_t(std::stable_partition(plain.begin(), plain.end(), even) - plain.begin()));
        QVERIFY(same());
        order.truncate(2);
        plain.resize(2);
        QVERIFY(same());
    }

    void aTableWhoseIdsPassSixteenBitsKeepsWorking()
    {
        // A simulator of more than 65,536 nodes shares ids past 16 bits with every table.
        auto ids = std::make_shared<NodeIds>();
        for (int i = 0; i < 70000; ++i) {
            const std::string name = "other" + std::to_string(i);
            ids->acquire(name, hashName(name));
        }
        MemberTable table(ids);
        MemberTable::Rng rng(4);
        std::vector<MemberRecord *> records;
        for (int i = 0; i < 20; ++i) {
            records.push_back(table.insert(aliveOf(("m" + std::to_string(i)).c_str()), rng));
            table.setState(*records.back(), wire::NodeState::Alive);
        }
        QCOMPARE(table.size(), 20);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(table.find("m" + std::to_string(i)), records[std::size_t(i)]);
        std::set<const MemberRecord *> probed;
        for (int i = 0; i < 20; ++i)
            probed.insert(table.nextProbeTarget(TimePoint{}, std::chrono::seconds(30), nullptr, rng,
                                                nullptr));
        QCOMPARE(probed.size(), std::size_t(20)); // one lap visits each once
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
        table.startSuspicion(*records[5],
                             std::make_unique<Suspicion>("n1", 2, std::chrono::seconds(1),
                                                         std::chrono::seconds(6), TimePoint{}, 1));
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

    void tablesSharingIdsHoldOnlyTheirOwnMembers()
    {
        auto ids = std::make_shared<NodeIds>();
        MemberTable::Rng rng(5);
        MemberTable a(ids);
        auto b = std::make_unique<MemberTable>(ids);
        auto alive = [](const char *name) {
            return SharedMessage::make(wire::Alive{1, name, {10, 0, 0, 1}, 7946, {}, {}});
        };
        MemberRecord *a1 = a.insert(alive("n1"), rng);
        MemberRecord *a2 = a.insert(alive("n2"), rng);
        MemberRecord *b2 = b->insert(alive("n2"), rng);
        MemberRecord *b3 = b->insert(alive("n3"), rng);
        QVERIFY(a1 && a2 && b2 && b3 && a2 != b2);
        QCOMPARE(a.find("n1"), a1);
        QCOMPARE(a.find("n2"), a2);
        QVERIFY(!a.find("n3")); // b's member, and an id of the shared table
        QVERIFY(!b->find("n1"));
        QCOMPARE(b->find("n2"), b2);
        QCOMPARE(b->find("n3"), b3);
        QCOMPARE(ids->size(), 3u);
        QCOMPARE(ids->holders(ids->find("n2", hashName("n2"))), 2u);

        // a reaps n2: b still holds it, under the same id.
        a.setState(*a2, wire::NodeState::Dead);
        const TimePoint later = TimePoint{} + std::chrono::hours(1);
        for (int i = 0; i < 4; ++i)
            a.nextProbeTarget(later, std::chrono::seconds(30), a1, rng, nullptr);
        QVERIFY(!a.find("n2"));
        QCOMPARE(b->find("n2"), b2);
        QCOMPARE(ids->holders(ids->find("n2", hashName("n2"))), 1u);

        b.reset(); // a table lets go of every id it holds
        QCOMPARE(ids->size(), 1u);
        QVERIFY(ids->find("n3", hashName("n3")) == NodeIds::kNone);
        QCOMPARE(a.find("n1"), a1);
    }

    void appliedFollowsTheRecordsAlive()
    {
        MessageInterner interner;
        MemberTable table;
        MemberTable::Rng rng(7);
        const SharedMessage first =
            interner.intern(wire::Alive{1, "n1", {10, 0, 0, 1}, 7946, {}, {}});
        const SharedMessage second =
            interner.intern(wire::Alive{2, "n1", {10, 0, 0, 1}, 7946, {}, {}});
        QVERIFY(first.internId() != 0 && second.internId() != 0);
        QVERIFY(first.internId() != second.internId());

        // A new record holds its alive applied: the engine inserts only the members an alive
        // introduces, and precedence always applies such an alive.
        MemberRecord *record = table.insert(first, rng);
        QVERIFY(table.applied(first));
        table.apply(*record, first); // again: nothing changes
        QVERIFY(table.applied(first));
        QVERIFY(!table.applied(second));
        table.apply(*record, second);
        QVERIFY(!table.applied(first)); // the record no longer holds it
        QVERIFY(table.applied(second));

        // A message nobody interned is never "applied": there is no bit to ask.
        const SharedMessage plain =
            SharedMessage::make(wire::Alive{3, "n1", {10, 0, 0, 1}, 7946, {}, {}});
        table.apply(*record, plain);
        QVERIFY(!table.applied(plain));
        QVERIFY(!table.applied(second));

        table.apply(*record, second);
        table.setState(*record, wire::NodeState::Left);
        const TimePoint later = TimePoint{} + std::chrono::hours(1);
        table.nextProbeTarget(later, std::chrono::seconds(30), nullptr, rng, nullptr);
        table.nextProbeTarget(later, std::chrono::seconds(30), nullptr, rng, nullptr);
        QVERIFY(!table.find("n1")); // reaped
        QVERIFY(!table.applied(second));
    }
};

QTEST_APPLESS_MAIN(TestRecordPool)
#include "tst_record_pool.moc"
