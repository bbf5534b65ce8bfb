#include "gossip_capture_writer.h"

#include "core/capture/frame_builder.h"
#include "core/wire/packet.h"
#include "core/wire/stream.h"

namespace grapevine::bench {

namespace {

constexpr std::int64_t kProbeIntervalNs = 1'000'000'000; // memberlist's LAN ProbeInterval
constexpr int kPushPullEvery = 30;   // probes per push/pull: PushPullInterval 30 s / 1 s
constexpr int kChurnEvery = 400;     // probes per suspicion (or leave) somewhere
constexpr int kValueEvery = 2000;    // probes per value set
constexpr int kUnclosedEvery = 40;   // push/pulls per connection that never closes
constexpr int kRetransmits = 4;      // piggyback sends per broadcast (small cluster mult)
constexpr int kPushPullRefresh = 64; // exchanges between re-encodings of the state
constexpr std::size_t kMss = 1448;   // TCP payload per segment on Ethernet
constexpr std::size_t kMetaBytes = 24;

wire::Endpoint addressOf(int index)
{
    return wire::Endpoint{
        wire::Bytes{10, 0, std::uint8_t(index / 250), std::uint8_t(index % 250 + 1)},
        GossipCaptureWriter::kGossipPort};
}

} // namespace

GossipCaptureWriter::GossipCaptureWriter(int nodes, std::uint32_t seed)
    : m_rng(seed)
{
    for (int i = 0; i < nodes; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "node-%04d", i);
        m_nodes.push_back(Node{name, addressOf(i)});
    }
}

wire::Result<WrittenCapture> GossipCaptureWriter::write(const std::string &path,
                                                        std::uint64_t targetBytes)
{
    if (auto opened = m_writer.open(path, "grapevine bench_capture_open"); !opened)
        return opened.error();
    const std::int64_t step = kProbeIntervalNs / std::int64_t(m_nodes.size());
    for (std::uint64_t round = 1; m_written.bytes < targetBytes; ++round) {
        m_nowNs += step;
        probe();
        if (round % kPushPullEvery == 0)
            pushPull();
        if (round % kChurnEvery == 0)
            churn();
        if (round % kValueEvery == 0)
            setValue();
    }
    if (!m_writer.close())
        return wire::makeError("cannot write " + path);
    return m_written;
}

wire::Alive GossipCaptureWriter::aliveOf(const Node &node) const
{
    wire::Alive alive;
    alive.node = node.name;
    alive.incarnation = node.incarnation;
    alive.addr = wire::SmallBytes(node.address.ip);
    alive.port = node.address.port;
    alive.meta = wire::Bytes(kMetaBytes, 'm');
    alive.vsn = wire::SmallBytes(wire::Bytes{1, 5, 2, 0, 0, 0});
    return alive;
}

int GossipCaptureWriter::otherThan(int node)
{
    std::uniform_int_distribution<int> pick(0, int(m_nodes.size()) - 2);
    const int other = pick(m_rng);
    return other >= node ? other + 1 : other;
}

// The ping carries up to three queued broadcasts, as memberlist's compound packets do.
std::vector<wire::Message> GossipCaptureWriter::piggyback(wire::Message first)
{
    std::vector<wire::Message> messages{std::move(first)};
    for (auto it = m_broadcasts.begin(); it != m_broadcasts.end() && messages.size() < 4;) {
        messages.push_back(it->first);
        it = --it->second == 0 ? m_broadcasts.erase(it) : it + 1;
    }
    return messages;
}

void GossipCaptureWriter::probe()
{
    std::uniform_int_distribution<int> pick(0, int(m_nodes.size()) - 1);
    const int from = pick(m_rng);
    const int to = otherThan(from);
    wire::Ping ping;
    ping.seqNo = ++m_seq;
    ping.node = m_nodes[std::size_t(to)].name;
    ping.sourceAddr = m_nodes[std::size_t(from)].address.ip;
    ping.sourcePort = kGossipPort;
    ping.sourceNode = m_nodes[std::size_t(from)].name;
    sendUdp(from, to, piggyback(ping));
    m_nowNs += 200'000; // a LAN round trip
    sendUdp(to, from, piggyback(wire::Ack{m_seq, {}}));
}

