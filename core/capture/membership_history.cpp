#include "core/capture/membership_history.h"
#include "core/wire/claim_precedence.h"

#include <type_traits>

namespace grapevine::capture {

namespace {

bool wins(std::uint32_t incarnation, wire::NodeState state, const CapturedMember &current)
{
    return wire::claimSupersedes(state, incarnation, current.state, current.incarnation);
}

} // namespace

const char *memberStateName(wire::NodeState state)
{
    return wire::nodeStateName(state);
}

void MembershipHistory::handleRecord(const CaptureRecord &record)
{
    for (const wire::Message &message : record.messages)
        handleMessage(message, record);
}

void MembershipHistory::handleMessage(const wire::Message &message, const CaptureRecord &record)
{
    std::visit(
        [&](const auto &m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, wire::Alive>) {
                const wire::Endpoint address{wire::Bytes(m.addr.begin(), m.addr.end()), m.port};
                apply({m.node, wire::NodeState::Alive, m.incarnation, &address, &m.meta}, record);
            } else if constexpr (std::is_same_v<T, wire::Suspect>) {
                apply({m.node, wire::NodeState::Suspect, m.incarnation}, record);
            } else if constexpr (std::is_same_v<T, wire::Dead>) {
                const auto state = m.from == m.node ? wire::NodeState::Left : wire::NodeState::Dead;
                apply({m.node, state, m.incarnation}, record);
            } else if constexpr (std::is_same_v<T, wire::PushPull>) {
                for (const wire::PushNodeState &node : m.nodes) {
                    const wire::Endpoint address{wire::Bytes(node.addr.begin(), node.addr.end()),
                                                 node.port};
                    apply({node.name, node.state, node.incarnation, &address, &node.meta}, record);
                }
            }
        },
        message);
}

void MembershipHistory::apply(const Claim &claim, const CaptureRecord &record)
{
    auto found = m_members.find(claim.name);
    const bool joined = found == m_members.end();
    if (!joined && !wins(claim.incarnation, claim.state, found->second)) {
        // Same standing: an alive may still tell us an address we did not know.
        if (claim.address != nullptr && found->second.address.ip.empty())
            found->second.address = *claim.address;
        return;
    }
    CapturedMember &member = joined ? m_members[claim.name] : found->second;
    member.name = claim.name;
    member.state = claim.state;
    member.incarnation = claim.incarnation;
    if (claim.address != nullptr && !claim.address->ip.empty())
        member.address = *claim.address;
    if (claim.meta != nullptr)
        member.meta = *claim.meta;
    member.sinceNs = record.timeNs;
    member.sinceFrame = record.frame;
    if (m_changes.size() >= kMaxChanges) {
        ++m_dropped;
        return;
    }
    m_changes.push_back({record.timeNs, record.frame, member, joined});
}

std::map<std::string, CapturedMember> MembershipHistory::membersAt(std::int64_t timeNs) const
{
    std::map<std::string, CapturedMember> at;
    for (const MemberChange &change : m_changes) {
        if (change.timeNs > timeNs)
            break;
        at[change.member.name] = change.member;
    }
    return at;
}

} // namespace grapevine::capture
