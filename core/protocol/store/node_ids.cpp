// node_ids.cpp — see node_ids.h.
#include "node_ids.h"

#include <cassert>

namespace grapevine::protocol {

std::uint32_t NodeIds::acquire(std::string_view name, std::uint64_t hash)
{
    if (const std::uint32_t id = find(name, hash); id != kNone) {
        ++m_entries[id].holders;
        return id;
    }
    std::uint32_t id = kNone;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else if (m_entries.size() < kMaxIds) {
        id = std::uint32_t(m_entries.size());
        m_entries.emplace_back();
    } else {
        return kNone;
    }
    m_entries[id] = Entry{std::string(name), hash, 1};
    m_index.insert(id, Keys{this});
    return id;
}

void NodeIds::release(std::uint32_t id)
{
    Entry &entry = m_entries[id];
    assert(entry.holders > 0);
    if (--entry.holders > 0)
        return;
    m_index.erase(id, Keys{this}); // reads the name and hash: erase before forgetting them
    entry.name.clear();
    entry.name.shrink_to_fit();
    m_free.push_back(id);
}

} // namespace grapevine::protocol
