// broadcast_queue.h — memberlist's TransmitLimitedQueue (queue.go) over wire::Message items.
// Owns: queued broadcasts, their transmit counts and the fill-a-packet walk. Never: I/O.
// Order: fewest transmits first, then longest, then newest. A named item replaces a queued
// one with the same name (memberlist names its broadcasts by the subject node).
// Reference model: ReferenceQueue in tests/protocol/tst_broadcast_queue.cpp, a plain queue
// with the same order that this one must match call for call.
//
// Kept small because the simulator runs thousands of queues that each hold thousands of
// items during a join storm: an item is 16 bytes in a chunked slab, the message itself is shared
// (immutable, reference-counted: a re-gossiped alive is one object in every queue), and the
// order lives in one vector of packed (id, slot) words per (transmits, size) bucket, sorted
// by id with the newest at the back. Not a heap: ids only grow, so a new item is appended;
// taking one is a pop from the back; the items a walk sent are merged into their next tier
// once per walk, usually at its back (they were the newest of theirs). A heap's sift touched
// log n cold lines for each of those.
// Replaced or retired items leave stale words behind that are skipped when they surface
// and swept once they outnumber the live items.
//
// What the 16 bytes cost (none of it reachable by memberlist traffic):
// - Size is 16 bits. An item of 65,535 bytes or more is stored as "too big" and never sent,
//   whatever the limit: no UDP payload exceeds 65,507 bytes, so it could never fit a packet.
// - Transmits are 8 bits: an item retires after at most 255 sends, whatever transmitLimit
//   says (memberlist's limit is retransmitMult * ceil(log10(n+1)), 40 at 10^9 nodes).
// - An item keeps the low 32 bits of its 64-bit id. The public ids stay 64-bit and distinct;
//   contains() compares the low 32 bits, so it could mistake an id for one queued exactly
//   k * 2^32 ids later (a leave would then wait for its timeout). Heap words are checked by
//   those 32 bits, tier and size, and swept of stale words whenever the 32 bits wrap, so a
//   stale word never stands for a newer item in its slot -- unless its own item had stayed
//   queued across a wrap and the newer one came exactly k * 2^32 ids after it; even then it
//   matches only an item of its own bucket, taken once, at the old word's place in the order.
//   The order within a bucket uses the word's 40 id bits (a sent item moves on to the next
//   tier with the same word): exact until the queue has handed out 2^40 ids. In each case
//   only the order moves: nothing is lost, sent twice in a packet, or past the byte limit.
#pragma once

#include "chunked_vector.h"
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
    BroadcastQueue() = default;
    // Ids continue after `lastId`: tests start a queue just short of the 32-bit wrap.
    explicit BroadcastQueue(std::uint64_t lastId)
        : m_nextId(lastId)
    {
    }

    // Queues `message`; an empty name is never replaced. Returns the item's id, which
    // stays contains()-true until the item is retired or replaced (0, and nothing queued,
    // only when 2^24 - 1 items are already queued).
    std::uint64_t queue(std::string name, wire::Message message);
    // Encodes `message` for its size unless the size was recorded at make().
    std::uint64_t queue(std::string name, SharedMessage message);

    // Appends to `out` the items that fit in `limit` bytes, each costing its encoded size
    // plus `overhead`. Each taken item counts one transmit; at `transmitLimit` it retires
    // (a limit of 0 still allows one send). Returns the bytes used.
    int getBroadcasts(int overhead, int limit, int transmitLimit, std::vector<wire::Message> &out);
    // The same walk, handing out the shared messages instead of copies.
    int getBroadcasts(int overhead, int limit, int transmitLimit, std::vector<SharedMessage> &out);

    // O(n): only the leave path asks.
    [[nodiscard]] bool contains(std::uint64_t id) const;
    [[nodiscard]] std::size_t size() const { return m_live; }
    [[nodiscard]] bool empty() const { return m_live == 0; }
    void clear();

