// network.h — the simulated wire between engines: latency, jitter, loss and partitions.
// Owns: the link model and the partition map, and the seeded RNG that decides each packet's
// fate. Never: reads a clock or global randomness; every decision comes from the seed, so
// the same seed routes the same packets the same way.
// Streams (TCP) are not subject to loss (TCP retransmits), only to partitions.
#pragma once

#include "core/protocol/config.h"
#include "sim_address.h"

#include <cstdint>
#include <map>
#include <random>
#include <utility>
#include <vector>

namespace grapevine::sim {

using protocol::Duration;
using protocol::TimePoint;

struct LinkModel {
    Duration latency = std::chrono::microseconds(500); // one way
    Duration jitter = std::chrono::microseconds(200);  // uniform extra in [0, jitter]
    double loss = 0.0;                                 // UDP drop probability

    // Typical one-way figures for the environment each memberlist preset is tuned for.
    static LinkModel forProfile(protocol::Profile profile);
    friend bool operator==(const LinkModel &, const LinkModel &) = default;
};

enum class DropReason { None, Loss, Partition };

struct Route {
    DropReason drop = DropReason::None;
    Duration delay{};
    [[nodiscard]] bool delivered() const { return drop == DropReason::None; }
};

class Network {
public:
    Network(LinkModel link, std::uint64_t seed);

    Route routePacket(NodeId from, NodeId to);
    Route routeStream(NodeId from, NodeId to);

    // groupOf[i] is node i's side; nodes past the end are in group 0. Replaces any split.
    void partition(std::vector<int> groupOf);
    void heal();
    [[nodiscard]] bool connected(NodeId a, NodeId b) const;
    [[nodiscard]] bool partitioned() const { return !m_groupOf.empty(); }

    void setLink(const LinkModel &link) { m_link = link; }
    [[nodiscard]] const LinkModel &link() const { return m_link; }
    // Per-link overrides (both directions): the pair's packets use `link` instead.
    void setOverride(NodeId a, NodeId b, const LinkModel &link);
    void clearOverride(NodeId a, NodeId b);
    [[nodiscard]] const LinkModel &linkBetween(NodeId a, NodeId b) const;
    [[nodiscard]] const std::vector<int> &groups() const { return m_groupOf; }

private:
    Duration sampleDelay(const LinkModel &link);
    static std::pair<NodeId, NodeId> pairKey(NodeId a, NodeId b)
    {
        return a < b ? std::pair(a, b) : std::pair(b, a);
    }
    [[nodiscard]] int groupOf(NodeId id) const;

    LinkModel m_link;
    std::mt19937_64 m_rng;
    std::vector<int> m_groupOf;
    std::map<std::pair<NodeId, NodeId>, LinkModel> m_overrides;
};

// Derives independent, reproducible seeds (splitmix64) for engines from the run's seed.
[[nodiscard]] std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

} // namespace grapevine::sim
