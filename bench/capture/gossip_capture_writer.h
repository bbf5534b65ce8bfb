// gossip_capture_writer.h — writes a big, realistic capture of a memberlist cluster for the
// capture benchmark: every node probes once per protocol period (a compound ping with
// piggybacked broadcasts, then the ack), suspicions that are refuted, leaves and rejoins,
// plain-text values as user messages, and push/pull exchanges over TCP carrying every
// node's state (compressed, in MSS-sized segments). A few TCP connections never close, as
// when a capture stops mid-exchange. Packets are sealed by core/wire and framed by
// core/capture's frame builder, then written with PcapngWriter — the code paths an export
// uses. Seeded: the same arguments write the same file.
#pragma once

#include "core/capture/captured_frame.h"
#include "core/capture/pcapng_writer.h"
#include "core/wire/messages.h"

#include <cstdint>
#include <deque>
#include <random>
#include <string>
#include <vector>

namespace grapevine::bench {

struct WrittenCapture {
    std::uint64_t bytes = 0;
    std::uint64_t packets = 0;
    std::uint64_t tcpConnections = 0;
    std::uint64_t unclosedConnections = 0;
};

class GossipCaptureWriter {
public:
    static constexpr std::uint16_t kGossipPort = 7946;

    GossipCaptureWriter(int nodes, std::uint32_t seed);

    // Writes until the file holds at least `targetBytes`. Error: the file cannot be written.
    wire::Result<WrittenCapture> write(const std::string &path, std::uint64_t targetBytes);

private:
    struct Node {
        std::string name;
        wire::Endpoint address;
        std::uint32_t incarnation = 1;
        wire::NodeState state = wire::NodeState::Alive;
    };

    void probe();
    void pushPull();
    void churn();
    void setValue();
    void sendUdp(int from, int to, const std::vector<wire::Message> &messages);
    void sendStream(const wire::Endpoint &from, const wire::Endpoint &to, std::uint32_t isn,
                    const wire::Bytes &bytes, bool close);
    void emit(const capture::Segment &segment);
    std::vector<wire::Message> piggyback(wire::Message first);
    const wire::Bytes &pushPullFrame();
    wire::Alive aliveOf(const Node &node) const;
    int otherThan(int node);

    std::vector<Node> m_nodes;
    std::mt19937 m_rng;
    std::deque<std::pair<wire::Message, int>> m_broadcasts; // message, sends left
    capture::PcapngWriter m_writer;
    WrittenCapture m_written;
    std::int64_t m_nowNs = 1'700'000'000'000'000'000;
    std::uint32_t m_seq = 0;
    std::uint64_t m_values = 0;
    wire::Bytes m_pushPull; // cached: re-encoded every kPushPullRefresh exchanges
    int m_pushPullUses = 0;
};

} // namespace grapevine::bench
