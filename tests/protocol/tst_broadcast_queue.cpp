// tst_broadcast_queue.cpp — TransmitLimitedQueue semantics (queue.go): order by transmits,
// then longest, then newest; per-packet budget; retransmit limit; named replacement.
#include "core/protocol/broadcast_queue.h"

#include <QTest>

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