private:
    struct Item {
        SharedMessage message;      // null: a free slot
        std::uint32_t id = 0;       // the low 32 bits of the id queue() returned
        std::uint16_t size = 0;     // encoded size; kTooBig: 65,535 bytes or more
        std::uint8_t transmits = 0; // at most kMaxTransmits - 1 while queued
        bool named = false;         // in m_byName, under m_otherNames' name or its subject's
    };
    static_assert(sizeof(Item) == sizeof(SharedMessage) + 8, "an item is 16 bytes");
    static constexpr std::uint16_t kTooBig = UINT16_MAX;
    static constexpr int kMaxTransmits = UINT8_MAX;
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
    using Words = std::vector<std::uint64_t>; // (id << kSlotBits) | slot, ascending
    struct Bucket {
        BucketKey key;
        Words words;
    };
    // Sorted by BucketLess. A flat array, not a tree: a queue has a few dozen buckets, and
    // the walk's searches then touch one or two cache lines instead of a node per level
    // (the simulator visits thousands of queues, each cold in cache).
    using Buckets = std::vector<Bucket>;
    [[nodiscard]] Buckets::iterator lowerBound(BucketKey key);
    static constexpr int kSlotBits = 24; // ids get the other 40 bits
    static constexpr std::uint64_t kSlotMask = (std::uint64_t(1) << kSlotBits) - 1;
    // The last slot is never used, so no word is all ones.
    static constexpr std::size_t kMaxItems = kSlotMask;
    static_assert(kMaxItems - 1 <= FlatNameIndex::kMaxSlot, "every slot fits the name index");
    static constexpr std::uint64_t kNoWord = ~std::uint64_t(0);
    static constexpr std::size_t kPrefetchAhead = 4;

    template <class Out> int walk(int overhead, int limit, int transmitLimit, Out &&take);
    std::uint64_t add(std::string name, SharedMessage message, std::size_t size);
    [[nodiscard]] inline bool valid(std::uint64_t word, const BucketKey &key) const;
    std::uint64_t popFitting(std::size_t &cursor, int free);
    Words &bucketFor(BucketKey key);
    void push(std::uint64_t word);
    void fileRun(const std::uint64_t *newest, const std::uint64_t *end);
    SharedMessage release(std::uint32_t slot);
    void sweep();
    [[nodiscard]] std::string_view nameOf(std::uint32_t slot) const;
    [[nodiscard]] std::uint64_t hashOf(std::uint32_t slot) const; // hashName(nameOf(slot))
    // What the name index reads: a slot's name and its hash.
    struct Keys {
        const BroadcastQueue *queue;
        std::string_view operator()(std::uint32_t slot) const { return queue->nameOf(slot); }
        [[nodiscard]] std::uint64_t hash(std::uint32_t slot) const { return queue->hashOf(slot); }
    };

    // 256 items (4 KiB) a chunk: a vector's doubling left up to half of it unused and copied
    // every item each time, at the simulator's peak; chunks waste at most one partial chunk.
    ChunkedVector<Item, 256> m_items;
    std::vector<std::uint32_t> m_free;
    Buckets m_buckets;
    // Names that are not the message's own subject (refutations under the IP text, user
    // keys), by slot; the name index below views either these or the messages.
    std::unordered_map<std::uint32_t, std::string> m_otherNames;
    FlatNameIndex m_byName;
    std::size_t m_live = 0;
    std::size_t m_stale = 0; // words whose item was replaced or retired
    std::uint64_t m_nextId = 0;
    std::vector<std::uint64_t> m_raised; // walk()'s scratch (words), kept to spare allocation
};

// Tier and size are checked besides the id so that a stale word which outlived the 32-bit
// id wrap can only ever stand for an item of its own bucket (see above). Inline: the walk
// calls it for every word it looks at.
inline bool BroadcastQueue::valid(std::uint64_t word, const BucketKey &key) const
{
    const Item &item = m_items[static_cast<std::uint32_t>(word & kSlotMask)];
    return item.message && item.id == static_cast<std::uint32_t>(word >> kSlotBits) &&
           item.transmits == key.transmits && item.size == key.size;
}

} // namespace grapevine::protocol
