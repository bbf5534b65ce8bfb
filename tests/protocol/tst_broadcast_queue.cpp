// tst_broadcast_queue.cpp — TransmitLimitedQueue semantics (queue.go): order by transmits,
// then longest, then newest; per-packet budget; retransmit limit; named replacement.
#include "core/protocol/store/broadcast_queue.h"
#include "core/protocol/store/message_interner.h"

#include <QTest>

#include <set>

#include <algorithm>
#include <random>

using namespace grapevine;
using namespace grapevine::protocol;

namespace {

wire::Message userOf(std::size_t size, std::uint8_t tag)
{
    // encodedSize of a UDP user message is 1 + payload.
    return wire::UserMsg{wire::Bytes(size - 1, tag)};
}

std::vector<std::uint8_t> tagsOf(const std::vector<wire::Message> &messages)
{
    std::vector<std::uint8_t> tags;
    for (const auto &m : messages)
        tags.push_back(std::get<wire::UserMsg>(m).payload.front());
    return tags;
}

using Tags = std::vector<std::uint8_t>;

// queue.go's TransmitLimitedQueue written the obvious way (a list re-sorted on every pick),
// as the reference the compact queue must match call for call.
class ReferenceQueue {
public:
    void queue(const std::string &name, const wire::Message &message)
    {
        if (!name.empty())
            std::erase_if(m_items, [&](const Item &i) { return i.name == name; });
        m_items.push_back({name, message, 0, int(wire::encodedSize(message)), ++m_nextId});
    }
    std::vector<wire::Message> take(int overhead, int limit, int transmitLimit)
    {
        std::vector<wire::Message> out;
        std::vector<std::uint64_t> takenIds;
        int used = 0;
        while (limit - used - overhead > 0) {
            const int free = limit - used - overhead;
            Item *best = nullptr;
            for (Item &i : m_items) {
                const bool taken = std::count(takenIds.begin(), takenIds.end(), i.id) > 0;
                if (taken || i.size > free)
                    continue;
                // Fewest transmits, then longest, then newest.
                if (!best || std::tie(i.transmits, best->size, best->id) <
                                 std::tie(best->transmits, i.size, i.id))
                    best = &i;
            }
            if (!best)
                break;
            used += overhead + best->size;
            out.push_back(best->message);
            takenIds.push_back(best->id);
            if (++best->transmits >= std::max(1, transmitLimit)) {
                const std::uint64_t id = best->id;
                std::erase_if(m_items, [id](const Item &i) { return i.id == id; });
            }
        }
        return out;
    }
    [[nodiscard]] std::size_t size() const { return m_items.size(); }

private:
    struct Item {
        std::string name;
        wire::Message message;
        int transmits = 0;
        int size = 0;
        std::uint64_t id = 0;
    };
    std::vector<Item> m_items;
    std::uint64_t m_nextId = 0;
};

} // namespace

class TstBroadcastQueue : public QObject {
    Q_OBJECT
private slots:
    void longestFirstThenNewest()
    {
        BroadcastQueue q;
        q.queue("", userOf(10, 1));
        q.queue("", userOf(30, 2));
        q.queue("", userOf(10, 3));
        std::vector<wire::Message> out;
        const int used = q.getBroadcasts(2, 1000, 4, out);
        QCOMPARE(tagsOf(out), (Tags{2, 3, 1}));
        QCOMPARE(used, 30 + 10 + 10 + 3 * 2);
    }

    void fewestTransmitsComeFirst()
    {
        BroadcastQueue q;
        q.queue("", userOf(50, 1));
        std::vector<wire::Message> out;
        q.getBroadcasts(2, 1000, 4, out); // item 1 now has one transmit
        q.queue("", userOf(10, 2));
        out.clear();
        q.getBroadcasts(2, 1000, 4, out);
        QCOMPARE(tagsOf(out), (Tags{2, 1}));
    }

    void onlyWhatFitsTheBudgetIsTaken()
    {
        BroadcastQueue q;
        q.queue("", userOf(100, 1));
        q.queue("", userOf(40, 2));
        q.queue("", userOf(30, 3));
        std::vector<wire::Message> out;
        // 80 bytes: 100 never fits; 40+2 fits, leaving 38: 30+2 fits.
        const int used = q.getBroadcasts(2, 80, 4, out);
        QCOMPARE(tagsOf(out), (Tags{2, 3}));
        QCOMPARE(used, 74);
        QCOMPARE(q.size(), std::size_t(3));
    }

