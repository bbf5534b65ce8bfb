#include "recorder.h"

namespace grapevine::sim {

void Recorder::addNode()
{
    m_aliveSeen.push_back(1);
}

void Recorder::resetView(NodeId node)
{
    m_aliveSeen[node] = 1;
}

void Recorder::onMemberChanged(protocol::TimePoint now, NodeId observer,
                               const protocol::MemberChanged &change)
{
    ++m_counters.memberEvents;
    const auto subject = parseNodeName(change.member.name);
    mix(std::uint64_t(now.count()));
    mix((std::uint64_t(observer) << 32) | subject.value_or(0xffffffffu));
    mix((std::uint64_t(change.kind) << 8) | std::uint64_t(change.member.state));
    // The engine's own record counts once, from the start (by name: isSelf is a hint only).
    if (change.member.isSelf || subject == observer)
        return;
    switch (change.kind) {
    case protocol::MemberEventKind::Joined:
        ++m_aliveSeen[observer];
        break;
    case protocol::MemberEventKind::Left:
        --m_aliveSeen[observer];
        if (subject)
            m_deaths.push_back(DeathRecord{now, observer, *subject, change.member.state});
        break;
    case protocol::MemberEventKind::Updated:
    case protocol::MemberEventKind::Removed:
        break;
    }
}

} // namespace grapevine::sim
