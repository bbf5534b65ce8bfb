// Who sent an inbound TCP stream (issue #17 defect 12): the frame's own hints, never a guess.
// Frames are built with the real tracer from real wire messages, then resolved as the Node
// does for a peer address that no member advertises.
#include "core/net/packet_tracer.h"
#include "core/node/stream_peer_names.h"

#include <QTest>

using namespace grapevine;

namespace {

const wire::Endpoint kEphemeral{{127, 0, 0, 1}, 53211};

wire::PushNodeState entry(const char *name, std::uint16_t port,
                          wire::NodeState state = wire::NodeState::Alive,
                          wire::Bytes ip = {127, 0, 0, 1})
{
    wire::PushNodeState node;
    node.name = name;
    node.addr = wire::SmallBytes(ip.begin(), ip.end());
    node.port = port;
    node.state = state;
    return node;
}

PacketTrace frame(Direction direction, const wire::Message &message,
                  const wire::Endpoint &peer = kEphemeral)
{
    return net::PacketTracer::make(direction, TraceChannel::Tcp, peer, {}, {}, {message});
}

wire::Message pushPull(std::vector<wire::PushNodeState> nodes)
{
    wire::PushPull message;
    message.nodes = std::move(nodes);
    return message;
}

} // namespace

class TestStreamPeerNames : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_names = StreamPeerNames();
        m_names.setSelf(QStringLiteral("me"));
    }

    void joinPushPullNamesItsOnlyMemberAndTheReplyToo()
    {
        PacketTrace request = frame(Direction::In, pushPull({entry("joiner", 7950)}));
        m_names.resolve(&request);
        QCOMPARE(request.peerName, QStringLiteral("joiner"));
        PacketTrace reply = frame(Direction::Out, pushPull({entry("me", 7946)}));
        m_names.resolve(&reply);
        QCOMPARE(reply.peerName, QStringLiteral("joiner"));
    }

    void thisNodeIsNeverTheSender()
    {
        PacketTrace request =
            frame(Direction::In, pushPull({entry("me", 7946), entry("n2", 7947)}));
        m_names.resolve(&request);
        QCOMPARE(request.peerName, QStringLiteral("n2"));
    }

    void severalAtTheSendersAddressAreCandidatesNotAGuess()
    {
        PacketTrace request = frame(
            Direction::In, pushPull({entry("me", 7946), entry("n2", 7947), entry("n3", 7948)}));
        m_names.resolve(&request);
        QVERIFY(request.peerName.isEmpty());
        QCOMPARE(request.peerCandidates, (QStringList{"n2", "n3"}));
    }

    void membersElsewhereOrNotAliveAreNotCandidates()
    {
        PacketTrace request = frame(
            Direction::In,
            pushPull({entry("n2", 7947), entry("far", 7946, wire::NodeState::Alive, {10, 0, 0, 9}),
                      entry("gone", 7949, wire::NodeState::Dead),
                      entry("bye", 7950, wire::NodeState::Left)}));
        m_names.resolve(&request);
        QCOMPARE(request.peerName, QStringLiteral("n2"));
    }

    void aTcpPingNamesItsSource()
    {
        wire::Ping ping;
        ping.seqNo = 7;
        ping.node = "me";
        ping.sourceNode = "prober";
        PacketTrace request = frame(Direction::In, ping);
        m_names.resolve(&request);
        QCOMPARE(request.peerName, QStringLiteral("prober"));
    }

    // A user message says nothing about its sender: an endpoint used again by a later stream
    // must not keep the earlier stream's name.
    void aStreamThatNamesNobodyForgetsTheEndpoint()
    {
        PacketTrace first = frame(Direction::In, pushPull({entry("n2", 7947)}));
        m_names.resolve(&first);
        QCOMPARE(first.peerName, QStringLiteral("n2"));
        wire::UserMsg user;
        user.payload = {'h', 'i'};
        PacketTrace later = frame(Direction::In, user);
        m_names.resolve(&later);
        QVERIFY(later.peerName.isEmpty());
        QVERIFY(later.peerCandidates.isEmpty());
    }

    void udpIsLeftAlone()
    {
        PacketTrace datagram = net::PacketTracer::make(Direction::In, TraceChannel::Udp, kEphemeral,
                                                       {}, {}, {pushPull({})});
        datagram.senderHints = {QStringLiteral("n2")};
        m_names.resolve(&datagram);
        QVERIFY(datagram.peerName.isEmpty());
    }

    void rememberedEndpointsAreBounded()
    {
        for (int i = 0; i < StreamPeerNames::kMaxStreams + 1; ++i) {
            PacketTrace request = frame(Direction::In, pushPull({entry("n2", 7947)}),
                                        wire::Endpoint{{127, 0, 0, 1}, std::uint16_t(40000 + i)});
            m_names.resolve(&request);
        }
        PacketTrace oldest =
            frame(Direction::Out, pushPull({}), wire::Endpoint{{127, 0, 0, 1}, 40000});
        m_names.resolve(&oldest);
        QVERIFY(oldest.peerName.isEmpty());
        PacketTrace newest = frame(
            Direction::Out, pushPull({}),
            wire::Endpoint{{127, 0, 0, 1}, std::uint16_t(40000 + StreamPeerNames::kMaxStreams)});
        m_names.resolve(&newest);
        QCOMPARE(newest.peerName, QStringLiteral("n2"));
    }

private:
    StreamPeerNames m_names;
};

QTEST_GUILESS_MAIN(TestStreamPeerNames)
#include "tst_stream_peer_names.moc"
