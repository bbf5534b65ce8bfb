// membership_story.cpp — see the header.
#include "membership_story.h"
#include "core/wire/claim_precedence.h"

namespace grapevine::lab {

namespace {

const char *stateWord(wire::NodeState state)
{
    switch (state) {
    case wire::NodeState::Alive:
        return "alive";
    case wire::NodeState::Suspect:
        return "suspect";
    case wire::NodeState::Dead:
        return "dead";
    case wire::NodeState::Left:
        return "left";
    }
    return "?";
}

} // namespace

void MembershipStory::follow(sim::NodeId subject)
{
    *this = MembershipStory{};
    m_subject = subject;
    ++m_generation;
}

bool MembershipStory::isNewer(wire::NodeState state, std::uint32_t incarnation) const
{
    return m_infections.empty() ||
           wire::claimSupersedes(state, incarnation, m_state, m_incarnation);
}

void MembershipStory::onChanged(sim::NodeId node, wire::NodeState state, std::uint32_t incarnation,
                                protocol::TimePoint at, std::optional<sim::NodeId> from,
                                InfectionPath path)
{
    if (isNewer(state, incarnation)) {
        m_state = state;
        m_incarnation = incarnation;
        m_infections.clear();
        m_holds.clear();
        m_startedAt = at;
        m_completeAt.reset();
    } else if (state != m_state || incarnation != m_incarnation || holds(node)) {
        return; // an older rumor, or one this node already holds
    }
    if (m_holds.size() <= node)
        m_holds.resize(node + 1, false);
    m_holds[node] = true;
    m_infections.push_back({node, from, path, at});
    ++m_generation;
}

bool MembershipStory::holds(sim::NodeId node) const
{
    return node < m_holds.size() && m_holds[node];
}

std::string MembershipStory::describe() const
{
    return sim::nodeName(m_subject) + " " + stateWord(m_state) + " at incarnation " +
           std::to_string(m_incarnation);
}

} // namespace grapevine::lab
