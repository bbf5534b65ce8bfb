// Real sockets on 127.0.0.1 (and ::1): binding, advertise choice, every packet layer, tracing.
#include "tests/support/peer_required.h"
#include "transport_fixture.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

using namespace grapevine;
using namespace grapevine::net;
using namespace grapevine::net::testing;

class TstTransport : public QObject {
    Q_OBJECT
private slots:
    void bindReportsUdpPortInUse();
    void bindReportsTcpPortInUse();
    void findFreePortTakesTheNextFreePort();
    void portZeroBindsUdpAndTcpOnOnePort();
    void advertiseForAnyAddressIsNeverUnspecified();
    void packetCrossesEveryLayer_data();
    void packetCrossesEveryLayer();
    void ipv6LoopbackCarriesPackets();
    void anyIPv6BindIsDualStack();
    void packetWithWrongKeyIsCountedAndDropped();
    void garbageDatagramIsCountedAndDropped();
    void emptyOrHugeSendsAreShapedForGo();
    void tracingReportsPacketsOnlyWhenOn();
};

void TstTransport::bindReportsUdpPortInUse()
{
    QUdpSocket squatter;
    QVERIFY(squatter.bind(QHostAddress::LocalHost, 0));
    TransportConfig config = loopbackConfig();
    config.bindPort = squatter.localPort();
    Transport transport(config);
    QString error;
    QVERIFY(!transport.bind(&error));
    QCOMPARE(error, QStringLiteral("port %1 is in use (UDP) on 127.0.0.1").arg(config.bindPort));
}

void TstTransport::bindReportsTcpPortInUse()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    TransportConfig config = loopbackConfig();
    config.bindPort = squatter.serverPort();
    Transport transport(config);
    QString error;
    QVERIFY(!transport.bind(&error));
    QCOMPARE(error, QStringLiteral("port %1 is in use (TCP) on 127.0.0.1").arg(config.bindPort));
}

void TstTransport::findFreePortTakesTheNextFreePort()
{
    auto first = boundTransport(loopbackConfig());
    TransportConfig config = loopbackConfig();
    config.bindPort = first->boundPort();
    config.findFreePort = true;
    Transport second(config);
    QSignalSpy logged(&second, &Transport::logged);
    QString error;
    QVERIFY2(second.bind(&error), qPrintable(error));
    QVERIFY(second.boundPort() > first->boundPort());
    QCOMPARE(logged.count(), 1);
}

void TstTransport::portZeroBindsUdpAndTcpOnOnePort()
{
    auto transport = boundTransport(loopbackConfig());
    QVERIFY(transport->boundPort() != 0);
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, transport->boundPort());
    QVERIFY(probe.waitForConnected(kWaitMs));
    QCOMPARE(endpointOf(*transport).toString(),
             "127.0.0.1:" + std::to_string(transport->boundPort()));
}

void TstTransport::advertiseForAnyAddressIsNeverUnspecified()
{
    TransportConfig config = loopbackConfig();
    config.bindHost = QHostAddress(QHostAddress::AnyIPv4);
    Transport transport(config);
    QSignalSpy logged(&transport, &Transport::logged);
    QString error;
    QVERIFY2(transport.bind(&error), qPrintable(error));
    const wire::Endpoint advertised = transport.advertiseEndpoint();
    QCOMPARE(advertised.ip.size(), std::size_t(4));
    QVERIFY(advertised.ip != wire::Bytes({0, 0, 0, 0}));
    QCOMPARE(advertised.port, transport.boundPort());
    QCOMPARE(logged.count(), 1);
    QVERIFY(logged.at(0).at(0).toString().contains(QLatin1String("0.0.0.0")));
}

void TstTransport::packetCrossesEveryLayer_data()
{
    QTest::addColumn<bool>("compress");
    QTest::addColumn<bool>("crc");
    QTest::addColumn<int>("keyBytes");
    QTest::addColumn<QString>("label");
    QTest::newRow("plain") << false << false << 0 << QString();
    QTest::newRow("compressed") << true << false << 0 << QString();
    QTest::newRow("crc") << true << true << 0 << QString();
    QTest::newRow("aes128") << true << false << 16 << QString();
    QTest::newRow("aes256+crc") << true << true << 32 << QString();
    QTest::newRow("label") << true << false << 0 << QStringLiteral("blue");
    QTest::newRow("everything") << true << true << 24 << QStringLiteral("cluster-a");
}

