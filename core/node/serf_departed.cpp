// serf_departed.cpp — see serf_departed.h.
#include "serf_departed.h"

namespace grapevine {

const MemberSnapshot &SerfDeparted::keep(MemberSnapshot member, qint64 nowMs)
{
    member.reaped = true;
    const QString name = member.name;
    Entry &entry = m_entries[name];
    entry = Entry{std::move(member), nowMs};
    return entry.member;
}

bool SerfDeparted::forget(const QString &name)
{
    return m_entries.erase(name) > 0;
}

const MemberSnapshot *SerfDeparted::markLeft(const QString &name)
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end())
        return nullptr;
    MemberSnapshot &member = it->second.member;
    member.leftByIntent = true;
    member.state = MemberState::Left;
    return &member;
}

std::optional<MemberSnapshot> SerfDeparted::prune(const QString &name)
{
    m_pruned.insert(name);
    const auto it = m_entries.find(name);
    if (it == m_entries.end())
        return std::nullopt;
    MemberSnapshot kept = std::move(it->second.member);
    m_entries.erase(it);
    return kept;
}

QList<MemberSnapshot> SerfDeparted::all() const
{
    QList<MemberSnapshot> members;
    members.reserve(qsizetype(m_entries.size()));
    for (const auto &[name, entry] : m_entries)
        members.append(entry.member);
    return members;
}

QList<MemberSnapshot> SerfDeparted::expire(qint64 nowMs, qint64 failedTimeoutMs,
                                           qint64 leftTimeoutMs)
{
    QList<MemberSnapshot> expired;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const qint64 timeout =
            it->second.member.state == MemberState::Left ? leftTimeoutMs : failedTimeoutMs;
        if (nowMs - it->second.reapedMs > timeout) {
            expired.append(it->second.member);
            it = m_entries.erase(it);
        } else {
            ++it;
        }
    }
    return expired;
}

} // namespace grapevine
