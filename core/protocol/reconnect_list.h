// reconnect_list.h — members reaped while dead, still worth a reconnect (Serf's failed-member
// list kept for ReconnectTimeout; not part of memberlist, which forgets them).
// Owns: name, endpoint, incarnation and reap time per entry, at most `limit` entries.
// Never: protocol decisions, clocks or randomness of its own (time and the RNG are passed in);
// never holds a member that left gracefully (the engine does not add those).
#pragma once

#include "config.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace grapevine::protocol {

struct ReconnectEntry {
    std::string name;
    wire::Endpoint endpoint;
    std::uint32_t incarnation = 0; // when reaped; an older "left" is stale
    TimePoint reapedAt{};
};

class ReconnectList {
public:
    explicit ReconnectList(std::size_t limit = 1024)
        : m_limit(limit)
    {
    }

    void setLimit(std::size_t limit) { m_limit = limit; }
    // Adds or replaces the entry for entry.name; beyond the limit the oldest entry goes.
    void add(ReconnectEntry entry);
    bool remove(std::string_view name);
    // Removes the entry only when `incarnation` is at least the one it was reaped at.
    bool removeIfNotOlder(std::string_view name, std::uint32_t incarnation);
    // Removes entries reaped more than `timeout` before `now`.
    void expire(TimePoint now, Duration timeout);

    [[nodiscard]] bool empty() const { return m_entries.empty(); }
    [[nodiscard]] std::size_t size() const { return m_entries.size(); }
    [[nodiscard]] const ReconnectEntry &at(std::size_t i) const { return m_entries[i]; }
    [[nodiscard]] const std::vector<ReconnectEntry> &entries() const { return m_entries; }

private:
    void removeAt(std::size_t i);

    // Unordered (removal swaps with the last entry) plus a name index: lookups run on every
    // applied alive, so they must not scan the list.
    std::vector<ReconnectEntry> m_entries;
    struct NameHash {
        using is_transparent = void; // look up by string_view without building a string
        std::size_t operator()(std::string_view name) const
        {
            return std::hash<std::string_view>{}(name);
        }
    };
    std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> m_index;
    std::size_t m_limit;
};

} // namespace grapevine::protocol
