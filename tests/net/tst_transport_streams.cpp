// Real sockets on 127.0.0.1: one-frame TCP streams (request/reply, 1-byte pieces, errResp,
// refused, timeout, no-reply user messages).
#include "transport_fixture.h"

#include "core/net/transport_codec.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace grapevine;
using namespace grapevine::net;
using namespace grapevine::net::testing;

class TstTransportStreams : public QObject {
    Q_OBJECT
private slots:
    void streamRequestGetsItsReply();
    void replyInOneBytePiecesIsDecoded();
    void wrongKeyStreamIsAnsweredWithErrResp();
    void labelMismatchIsClosedWithoutAWord();
    void refusedConnectionIsReported();
    void silentPeerTimesOut();
    void userMessageStreamNeedsNoReply();
    void idleInboundStreamIsClosedAtTheDeadline();
    void inboundStreamsBeyondTheLimitAreDropped();
};

void TstTransportStreams::streamRequestGetsItsReply()
{
    auto a = boundTransport(loopbackConfig({keyBytes('s')}, "lbl"));
    auto b = boundTransport(loopbackConfig({keyBytes('s')}, "lbl"));
    Recorder ra, rb;
    ra.attach(*a);
    rb.attach(*b);
    rb.reply = bigPushPull(40);
    a->openStream(9, endpointOf(*b), bigPushPull(3), kWaitMs, true);
    QTRY_COMPARE_WITH_TIMEOUT(ra.streams.size(), std::size_t(1), kWaitMs);
    const auto &result = ra.streams.at(9);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    QVERIFY(result.value() == wire::Message{bigPushPull(40)});
    QCOMPARE(rb.requests.size(), 1);
    QVERIFY(rb.requests[0] == wire::Message{bigPushPull(3)});
}

void TstTransportStreams::replyInOneBytePiecesIsDecoded()
{
    const TransportConfig config = loopbackConfig({keyBytes('p', 32)});
    auto a = boundTransport(config);
    Recorder ra;
    ra.attach(*a);
    const wire::Bytes frame = TransportCodec(config).encodeFrame(bigPushPull(5));
    QTcpServer slowPeer;
    QVERIFY(slowPeer.listen(QHostAddress::LocalHost, 0));
    connect(&slowPeer, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = slowPeer.nextPendingConnection();
        auto *drip = new QTimer(socket);
        auto sent = std::make_shared<std::size_t>(0);
        connect(drip, &QTimer::timeout, socket, [socket, drip, sent, &frame] {
            if (*sent == frame.size())
                return drip->stop();
            socket->write(reinterpret_cast<const char *>(&frame[(*sent)++]), 1);
            socket->flush();
        });
        drip->start(1);
    });
    wire::Endpoint peer{{127, 0, 0, 1}, slowPeer.serverPort()};
    a->openStream(3, peer, bigPushPull(1), kWaitMs, true);
    QTRY_COMPARE_WITH_TIMEOUT(ra.streams.size(), std::size_t(1), kWaitMs);
    const auto &result = ra.streams.at(3);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    QVERIFY(result.value() == wire::Message{bigPushPull(5)});
}

void TstTransportStreams::wrongKeyStreamIsAnsweredWithErrResp()
{
    auto a = boundTransport(loopbackConfig({keyBytes('a')}));
    auto b = boundTransport(loopbackConfig({keyBytes('b')}));
    Recorder ra, rb;
    ra.attach(*a);
    rb.attach(*b);
    a->openStream(4, endpointOf(*b), bigPushPull(1), kWaitMs, true);
    QTRY_COMPARE_WITH_TIMEOUT(ra.streams.size(), std::size_t(1), kWaitMs);
    QVERIFY(!ra.streams.at(4).ok());
    QVERIFY(rb.requests.isEmpty());
    // b answered like Go: an errResp frame (sealed with b's key, so a cannot read it).
    QCOMPARE(b->stats().tcpOut.messages.value(wire::MessageType::Err), 1u);
}

void TstTransportStreams::labelMismatchIsClosedWithoutAWord()
{
    auto a = boundTransport(loopbackConfig({}, "red"));
    auto b = boundTransport(loopbackConfig({}, "blue"));
    Recorder ra;
    ra.attach(*a);
    QStringList bLog;
    QObject::connect(b.get(), &Transport::logged, b.get(),
                     [&bLog](const QString &line) { bLog << line; });
    a->openStream(5, endpointOf(*b), bigPushPull(1), kWaitMs, true);
    QTRY_COMPARE_WITH_TIMEOUT(ra.streams.size(), std::size_t(1), kWaitMs);
    const auto &result = ra.streams.at(5);
    QVERIFY(!result.ok());
    // memberlist closes such a stream silently: no errResp, so the dialler learns neither
    // label (the old reply named both).
    const std::string &message = result.error().message;
    QVERIFY2(message.rfind("remote error: ", 0) != 0, message.c_str());
    QVERIFY2(message.find("blue") == std::string::npos, message.c_str());
    const TrafficCounters bStats = b->stats();
    QCOMPARE(bStats.tcpOut.messages.value(wire::MessageType::Err), 0u);
    QCOMPARE(counter(bStats.streams, "label_rejected"), 1);
    // Counted and logged on b's side, once per host.
    const QStringList closed = bLog.filter(QStringLiteral("without a reply"));
    QCOMPARE(closed.size(), 1);
    QVERIFY2(closed.front().contains("red"), qPrintable(closed.front()));
}

