// broadcast_queue.cpp — see broadcast_queue.h. The walk follows queue.go GetBroadcasts:
// tier by tier from the lowest transmit count, in each tier the longest item that fits,
// raised items re-inserted only after the walk so they are not taken twice.
#include "broadcast_queue.h"

#include <limits>

namespace grapevine::protocol {

bool BroadcastQueue::KeyLess::operator()(const Key &a, const Key &b) const
{
    if (a.transmits != b.transmits)
        return a.transmits < b.transmits;
    if (a.size != b.size)
        return a.size > b.size;
    return a.id > b.id;
}

std::uint64_t BroadcastQueue::queue(std::string name, wire::Message message)
{
    if (!name.empty()) {
        if (auto old = m_byName.find(name); old != m_byName.end())
            erase(m_items.find(old->second->key));
    }
    const Key key{0, static_cast<int>(wire::encodedSize(message)), ++m_nextId};
    auto it = m_items.emplace(key, Entry{key, std::move(name), std::move(message)}).first;
    if (!it->second.name.empty())
        m_byName.emplace(std::string_view(it->second.name), &it->second);
    return key.id;
}

bool BroadcastQueue::contains(std::uint64_t id) const
{
    for (const auto &item : m_items)
        if (item.first.id == id)
            return true;
    return false;
}

void BroadcastQueue::erase(Items::iterator it)
{
    if (it == m_items.end())
        return;
    if (!it->second.name.empty())
        m_byName.erase(std::string_view(it->second.name));
    m_items.erase(it);
}

void BroadcastQueue::clear()
{
    m_items.clear();
    m_byName.clear();
}

BroadcastQueue::Items::iterator BroadcastQueue::findFitting(int transmits, int free)
{
    // In key order the first item at this tier with size <= free is the longest that fits.
    const Key probe{transmits, free, std::numeric_limits<std::uint64_t>::max()};
    auto it = m_items.lower_bound(probe);
    if (it == m_items.end() || it->first.transmits != transmits)
        return m_items.end();
    return it;
}

int BroadcastQueue::getBroadcasts(int overhead, int limit, int transmitLimit,
                                  std::vector<wire::Message> &out)
{
    int used = 0;
    std::vector<Items::node_type> reinsert;
    int tier = m_items.empty() ? 0 : m_items.begin()->first.transmits;
    while (!m_items.empty()) {
        const int free = limit - used - overhead;
        if (free <= 0)
            break;
        auto it = findFitting(tier, free);
        if (it == m_items.end()) {
            auto next = m_items.lower_bound(Key{tier + 1, std::numeric_limits<int>::max(),
                                                std::numeric_limits<std::uint64_t>::max()});
            if (next == m_items.end())
                break;
            tier = next->first.transmits;
            continue;
        }
        used += overhead + it->first.size;
        if (it->first.transmits + 1 >= transmitLimit) {
            out.push_back(std::move(it->second.message));
            erase(it);
            continue;
        }
        out.push_back(it->second.message);
        auto node = m_items.extract(it);
        node.key().transmits += 1;
        node.mapped().key = node.key();
        reinsert.push_back(std::move(node));
    }
    for (auto &node : reinsert)
        m_items.insert(std::move(node));
    return used;
}

} // namespace grapevine::protocol
