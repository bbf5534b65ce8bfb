// The simulated wire on its own: addressing, loss, jitter, partitions, event order.
#include "core/sim/event_queue.h"
#include "core/sim/network.h"
#include "core/sim/sim_address.h"

#include <QTest>

#include <algorithm>

using namespace grapevine;
using namespace grapevine::sim;
using namespace std::chrono_literals;

class TstSimNetwork : public QObject {
    Q_OBJECT
private slots:
    void addressRoundTripsThroughIndex_data();
    void addressRoundTripsThroughIndex();
    void foreignAddressIsUnroutable();
    void nodeNameRoundTrips();
    void lossMatchesProbability();
    void delayStaysWithinLatencyPlusJitter();
    void partitionDropsAcrossGroupsOnly();
    void healReconnectsEveryone();
    void streamsIgnoreLossButNotPartitions();
    void sameSeedRoutesTheSameWay();
    void eventsPopByTimeThenInsertionOrder();
};

void TstSimNetwork::addressRoundTripsThroughIndex_data()
{
    QTest::addColumn<quint32>("id");
    for (quint32 id : {0u, 1u, 254u, 255u, 256u, 65535u, 999'999u, kMaxNodes})
        QTest::addRow("%u", id) << id;
}

void TstSimNetwork::addressRoundTripsThroughIndex()
{
    QFETCH(quint32, id);
    const wire::Endpoint address = nodeAddress(id);
    QCOMPARE(address.ip.size(), 4u);
    QCOMPARE(address.ip[0], 10);
    QCOMPARE(address.port, kSimPort);
    QCOMPARE(nodeAt(address), std::optional<NodeId>(id));
    // The IPv4-mapped IPv6 form (::ffff:a.b.c.d), built at its final size: appending the four
    // bytes to a 12-byte vector makes GCC 12 at -O2 report a false -Warray-bounds on the
    // reallocating copy.
    wire::Endpoint mapped{wire::Bytes(16, 0), kSimPort};
    mapped.ip[10] = 0xff;
    mapped.ip[11] = 0xff;
    std::copy(address.ip.begin(), address.ip.end(), mapped.ip.begin() + 12);
    QCOMPARE(nodeAt(mapped), std::optional<NodeId>(id));
}

void TstSimNetwork::foreignAddressIsUnroutable()
{
    QVERIFY(!nodeAt(wire::Endpoint{{192, 168, 1, 2}, kSimPort}));
    QVERIFY(!nodeAt(wire::Endpoint{{10, 0, 0, 1}, 7947}));
    QVERIFY(!nodeAt(wire::Endpoint{{10, 0, 0, 0}, kSimPort}));
    QVERIFY(!nodeAt(wire::Endpoint{{10, 0, 1}, kSimPort}));
}

void TstSimNetwork::nodeNameRoundTrips()
{
    QCOMPARE(nodeName(42), std::string("n42"));
    QCOMPARE(parseNodeName("n42"), std::optional<NodeId>(42));
    QVERIFY(!parseNodeName("n"));
    QVERIFY(!parseNodeName("x42"));
    QVERIFY(!parseNodeName("n42x"));
    QVERIFY(!parseNodeName("go-a"));
}

void TstSimNetwork::lossMatchesProbability()
{
    Network network(LinkModel{1ms, 0ms, 0.2}, 7);
    int lost = 0;
    const int packets = 100'000;
    for (int i = 0; i < packets; ++i)
        lost += network.routePacket(0, 1).drop == DropReason::Loss ? 1 : 0;
    // Binomial sd = sqrt(0.16 / 1e5) ~ 0.13 %; 1 % is ~8 sd.
    QVERIFY2(std::abs(double(lost) / packets - 0.2) < 0.01, qPrintable(QString::number(lost)));
}

void TstSimNetwork::delayStaysWithinLatencyPlusJitter()
{
    Network network(LinkModel{2ms, 1ms, 0.0}, 3);
    Duration lo = 1h, hi = 0ns;
    for (int i = 0; i < 10'000; ++i) {
        const Route route = network.routePacket(3, 4);
        QVERIFY(route.delivered());
        lo = std::min(lo, route.delay);
        hi = std::max(hi, route.delay);
    }
    QVERIFY(lo >= 2ms && lo < 2ms + 50us);
    QVERIFY(hi <= 3ms && hi > 3ms - 50us);
}

void TstSimNetwork::partitionDropsAcrossGroupsOnly()
{
    Network network(LinkModel{1ms, 0ms, 0.0}, 1);
    network.partition({0, 0, 1, 1});
    QVERIFY(network.routePacket(0, 1).delivered());
    QVERIFY(network.routePacket(2, 3).delivered());
    QCOMPARE(network.routePacket(1, 2).drop, DropReason::Partition);
    QCOMPARE(network.routePacket(3, 0).drop, DropReason::Partition);
    // Nodes past the map are in group 0.
    QVERIFY(network.routePacket(9, 0).delivered());
    QCOMPARE(network.routePacket(9, 2).drop, DropReason::Partition);
}

void TstSimNetwork::healReconnectsEveryone()
{
    Network network(LinkModel{1ms, 0ms, 0.0}, 1);
    network.partition({0, 1});
    QVERIFY(!network.connected(0, 1));
    network.heal();
    QVERIFY(network.connected(0, 1));
    QVERIFY(!network.partitioned());
}

void TstSimNetwork::streamsIgnoreLossButNotPartitions()
{
    Network network(LinkModel{1ms, 0ms, 0.99}, 5);
    for (int i = 0; i < 100; ++i)
        QVERIFY(network.routeStream(0, 1).delivered());
    network.partition({0, 1});
    QCOMPARE(network.routeStream(0, 1).drop, DropReason::Partition);
}

void TstSimNetwork::sameSeedRoutesTheSameWay()
{
    Network a(LinkModel{1ms, 1ms, 0.3}, 11), b(LinkModel{1ms, 1ms, 0.3}, 11);
    Network c(LinkModel{1ms, 1ms, 0.3}, 12);
    bool differs = false;
    for (int i = 0; i < 1000; ++i) {
        const Route ra = a.routePacket(0, 1), rb = b.routePacket(0, 1), rc = c.routePacket(0, 1);
        QCOMPARE(ra.drop, rb.drop);
        QCOMPARE(ra.delay, rb.delay);
        differs = differs || ra.drop != rc.drop || ra.delay != rc.delay;
    }
    QVERIFY(differs);
}

void TstSimNetwork::eventsPopByTimeThenInsertionOrder()
{
    EventQueue queue;
    queue.push(5ms, Wakeup{1, 0});
    queue.push(2ms, Wakeup{2, 0});
    queue.push(5ms, Wakeup{3, 0});
    queue.push(1ms, PacketArrival{4, 0, {wire::Ping{}}, 10});
    std::vector<NodeId> order;
    std::vector<TimePoint> times;
    while (!queue.empty()) {
        auto [at, event] = queue.pop();
        order.push_back(targetOf(event));
        times.push_back(at);
    }
    QCOMPARE(order, (std::vector<NodeId>{4, 2, 1, 3}));
    QCOMPARE(times, (std::vector<TimePoint>{1ms, 2ms, 5ms, 5ms}));
}

QTEST_GUILESS_MAIN(TstSimNetwork)
#include "tst_sim_network.moc"