// A node is suspected and refutes it, or leaves and comes back with a higher incarnation.
void GossipCaptureWriter::churn()
{
    std::uniform_int_distribution<int> pick(0, int(m_nodes.size()) - 1);
    Node &node = m_nodes[std::size_t(pick(m_rng))];
    const int accuser = otherThan(int(&node - m_nodes.data()));
    if (m_seq % 2 == 0)
        m_broadcasts.emplace_back(
            wire::Suspect{node.incarnation, node.name, m_nodes[std::size_t(accuser)].name},
            kRetransmits);
    else
        m_broadcasts.emplace_back(wire::Dead{node.incarnation, node.name, node.name}, kRetransmits);
    ++node.incarnation;
    m_broadcasts.emplace_back(aliveOf(node), kRetransmits);
}

void GossipCaptureWriter::setValue()
{
    const std::string text = "value " + std::to_string(++m_values) + " set by the benchmark";
    m_broadcasts.emplace_back(wire::UserMsg{wire::Bytes(text.begin(), text.end())}, kRetransmits);
}

void GossipCaptureWriter::sendUdp(int from, int to, const std::vector<wire::Message> &messages)
{
    capture::Segment segment;
    segment.transport = capture::Transport::Udp;
    segment.from = m_nodes[std::size_t(from)].address;
    segment.to = m_nodes[std::size_t(to)].address;
    segment.payload = wire::sealPacket(messages, {}, {});
    emit(segment);
}

const wire::Bytes &GossipCaptureWriter::pushPullFrame()
{
    if (m_pushPull.empty() || ++m_pushPullUses % kPushPullRefresh == 0) {
        wire::PushPull state;
        for (const Node &node : m_nodes) {
            const wire::Alive alive = aliveOf(node);
            state.nodes.push_back(wire::PushNodeState{node.name, alive.addr, alive.port, alive.meta,
                                                      node.incarnation, node.state, alive.vsn});
        }
        m_pushPull = wire::encodeFrame(state, wire::StreamOptions{}, {});
    }
    return m_pushPull;
}

// One exchange: SYN both ways, the dialler's state, the reply, FIN both ways — except now
// and then a connection the capture never sees closed.
void GossipCaptureWriter::pushPull()
{
    std::uniform_int_distribution<int> pick(0, int(m_nodes.size()) - 1);
    const int from = pick(m_rng);
    const int to = otherThan(from);
    const auto dialPort = std::uint16_t(32768 + m_written.tcpConnections % 28000);
    const wire::Endpoint dialler{m_nodes[std::size_t(from)].address.ip, dialPort};
    const wire::Endpoint listener = m_nodes[std::size_t(to)].address;
    const bool close = ++m_written.tcpConnections % kUnclosedEvery != 0;
    if (!close)
        ++m_written.unclosedConnections;
    const wire::Bytes &frame = pushPullFrame();
    sendStream(dialler, listener, m_seq * 7919u, frame, close);
    m_nowNs += 300'000;
    sendStream(listener, dialler, m_seq * 104729u, frame, close);
}

void GossipCaptureWriter::sendStream(const wire::Endpoint &from, const wire::Endpoint &to,
                                     std::uint32_t isn, const wire::Bytes &bytes, bool close)
{
    capture::Segment segment;
    segment.transport = capture::Transport::Tcp;
    segment.from = from;
    segment.to = to;
    segment.seq = isn;
    segment.tcpFlags = capture::kTcpSyn;
    emit(segment);
    segment.tcpFlags = 0;
    std::uint32_t seq = isn + 1;
    for (std::size_t at = 0; at < bytes.size(); at += kMss) {
        const std::size_t end = std::min(bytes.size(), at + kMss);
        segment.seq = seq + std::uint32_t(at);
        segment.payload.assign(bytes.begin() + std::ptrdiff_t(at),
                               bytes.begin() + std::ptrdiff_t(end));
        emit(segment);
    }
    if (!close)
        return;
    segment.seq = seq + std::uint32_t(bytes.size());
    segment.payload.clear();
    segment.tcpFlags = capture::kTcpFin;
    emit(segment);
}

void GossipCaptureWriter::emit(const capture::Segment &segment)
{
    const wire::Bytes packet = capture::buildIpPacket(segment);
    m_nowNs += 1'000; // distinct, increasing timestamps
    (void)m_writer.writePacket(m_nowNs, packet);
    ++m_written.packets;
    m_written.bytes += packet.size() + 32; // the enhanced packet block around it
}

} // namespace grapevine::bench