void TstTransportStreams::refusedConnectionIsReported()
{
    quint16 closedPort = 0;
    {
        QTcpServer gone;
        QVERIFY(gone.listen(QHostAddress::LocalHost, 0));
        closedPort = gone.serverPort();
    }
    auto a = boundTransport(loopbackConfig());
    Recorder ra;
    ra.attach(*a);
    a->openStream(6, {{127, 0, 0, 1}, closedPort}, wire::Ping{1, "", {}, 0, ""}, kWaitMs, true);
    QVERIFY(ra.streams.empty()); // never synchronously, even for an immediate failure
    QTRY_COMPARE_WITH_TIMEOUT(ra.streams.size(), std::size_t(1), kWaitMs);
    QCOMPARE(ra.streams.at(6).error().message, std::string("connection refused"));
}

void TstTransportStreams::silentPeerTimesOut()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    auto a = boundTransport(loopbackConfig());
    Recorder ra;
    ra.attach(*a);
    a->openStream(7, {{127, 0, 0, 1}, silent.serverPort()}, wire::Ping{1, "", {}, 0, ""}, 200,
                  true);
    QTRY_COMPARE_WITH_TIMEOUT(ra.streams.size(), std::size_t(1), kWaitMs);
    QCOMPARE(ra.streams.at(7).error().message, std::string("timed out after 200 ms"));
    QCOMPARE(counter(a->stats().streams, "timed_out"), 1);
}

void TstTransportStreams::userMessageStreamNeedsNoReply()
{
    auto a = boundTransport(loopbackConfig());
    auto b = boundTransport(loopbackConfig());
    Recorder ra, rb;
    ra.attach(*a);
    rb.attach(*b);
    const wire::UserMsg message{wire::toBytes("hello over tcp")};
    a->openStream(8, endpointOf(*b), message, kWaitMs, false);
    QTRY_COMPARE_WITH_TIMEOUT(ra.streams.size(), std::size_t(1), kWaitMs);
    QVERIFY(ra.streams.at(8).ok());
    QTRY_COMPARE_WITH_TIMEOUT(rb.requests.size(), 1, kWaitMs);
    QVERIFY(rb.requests[0] == wire::Message{message});
}

void TstTransportStreams::idleInboundStreamIsClosedAtTheDeadline()
{
    TransportConfig config = loopbackConfig();
    config.tcpTimeoutMs = 200;
    auto b = boundTransport(config);
    QTcpSocket idle;
    idle.connectToHost(QHostAddress::LocalHost, b->boundPort());
    QVERIFY(idle.waitForConnected(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, kWaitMs);
    QCOMPARE(counter(b->stats().streams, "inbound_timed_out"), 1);
}

void TstTransportStreams::inboundStreamsBeyondTheLimitAreDropped()
{
    TransportConfig config = loopbackConfig();
    config.maxInboundStreams = 2;
    auto b = boundTransport(config);
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 3; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, b->boundPort());
        QVERIFY(sockets.back()->waitForConnected(kWaitMs));
    }
    QTRY_COMPARE_WITH_TIMEOUT(counter(b->stats().streams, "inbound_rejected"), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(sockets[2]->state(), QAbstractSocket::UnconnectedState, kWaitMs);
    QCOMPARE(sockets[0]->state(), QAbstractSocket::ConnectedState);
    // A freed slot is usable again.
    sockets[0]->abort();
    QTRY_COMPARE_WITH_TIMEOUT(counter(b->stats().streams, "inbound_closed"), 1, kWaitMs);
    Recorder rb;
    rb.attach(*b);
    auto a = boundTransport(loopbackConfig());
    Recorder ra;
    ra.attach(*a);
    a->openStream(1, b->advertiseEndpoint(), wire::UserMsg{wire::toBytes("x")}, kWaitMs, false);
    QTRY_COMPARE_WITH_TIMEOUT(rb.requests.size(), 1, kWaitMs);
}

QTEST_GUILESS_MAIN(TstTransportStreams)
#include "tst_transport_streams.moc"
