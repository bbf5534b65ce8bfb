// member_timelines.cpp — see the header.
#include "member_timelines.h"

#include <algorithm>

namespace grapevine {

MemberTimelines::MemberTimelines(int perMember, int maxMembers)
    : m_perMember(std::max(1, perMember))
    , m_maxMembers(std::max(1, maxMembers))
{
}

void MemberTimelines::add(const TimelineEntry &entry)
{
    if (!m_histories.contains(entry.member) && m_histories.size() >= m_maxMembers)
        dropStalest();
    History &history = m_histories[entry.member];
    history.entries.push_back(entry);
    history.lastAdded = ++m_adds;
    if (history.entries.size() > std::size_t(m_perMember))
        history.entries.pop_front();
}

QList<TimelineEntry> MemberTimelines::of(const QString &member) const
{
    const auto it = m_histories.constFind(member);
    if (it == m_histories.cend())
        return {};
    return QList<TimelineEntry>(it->entries.begin(), it->entries.end());
}

bool MemberTimelines::contains(const QString &member) const
{
    return m_histories.contains(member);
}

QStringList MemberTimelines::members() const
{
    return m_histories.keys();
}

// Linear, but only when a new member arrives at a full table: rare next to add().
void MemberTimelines::dropStalest()
{
    auto stalest = m_histories.begin();
    for (auto it = m_histories.begin(); it != m_histories.end(); ++it)
        if (it->lastAdded < stalest->lastAdded)
            stalest = it;
    if (stalest != m_histories.end())
        m_histories.erase(stalest);
}

} // namespace grapevine
