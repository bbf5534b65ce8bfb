// broadcast_queue.h — memberlist's TransmitLimitedQueue (queue.go) over wire::Message items.
// Owns: queued broadcasts, their transmit counts and the fill-a-packet walk. Never: I/O.
// Order: fewest transmits first, then longest, then newest. A named item replaces a queued
// one with the same name (memberlist names its broadcasts by the subject node).
#pragma once

#include "core/wire/messages.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace grapevine::protocol {

class BroadcastQueue {
public:
    // Queues `message`; an empty name is never replaced. Returns the item's id, which
    // stays contains()-true until the item is retired or replaced.
    std::uint64_t queue(std::string name, wire::Message message);

    // Appends to `out` the items that fit in `limit` bytes, each costing its encoded size
    // plus `overhead`. Each taken item counts one transmit; at `transmitLimit` it retires
    // (a limit of 0 still allows one send). Returns the bytes used.
    int getBroadcasts(int overhead, int limit, int transmitLimit,
                      std::vector<wire::Message> &out);

    // O(n): only the leave path asks.
    [[nodiscard]] bool contains(std::uint64_t id) const;
    [[nodiscard]] std::size_t size() const { return m_items.size(); }
    [[nodiscard]] bool empty() const { return m_items.empty(); }
    void clear();

private:
    struct Key {
        int transmits = 0;
        int size = 0;
        std::uint64_t id = 0;
    };
    struct KeyLess {
        bool operator()(const Key &a, const Key &b) const;
    };
    struct Entry {
        Key key; // a copy of the map key, so the name index needs no update on re-tiering
        std::string name;
        wire::Message message;
    };
    using Items = std::map<Key, Entry, KeyLess>;

    Items::iterator findFitting(int transmits, int free);
    void erase(Items::iterator it);

    Items m_items;
    // Views into the entries' names, pointing at the entries: map nodes keep their
    // address across extract/insert, so re-tiering an item leaves this index untouched.
    std::unordered_map<std::string_view, Entry *> m_byName;
    std::uint64_t m_nextId = 0;
};

} // namespace grapevine::protocol