void TstTransport::packetCrossesEveryLayer()
{
    QFETCH(bool, compress);
    QFETCH(bool, crc);
    QFETCH(int, keyBytes);
    QFETCH(QString, label);
    std::vector<wire::Bytes> keys;
    if (keyBytes > 0)
        keys.push_back(net::testing::keyBytes('k', keyBytes));
    auto a = boundTransport(loopbackConfig(keys, label.toStdString(), compress));
    auto b = boundTransport(loopbackConfig(keys, label.toStdString(), compress));
    Recorder rb;
    rb.attach(*b);
    // Repetitive payloads so compression pays off and is really used.
    const std::vector<wire::Message> sent{wire::Ping{42, "b", {127, 0, 0, 1}, a->boundPort(), "a"},
                                          aliveOf(std::string(40, 'a'), 1),
                                          aliveOf(std::string(40, 'a'), 2)};
    a->sendPacket(endpointOf(*b), sent, crc);
    QTRY_COMPARE_WITH_TIMEOUT(rb.packets.size(), 1, kWaitMs);
    QCOMPARE(rb.packets[0].from, endpointOf(*a));
    QVERIFY(rb.packets[0].messages == sent);
    QCOMPARE(b->stats().udpIn.messages.value(wire::MessageType::Alive), 2u);
}

void TstTransport::ipv6LoopbackCarriesPackets()
{
    TransportConfig config = loopbackConfig();
    config.bindHost = QHostAddress(QHostAddress::LocalHostIPv6);
    Transport a(config), b(config);
    QString error;
    if (!a.bind(&error))
        GRAPEVINE_REQUIRE_PEER(false, "an IPv6 loopback (::1): " + error);
    QVERIFY2(b.bind(&error), qPrintable(error));
    QCOMPARE(b.advertiseEndpoint().toString(), "[::1]:" + std::to_string(b.boundPort()));
    Recorder rb;
    rb.attach(b);
    a.sendPacket(b.advertiseEndpoint(), {wire::Ping{1, "", {}, 0, ""}}, false);
    QTRY_COMPARE_WITH_TIMEOUT(rb.packets.size(), 1, kWaitMs);
    QCOMPARE(rb.packets[0].from.ip.size(), std::size_t(16));
}

void TstTransport::anyIPv6BindIsDualStack()
{
    TransportConfig config = loopbackConfig();
    config.bindHost = QHostAddress(QHostAddress::AnyIPv6); // "--bind [::]:0"
    Transport dual(config);
    QString error;
    if (!dual.bind(&error))
        GRAPEVINE_REQUIRE_PEER(false, "IPv6 ([::] bind): " + error);
    auto v4 = boundTransport(loopbackConfig());
    Recorder rDual, rV4;
    rDual.attach(dual);
    rV4.attach(*v4);
    v4->sendPacket({{127, 0, 0, 1}, dual.boundPort()}, {wire::Ping{5, "", {}, 0, ""}}, false);
    QTRY_COMPARE_WITH_TIMEOUT(rDual.packets.size(), 1, kWaitMs);
    // The IPv4 sender is seen as 4 bytes (not ::ffff:127.0.0.1), as memberlist compares bytes.
    QCOMPARE(rDual.packets[0].from, endpointOf(*v4));
    dual.sendPacket(rDual.packets[0].from, {wire::Ack{5, {}}}, false);
    QTRY_COMPARE_WITH_TIMEOUT(rV4.packets.size(), 1, kWaitMs);
}

