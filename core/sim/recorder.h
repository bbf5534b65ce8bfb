// recorder.h — what the simulator observed: counters, member-change history, a trace hash.
// Owns: per-observer alive counts kept from MemberChanged effects (O(N) memory, not O(N^2)),
// every dead/left declaration with its time, and a running FNV-1a hash over every event and
// effect, so two runs with the same seed can be compared with one number.
// Never: holds pointers into engines; everything is copied out of effects.
#pragma once

#include "core/protocol/effects.h"
#include "sim_address.h"

#include <cstdint>
#include <vector>

namespace grapevine::sim {

struct SimCounters {
    std::uint64_t events = 0;
    std::uint64_t packetsSent = 0, packetsDelivered = 0, bytesSent = 0, messagesSent = 0;
    std::uint64_t lost = 0, partitionDrops = 0, downDrops = 0, bufferDrops = 0;
    std::uint64_t unroutable = 0, codecErrors = 0;
    std::uint64_t streamsOpened = 0, streamsFailed = 0, streamBytes = 0;
    std::uint64_t memberEvents = 0, userDeliveries = 0;
    // User messages sent (UDP parts, piggybacked or alone, and TCP) and their encoded bytes:
    // what an application's payloads cost, apart from the membership traffic around them.
    std::uint64_t userMessagesSent = 0, userBytesSent = 0;
};

// One observer declaring a subject dead (or left), at a point of virtual time.
struct DeathRecord {
    protocol::TimePoint at{};
    NodeId observer = 0;
    NodeId subject = 0;
    wire::NodeState state = wire::NodeState::Dead;
};

class Recorder {
public:
    void addNode();
    // The node's engine was replaced (crash, restart): its own view starts again.
    void resetView(NodeId node);
    void onMemberChanged(protocol::TimePoint now, NodeId observer,
                         const protocol::MemberChanged &change);

    // Alive + suspect members as seen by the observer, itself included.
    [[nodiscard]] int aliveSeenBy(NodeId observer) const { return m_aliveSeen[observer]; }
    [[nodiscard]] const std::vector<DeathRecord> &deaths() const { return m_deaths; }
    [[nodiscard]] SimCounters &counters() { return m_counters; }
    [[nodiscard]] const SimCounters &counters() const { return m_counters; }

    // Folds one word into the trace hash: order-sensitive, one multiply (it runs a few
    // times per event, millions of times a run; a byte-wise FNV cost 2.6 % of a join storm).
    void mix(std::uint64_t word)
    {
        m_hash = (m_hash ^ word) * 0x9e3779b97f4a7c15ULL;
        m_hash ^= m_hash >> 29;
    }
    [[nodiscard]] std::uint64_t traceHash() const { return m_hash; }

private:
    std::vector<int> m_aliveSeen;
    std::vector<DeathRecord> m_deaths;
    SimCounters m_counters;
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

} // namespace grapevine::sim
