// reconnect_list.cpp — see reconnect_list.h.
#include "reconnect_list.h"

#include <algorithm>

namespace grapevine::protocol {

void ReconnectList::add(ReconnectEntry entry)
{
    if (m_limit == 0)
        return;
    remove(entry.name);
    while (m_entries.size() >= m_limit) {
        const auto oldest = std::min_element(m_entries.begin(), m_entries.end(),
                                             [](const ReconnectEntry &a, const ReconnectEntry &b) {
                                                 return a.reapedAt < b.reapedAt;
                                             });
        removeAt(static_cast<std::size_t>(oldest - m_entries.begin()));
    }
    m_index.emplace(entry.name, m_entries.size());
    m_entries.push_back(std::move(entry));
}

bool ReconnectList::remove(std::string_view name)
{
    if (m_entries.empty())
        return false;
    const auto it = m_index.find(name);
    if (it == m_index.end())
        return false;
    removeAt(it->second);
    return true;
}

bool ReconnectList::removeIfNotOlder(std::string_view name, std::uint32_t incarnation)
{
    if (m_entries.empty())
        return false;
    const auto it = m_index.find(name);
    if (it == m_index.end() || incarnation < m_entries[it->second].incarnation)
        return false;
    removeAt(it->second);
    return true;
}

void ReconnectList::expire(TimePoint now, Duration timeout)
{
    for (std::size_t i = m_entries.size(); i-- > 0;) {
        if (now - m_entries[i].reapedAt > timeout)
            removeAt(i);
    }
}

void ReconnectList::removeAt(std::size_t i)
{
    m_index.erase(m_entries[i].name);
    if (i + 1 != m_entries.size()) {
        m_entries[i] = std::move(m_entries.back());
        m_index[m_entries[i].name] = i;
    }
    m_entries.pop_back();
}

} // namespace grapevine::protocol