void TstTransport::packetWithWrongKeyIsCountedAndDropped()
{
    auto a = boundTransport(loopbackConfig({keyBytes('a')}));
    auto b = boundTransport(loopbackConfig({keyBytes('b')}));
    Recorder rb;
    rb.attach(*b);
    QSignalSpy logged(b.get(), &Transport::logged);
    for (int i = 0; i < 3; ++i)
        a->sendPacket(endpointOf(*b), {wire::Ping{std::uint32_t(i), "b", {}, 0, ""}}, false);
    QTRY_COMPARE_WITH_TIMEOUT(counter(b->stats().malformed, "decrypt"), 3, kWaitMs);
    const QString sender = QString::fromStdString(endpointOf(*a).toString());
    QCOMPARE(counter(b->stats().decryptFailures, sender), 3);
    QVERIFY(rb.packets.isEmpty());
    // One log line names the sender, however many packets it sends.
    QStringList decryptLines;
    for (const auto &args : logged) {
        if (args.first().toString().contains(QStringLiteral("could not decrypt")))
            decryptLines << args.first().toString();
    }
    QCOMPARE(decryptLines.size(), 1);
    QVERIFY2(decryptLines.first().contains(QStringLiteral("could not decrypt UDP traffic from ") +
                                           sender),
             qPrintable(decryptLines.first()));
}

void TstTransport::garbageDatagramIsCountedAndDropped()
{
    auto b = boundTransport(loopbackConfig());
    Recorder rb;
    rb.attach(*b);
    QUdpSocket raw;
    // An empty packet (crashes memberlist 0.2.2), a compound whose parts are missing, and a
    // ping whose body is not msgpack.
    for (const QByteArray &bad :
         {QByteArray(), QByteArray("\x07\x05\x00", 3), QByteArray("\x00\xc1", 2)})
        raw.writeDatagram(bad, QHostAddress::LocalHost, b->boundPort());
    QTRY_COMPARE_WITH_TIMEOUT(b->stats().udpIn.packets, 3u, kWaitMs);
    qint64 malformed = 0;
    for (const quint64 count : b->stats().malformed)
        malformed += qint64(count);
    QVERIFY2(malformed >= 3, qPrintable(QString::number(malformed)));
    QVERIFY(rb.packets.isEmpty());
}

void TstTransport::emptyOrHugeSendsAreShapedForGo()
{
    auto a = boundTransport(loopbackConfig());
    auto b = boundTransport(loopbackConfig());
    Recorder rb;
    rb.attach(*b);
    a->sendPacket(endpointOf(*b), {}, false); // nothing: never an empty datagram
    std::vector<wire::Message> many;
    for (std::uint32_t i = 0; i < 300; ++i)
        many.push_back(wire::Nack{i});
    a->sendPacket(endpointOf(*b), many, false); // a compound holds at most 255 parts
    QTRY_COMPARE_WITH_TIMEOUT(rb.packets.size(), 2, kWaitMs);
    QCOMPARE(rb.packets[0].messages.size() + rb.packets[1].messages.size(), std::size_t(300));
    QCOMPARE(a->stats().udpOut.packets, 2u);
}

void TstTransport::tracingReportsPacketsOnlyWhenOn()
{
    auto a = boundTransport(loopbackConfig({keyBytes('t')}));
    auto b = boundTransport(loopbackConfig({keyBytes('t')}));
    Recorder rb;
    rb.attach(*b);
    QSignalSpy outA(a.get(), &Transport::traced);
    QSignalSpy inB(b.get(), &Transport::traced);
    a->sendPacket(endpointOf(*b), {wire::Ping{1, "b", {}, 0, ""}}, true);
    QTRY_COMPARE_WITH_TIMEOUT(rb.packets.size(), 1, kWaitMs);
    QCOMPARE(outA.count() + inB.count(), 0);
    a->setTracing(true);
    b->setTracing(true);
    a->sendPacket(endpointOf(*b), {wire::Ping{2, "b", {}, 0, ""}, aliveOf("x", 1)}, true);
    QTRY_COMPARE_WITH_TIMEOUT(inB.count(), 1, kWaitMs);
    QCOMPARE(outA.count(), 1);
    const auto trace = inB.at(0).at(0).value<PacketTrace>();
    QCOMPARE(trace.direction, Direction::In);
    QCOMPARE(trace.messages.size(), 2);
    QCOMPARE(trace.messages[0].type, wire::MessageType::Ping);
    QVERIFY2(trace.layers.contains("encrypted") && trace.layers.contains("crc") &&
                 trace.layers.contains("compound"),
             qPrintable(trace.layers.join(',')));
    QCOMPARE(trace.raw.size(), qsizetype(outA.at(0).at(0).value<PacketTrace>().raw.size()));
}

GRAPEVINE_TEST_GUILESS_MAIN(TstTransport)
#include "tst_transport.moc"
