// rumor_story.h — how the newest shared value spread through a lab cluster: for each node,
// when it first held the value, from whom and by which path (the infection tree), and the
// reach curve beside Serf's convergence model for the same cluster.
// Owns: the infections of one version (a newer version starts a new story). Never: looks
// at engines; LabCluster reports each apply as it happens.
#pragma once

#include "core/protocol/config.h"
#include "core/sim/sim_address.h"
#include "core/value/version.h"

#include <optional>
#include <string>
#include <vector>

namespace grapevine::lab {

enum class InfectionPath {
    Origin,    // the node that set it
    EagerPush, // a user message sent at once to a few peers (pushUser)
    Gossip,    // piggybacked on a gossip or probe packet (the broadcast queue)
    PushPull,  // the periodic TCP state exchange (anti-entropy)
    Restored,  // a restarted node's own state file
};
const char *pathName(InfectionPath path); // "origin", "eager push", "gossip", …

struct Infection {
    sim::NodeId node = 0;
    std::optional<sim::NodeId> from; // who it came from (none for origin and restored)
    InfectionPath path = InfectionPath::Origin;
    protocol::TimePoint at{};
};

class RumorStory {
public:
    // A node applied `version` (text `value`) at `at`. A newer version than the story's
    // starts a new story; an older one, or a second apply at the same node, is ignored.
    void onApplied(sim::NodeId node, const value::Version &version, const std::string &value,
                   protocol::TimePoint at, std::optional<sim::NodeId> from, InfectionPath path);
    // Every node that can hold a value (not crashed, not left) holds it: the story is
    // complete at the last of their infections (set once).
    void markComplete(protocol::TimePoint at)
    {
        m_completeAt = at;
        ++m_generation;
    }

    [[nodiscard]] bool empty() const { return m_infections.empty(); }
    [[nodiscard]] const value::Version &version() const { return m_version; }
    [[nodiscard]] const std::string &value() const { return m_value; }
    [[nodiscard]] const std::vector<Infection> &infections() const { return m_infections; }
    [[nodiscard]] bool holds(sim::NodeId node) const;
    [[nodiscard]] protocol::TimePoint startedAt() const { return m_startedAt; }
    [[nodiscard]] std::optional<protocol::TimePoint> completeAt() const { return m_completeAt; }
    [[nodiscard]] int countBy(InfectionPath path) const;
    [[nodiscard]] std::uint64_t generation() const { return m_generation; }

private:
    value::Version m_version;
    std::string m_value;
    std::vector<Infection> m_infections;
    std::vector<bool> m_holds; // by node id
    protocol::TimePoint m_startedAt{};
    std::optional<protocol::TimePoint> m_completeAt;
    std::uint64_t m_generation = 0; // bumped on every change (for viewers)
};

// Serf's convergence model (its convergence simulator page, field notes §3.3): the fraction
// of a cluster of n that holds a rumor after `seconds`, with gossip every `interval` to
// `fanout` peers and a packet loss fraction: 1 / (1 + (n+1)·e^(−k·x)), x = seconds / interval,
// k = fanout · (1 − loss) · (1 − failed) / 2.
double serfModelFraction(int n, double seconds, double intervalSeconds, int fanout, double loss,
                         double failed = 0);
// The model's inverse: seconds until `fraction` (0 < fraction < 1) of the cluster holds it,
// x = ln((n+1) / (1/fraction − 1)) / k rounds of `interval`; 0 when it holds from the start.
double serfModelSecondsTo(double fraction, int n, double intervalSeconds, int fanout, double loss,
                          double failed = 0);

} // namespace grapevine::lab
