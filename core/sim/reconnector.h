// reconnector.h — the layer above memberlist that heals partitions. memberlist never
// probes or syncs with members it holds dead; Serf's reconnect loop does: every
// ReconnectInterval (30 s by default; first tick at a random offset) each node joins one
// random member it holds as failed. Internal to core/sim's partition scenario.
#pragma once

#include "simulator.h"

#include <optional>
#include <random>
#include <vector>

namespace grapevine::sim {

class Reconnector {
public:
    Reconnector(Simulator &sim, protocol::Duration interval, std::uint64_t seed);
    // Runs every node's reconnect that is due at the simulator's current time.
    void tick();

private:
    std::optional<NodeId> randomFailedPeer(NodeId id);

    Simulator &m_sim;
    protocol::Duration m_interval;
    std::mt19937_64 m_rng;
    std::vector<protocol::TimePoint> m_due;
};

// Every member of every live view is alive (suspects do not count, unlike Simulator::allSee).
bool everyoneSeesEveryoneAlive(Simulator &sim, int n);

} // namespace grapevine::sim
