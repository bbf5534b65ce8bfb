// broadcast_queue.h — memberlist's TransmitLimitedQueue (queue.go) over wire::Message items.
// Owns: queued broadcasts, their transmit counts and the fill-a-packet walk. Never: I/O.
// Order: fewest transmits first, then longest, then newest. A named item replaces a queued
// one with the same name (memberlist names its broadcasts by the subject node).
//
// Kept small because the simulator runs thousands of queues that each hold thousands of
// items during a join storm: an item is 32 bytes in a slab, the message itself is shared
// (immutable, reference-counted: a re-gossiped alive is one object in every queue), and the
// order lives in one max-heap of packed (id, slot) words per (transmits, size) bucket.
// Replaced or retired items leave stale heap words behind that are skipped when they surface
// and swept once they outnumber the live items.
#pragma once

#include "flat_name_index.h"
#include "shared_message.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace grapevine::protocol {

class BroadcastQueue {
public:
    // Queues `message`; an empty name is never replaced. Returns the item's id, which
    // stays contains()-true until the item is retired or replaced (0, and nothing queued,
    // only when 2^24 items are already queued).
    std::uint64_t queue(std::string name, wire::Message message);
    std::uint64_t queue(std::string name, SharedMessage message);
    // The same, for a caller that already knows wire::encodedSize(*message).
    std::uint64_t queue(std::string name, SharedMessage message, std::size_t encodedSize);

    // Appends to `out` the items that fit in `limit` bytes, each costing its encoded size
    // plus `overhead`. Each taken item counts one transmit; at `transmitLimit` it retires
    // (a limit of 0 still allows one send). Returns the bytes used.
    int getBroadcasts(int overhead, int limit, int transmitLimit,
                      std::vector<wire::Message> &out);
    // The same walk, handing out the shared messages instead of copies.
    int getBroadcasts(int overhead, int limit, int transmitLimit,
                      std::vector<SharedMessage> &out);

    // O(n): only the leave path asks.
    [[nodiscard]] bool contains(std::uint64_t id) const;
    [[nodiscard]] std::size_t size() const { return m_live; }
    [[nodiscard]] bool empty() const { return m_live == 0; }
    void clear();

private:
    struct Item {
        SharedMessage message; // null: a free slot
        std::uint64_t id = 0;
        std::int32_t size = 0;
        std::uint16_t transmits = 0;
        bool named = false;    // its name is in m_names (or is the message's subject)
    };
    struct BucketKey {
        int transmits = 0;
        int size = 0;
    };
    struct BucketLess {
        bool operator()(const BucketKey &a, const BucketKey &b) const
        {
            return a.transmits != b.transmits ? a.transmits < b.transmits : a.size > b.size;
        }
    };
    using Heap = std::vector<std::uint64_t>; // (id << kSlotBits) | slot, largest id on top
    struct Bucket {
        BucketKey key;
        Heap heap;
    };
    // Sorted by BucketLess. A flat array, not a tree: a queue has a few dozen buckets, and
    // the walk's searches then touch one or two cache lines instead of a node per level
    // (the simulator visits thousands of queues, each cold in cache).
    using Buckets = std::vector<Bucket>;
    [[nodiscard]] Buckets::iterator lowerBound(BucketKey key);
    static constexpr int kSlotBits = 24; // ids get the other 40 bits
    static constexpr std::size_t kMaxItems = std::size_t(1) << kSlotBits;

    template <class Out>
    int walk(int overhead, int limit, int transmitLimit, Out &&take);
    std::uint64_t add(std::string name, SharedMessage message, std::size_t size);
    [[nodiscard]] bool valid(std::uint64_t word, int transmits) const;
    std::uint32_t popFitting(std::size_t &cursor, int free);
    void push(std::uint32_t slot);
    SharedMessage release(std::uint32_t slot);
    void sweep();
    [[nodiscard]] std::string_view nameOf(std::uint32_t slot) const;

    std::vector<Item> m_items;
    std::vector<std::uint32_t> m_free;
    Buckets m_buckets;
    // Names that are not the message's own subject (refutations under the IP text, user
    // keys), by slot; the name index below views either these or the messages.
    std::unordered_map<std::uint32_t, std::string> m_otherNames;
    FlatNameIndex m_byName;
    std::size_t m_live = 0;
    std::size_t m_stale = 0; // heap words whose item was replaced or retired
    std::uint64_t m_nextId = 0;
    std::vector<std::uint32_t> m_raised; // walk()'s scratch, kept to spare an allocation
};

} // namespace grapevine::protocol
