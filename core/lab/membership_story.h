// membership_story.h — how the newest membership rumor about one chosen member spread
// through a lab cluster (issue #15): "n5 is suspect at incarnation 1", "n5 is alive at
// incarnation 2" (its refutation), "n5 is dead": for each node, when it first believed it,
// from whom and by which path — the same infection tree a value's RumorStory draws.
// Owns: the infections of one rumor (state, incarnation) about the subject; a newer rumor
// (memberlist's precedence: a higher incarnation, or at the same one alive < suspect < dead)
// starts a new story, an older one is ignored. Never: looks at engines; LabCluster reports
// each change of a node's view of the subject as the engine announces it.
#pragma once

#include "core/wire/messages.h"
#include "rumor_story.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace grapevine::lab {

class MembershipStory {
public:
    // Follows `subject` from now on; the story so far is dropped.
    void follow(sim::NodeId subject);
    [[nodiscard]] sim::NodeId subject() const { return m_subject; }

    // `node` now holds `state` at `incarnation` about the subject. `from` and `path`: the
    // packet that brought it (none, Origin: the node's own detection or the subject's own
    // refutation).
    void onChanged(sim::NodeId node, wire::NodeState state, std::uint32_t incarnation,
                   protocol::TimePoint at, std::optional<sim::NodeId> from, InfectionPath path);
    void markComplete(protocol::TimePoint at)
    {
        m_completeAt = at;
        ++m_generation;
    }

    [[nodiscard]] bool empty() const { return m_infections.empty(); }
    [[nodiscard]] wire::NodeState state() const { return m_state; }
    [[nodiscard]] std::uint32_t incarnation() const { return m_incarnation; }
    [[nodiscard]] std::string describe() const; // "n5 suspect at incarnation 1"
    [[nodiscard]] const std::vector<Infection> &infections() const { return m_infections; }
    [[nodiscard]] bool holds(sim::NodeId node) const;
    [[nodiscard]] protocol::TimePoint startedAt() const { return m_startedAt; }
    [[nodiscard]] std::optional<protocol::TimePoint> completeAt() const { return m_completeAt; }
    [[nodiscard]] std::uint64_t generation() const { return m_generation; }

private:
    [[nodiscard]] bool isNewer(wire::NodeState state, std::uint32_t incarnation) const;

    sim::NodeId m_subject = 0;
    wire::NodeState m_state = wire::NodeState::Alive;
    std::uint32_t m_incarnation = 0;
    std::vector<Infection> m_infections;
    std::vector<bool> m_holds; // by node id
    protocol::TimePoint m_startedAt{};
    std::optional<protocol::TimePoint> m_completeAt;
    std::uint64_t m_generation = 0; // bumped on every change (for viewers)
};

} // namespace grapevine::lab