    void itemRetiresAfterTransmitLimit()
    {
        BroadcastQueue q;
        const auto id = q.queue("", userOf(10, 1));
        for (int i = 0; i < 3; ++i) {
            std::vector<wire::Message> out;
            q.getBroadcasts(2, 1000, 3, out);
            QCOMPARE(out.size(), std::size_t(1));
        }
        QVERIFY(!q.contains(id));
        QVERIFY(q.empty());
    }

    void zeroLimitStillSendsOnce()
    {
        BroadcastQueue q;
        q.queue("", userOf(10, 1));
        std::vector<wire::Message> out;
        q.getBroadcasts(2, 1000, 0, out);
        QCOMPARE(out.size(), std::size_t(1));
        QVERIFY(q.empty());
    }

    void oneItemIsTakenOncePerPacket()
    {
        BroadcastQueue q;
        q.queue("", userOf(10, 1));
        std::vector<wire::Message> out;
        q.getBroadcasts(2, 1000, 10, out);
        QCOMPARE(out.size(), std::size_t(1));
    }

    void namedBroadcastReplacesOlderOne()
    {
        BroadcastQueue q;
        const auto first = q.queue("n1", wire::Suspect{1, "n1", "n2"});
        const auto second = q.queue("n1", wire::Dead{1, "n1", "n2"});
        q.queue("", userOf(10, 7));
        QVERIFY(!q.contains(first));
        QVERIFY(q.contains(second));
        QCOMPARE(q.size(), std::size_t(2));
        std::vector<wire::Message> out;
        q.getBroadcasts(2, 1000, 4, out);
        QCOMPARE(out.size(), std::size_t(2));
        QVERIFY(std::holds_alternative<wire::Dead>(out.front()));
    }

    // Random queue/replace/take sequences (fixed seeds): the same messages in the same order
    // as the reference, across tiers, replacements and stale-entry sweeps.
    void matchesReferenceQueueOverRandomOperations_data()
    {
        QTest::addColumn<std::uint64_t>("seed");
        for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u})
            QTest::newRow(qPrintable(QString("seed %1").arg(seed))) << seed;
    }
    void matchesReferenceQueueOverRandomOperations()
    {
        QFETCH(std::uint64_t, seed);
        std::mt19937_64 rng(seed);
        BroadcastQueue q;
        ReferenceQueue ref;
        std::uint32_t serial = 0;
        for (int step = 0; step < 4000; ++step) {
            if (rng() % 3 != 0) {
                const int pick = int(rng() % 12);
                wire::Message m;
                std::string name;
                ++serial;
                if (pick < 6) { // about a member, named by it (one per name)
                    name = "n" + std::to_string(pick);
                    m = wire::Suspect{serial, name, "x"};
                } else if (pick < 9) { // named by something else (refutation, user key)
                    name = "key" + std::to_string(pick);
                    m = wire::UserMsg{wire::toBytes("u" + std::to_string(serial))};
                } else {
                    m = wire::UserMsg{
                        wire::Bytes(std::size_t(1 + rng() % 40), std::uint8_t(serial))};
                }
                q.queue(name, m);
                ref.queue(name, m);
            } else {
                const int limit = int(20 + rng() % 300);
                std::vector<wire::Message> out;
                q.getBroadcasts(2, limit, 5, out);
                const auto expected = ref.take(2, limit, 5);
                if (out != expected)
                    qWarning("seed %llu step %d", (unsigned long long)seed, step);
                QCOMPARE(out.size(), expected.size());
                QVERIFY(out == expected);
            }
            QCOMPARE(q.size(), ref.size());
        }
    }

    // Items live in chunks of 256: a queue thousands deep (the simulator's join storm) keeps
    // every item, replacement and id across chunk boundaries, and empties in reference order.
    void deepQueueMatchesReferenceAcrossChunks()
    {
        BroadcastQueue q;
        ReferenceQueue ref;
        std::vector<std::uint64_t> ids;
        for (std::uint32_t i = 0; i < 3000; ++i) {
            const std::string name = "n" + std::to_string(i % 1200); // later ones replace
            const wire::Message m = wire::Suspect{i, name, std::string(i % 7, 'x')};
            ids.push_back(q.queue(name, m));
            ref.queue(name, m);
        }
        QCOMPARE(q.size(), std::size_t(1200));
        QCOMPARE(q.size(), ref.size());
        for (std::uint32_t i = 0; i < 3000; ++i)
            QCOMPARE(q.contains(ids[i]), i >= 1800); // the last 1,200 replaced the others
        for (int packet = 0; !q.empty(); ++packet) {
            std::vector<wire::Message> out;
            q.getBroadcasts(2, 1400, 3, out);
            QCOMPARE(out, ref.take(2, 1400, 3));
            QVERIFY2(packet < 1000, "the queue never empties");
        }
        QCOMPARE(ref.size(), std::size_t(0));
        for (const std::uint64_t id : ids)
            QVERIFY(!q.contains(id));
    }

    void sharedTakeHandsOutTheQueuedObject()
    {
        BroadcastQueue q;
        const SharedMessage m = SharedMessage::make(wire::Dead{1, "n1", "n2"});
        q.queue("n1", m);
        std::vector<SharedMessage> out;
        q.getBroadcasts(2, 1000, 4, out);
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(out.front().get(), m.get());
    }

    void internerReturnsOneObjectPerDistinctAlive()
    {
        MessageInterner interner;
        const wire::Alive a{1, "n1", {10, 0, 0, 2}, 7946, {}, {1, 5, 2, 0, 0, 0}};
        wire::Alive b = a;
        b.incarnation = 2;
        const SharedMessage first = interner.intern(a);
        QCOMPARE(interner.intern(a).get(), first.get());
        QVERIFY(interner.intern(b).get() != first.get());
        QCOMPARE(std::get<wire::Alive>(*interner.intern(b)), b);
    }

    void internerNumbersWhatItHoldsAndReusesSweptNumbers()
    {
        MessageInterner interner;
        std::set<std::uint32_t> ids;
        {
            std::vector<SharedMessage> held;
            for (std::uint32_t i = 1; i <= 1024; ++i) {
                held.push_back(interner.intern(wire::Alive{i, "n", {10, 0, 0, 1}, 7946, {}, {}}));
                QVERIFY(held.back().internId() != 0);
                ids.insert(held.back().internId());
            }
            QCOMPARE(ids.size(), 1024u); // distinct while held
            QCOMPARE(interner.intern(std::get<wire::Alive>(*held[5])).internId(),
                     held[5].internId());
        }
        // Nothing holds them now: the sweep at 2048 entries frees their numbers for reuse.
        std::set<std::uint32_t> later;
        for (std::uint32_t i = 2000; i < 2000 + 2048; ++i)
            later.insert(
                interner.intern(wire::Alive{i, "m", {10, 0, 0, 1}, 7946, {}, {}}).internId());
        QVERIFY(*later.rbegin() < 2048 + 1024); // the freed numbers were taken first
        QVERIFY(!SharedMessage::make(wire::Alive{}).internId());
    }

    void internerKnowsTheEncodedSizeOfWhatItHolds()
    {
        MessageInterner interner;
        wire::Alive a{1, "n1", {10, 0, 0, 2}, 7946, {}, {1, 5, 2, 0, 0, 0}};
        const SharedMessage held = interner.intern(a);
        QCOMPARE(held.knownEncodedSize(), wire::encodedSize(*held));
        QCOMPARE(interner.intern(a).knownEncodedSize(), wire::encodedSize(*held)); // found again
        a.meta = wire::Bytes(300, 7); // a longer alive: the remembered size follows
        const SharedMessage longer = interner.intern(a);
        QCOMPARE(longer.knownEncodedSize(), wire::encodedSize(*longer));
        QVERIFY(longer.knownEncodedSize() > held.knownEncodedSize());
        // Equal content made elsewhere carries no recorded size.
        const auto copy = SharedMessage::make(*held);
        QCOMPARE(copy.knownEncodedSize(), std::size_t(0));
    }

    // Sizes are 16 bits: 65,535 bytes or more is "too big" and never sent, even under a limit
    // that would hold it (no UDP payload can); anything smaller is sent as before.
    void tooBigItemIsNeverSentWhateverTheLimit()
    {
        BroadcastQueue q;
        q.queue("", userOf(70000, 1));
        q.queue("", userOf(65535, 2));
        q.queue("", userOf(65534, 3));
        q.queue("", userOf(10, 4));
        std::vector<wire::Message> out;
        const int used = q.getBroadcasts(2, 200000, 4, out);
        QCOMPARE(tagsOf(out), (Tags{3, 4}));
        QCOMPARE(used, 65534 + 10 + 2 * 2);
        QCOMPARE(q.size(), std::size_t(4));
    }

    // Transmit counts are 8 bits: a limit past 255 sends an item 255 times.
    void transmitsAreCappedAt255_data()
    {
        QTest::addColumn<int>("transmitLimit");
        QTest::addColumn<int>("sends");
        QTest::newRow("3") << 3 << 3;
        QTest::newRow("254") << 254 << 254;
        QTest::newRow("255") << 255 << 255;
        QTest::newRow("256") << 256 << 255;
        QTest::newRow("100000") << 100000 << 255;
    }
    void transmitsAreCappedAt255()
    {
        QFETCH(int, transmitLimit);
        QFETCH(int, sends);
        BroadcastQueue q;
        const auto id = q.queue("", userOf(10, 1));
        int sent = 0;
        for (int packet = 0; packet < 1000 && !q.empty(); ++packet) {
            std::vector<wire::Message> out;
            q.getBroadcasts(2, 1000, transmitLimit, out);
            sent += int(out.size());
        }
        QCOMPARE(sent, sends);
        QVERIFY(!q.contains(id));
    }

    // Items keep 32 id bits; the ids handed out, contains() and newest-first stay right
    // across the wrap, also for items re-queued in the next tier.
    void idsAndOrderSurviveThe32BitWrap()
    {
        const std::uint64_t start = (std::uint64_t(1) << 32) - 5;
        BroadcastQueue q(start);
        std::vector<std::uint64_t> ids;
        for (std::uint8_t tag = 1; tag <= 10; ++tag)
            ids.push_back(q.queue("", userOf(10, tag)));
        QCOMPARE(ids.front(), start + 1);
        QCOMPARE(ids.back(), start + 10);
        for (const std::uint64_t id : ids)
            QVERIFY(q.contains(id));
        QVERIFY(!q.contains(0));
        const Tags newestFirst{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        for (int tier = 0; tier < 2; ++tier) {
            std::vector<wire::Message> out;
            q.getBroadcasts(2, 1000, 4, out);
            QCOMPARE(tagsOf(out), newestFirst);
        }
        const auto before = q.queue("n1", wire::Suspect{1, "n1", "x"});
        const auto after = q.queue("n1", wire::Dead{1, "n1", "x"});
        QVERIFY(!q.contains(before));
        QVERIFY(q.contains(after));
    }

    // The random comparison again, starting just short of the 32-bit id wrap, with many
    // replacements and small packets so stale heap words are around when it comes.
    void matchesReferenceQueueAcrossTheIdWrap_data()
    {
        QTest::addColumn<std::uint64_t>("seed");
        for (std::uint64_t seed : {11u, 12u, 13u})
            QTest::newRow(qPrintable(QString("seed %1").arg(seed))) << seed;
    }
    void matchesReferenceQueueAcrossTheIdWrap()
    {
        QFETCH(std::uint64_t, seed);
        std::mt19937_64 rng(seed);
        BroadcastQueue q((std::uint64_t(1) << 32) - 1000);
        ReferenceQueue ref;
        for (std::uint32_t step = 1; step <= 3000; ++step) {
            if (rng() % 4 != 0) {
                const int pick = int(rng() % 10);
                const std::string name = pick < 8 ? "n" + std::to_string(pick) : "";
                const wire::Message m =
                    wire::UserMsg{wire::Bytes(std::size_t(1 + rng() % 20), std::uint8_t(step))};
                q.queue(name, m);
                ref.queue(name, m);
            } else {
                const int limit = int(10 + rng() % 60);
                std::vector<wire::Message> out;
                q.getBroadcasts(2, limit, 3, out);
                if (out != ref.take(2, limit, 3))
                    QFAIL(qPrintable(QString("seed %1 step %2").arg(seed).arg(step)));
            }
            QCOMPARE(q.size(), ref.size());
        }
    }

    void unnamedBroadcastsNeverReplaceEachOther()
    {
        BroadcastQueue q;
        q.queue("", userOf(10, 1));
        q.queue("", userOf(10, 1));
        QCOMPARE(q.size(), std::size_t(2));
    }
};

QTEST_APPLESS_MAIN(TstBroadcastQueue)
#include "tst_broadcast_queue.moc"
