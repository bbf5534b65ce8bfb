// broadcast_queue.cpp — see broadcast_queue.h. The walk follows queue.go GetBroadcasts:
// tier by tier from the lowest transmit count, in each tier the longest item that fits
// (newest first among equals), raised items re-inserted only after the walk so they are not
// taken twice.
#include "broadcast_queue.h"

#include <algorithm>

namespace grapevine::protocol {
namespace {

std::string_view subjectOf(const wire::Message &message)
{
    if (const auto *a = std::get_if<wire::Alive>(&message))
        return a->node;
    if (const auto *s = std::get_if<wire::Suspect>(&message))
        return s->node;
    if (const auto *d = std::get_if<wire::Dead>(&message))
        return d->node;
    return {};
}

} // namespace

std::uint64_t BroadcastQueue::queue(std::string name, wire::Message message)
{
    return queue(std::move(name), SharedMessage::make(std::move(message)));
}

std::uint64_t BroadcastQueue::queue(std::string name, SharedMessage message)
{
    const std::size_t size = wire::encodedSize(*message);
    return add(std::move(name), std::move(message), size);
}

std::uint64_t BroadcastQueue::queue(std::string name, SharedMessage message,
                                    std::size_t encodedSize)
{
    return add(std::move(name), std::move(message), encodedSize);
}

std::string_view BroadcastQueue::nameOf(std::uint32_t slot) const
{
    if (auto it = m_otherNames.find(slot); it != m_otherNames.end())
        return it->second;
    return subjectOf(*m_items[slot].message);
}

std::uint64_t BroadcastQueue::add(std::string name, SharedMessage message, std::size_t size)
{
    const auto names = [this](std::uint32_t s) { return nameOf(s); };
    if (!name.empty()) {
        if (const auto old = m_byName.find(name, names); old != FlatNameIndex::kNone)
            release(old);
    }
    std::uint32_t slot = 0;
    if (m_free.empty() && m_items.size() >= kMaxItems)
        return 0; // full: never reached by memberlist traffic; refused rather than corrupted
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(m_items.size());
        m_items.emplace_back();
    }
    Item &item = m_items[slot];
    item.size = static_cast<std::int32_t>(size);
    item.message = std::move(message);
    item.id = ++m_nextId;
    item.transmits = 0;
    item.named = !name.empty();
    if (item.named) {
        if (name != subjectOf(*item.message))
            m_otherNames.emplace(slot, std::move(name));
        m_byName.insert(slot, names);
    }
    ++m_live;
    push(slot);
    if (m_stale > m_live + 1024)
        sweep();
    return item.id;
}

bool BroadcastQueue::contains(std::uint64_t id) const
{
    return std::any_of(m_items.begin(), m_items.end(),
                       [id](const Item &item) { return item.message && item.id == id; });
}

BroadcastQueue::Buckets::iterator BroadcastQueue::lowerBound(BucketKey key)
{
    return std::lower_bound(m_buckets.begin(), m_buckets.end(), key,
                            [](const Bucket &b, const BucketKey &k) { return BucketLess{}(b.key, k); });
}

void BroadcastQueue::push(std::uint32_t slot)
{
    const Item &item = m_items[slot];
    const BucketKey key{item.transmits, item.size};
    auto it = lowerBound(key);
    if (it == m_buckets.end() || BucketLess{}(key, it->key))
        it = m_buckets.insert(it, Bucket{key, {}});
    Heap &heap = it->heap;
    heap.push_back((item.id << kSlotBits) | slot);
    std::push_heap(heap.begin(), heap.end());
}

// Frees the slot and hands back its message; its heap word (if in a heap) goes stale.
SharedMessage BroadcastQueue::release(std::uint32_t slot)
{
    Item &item = m_items[slot];
    if (item.named) {
        m_byName.erase(nameOf(slot), [this](std::uint32_t s) { return nameOf(s); });
        m_otherNames.erase(slot);
    }
    item.named = false;
    m_free.push_back(slot);
    --m_live;
    ++m_stale;
    return std::move(item.message);
}

void BroadcastQueue::clear()
{
    m_items.clear();
    m_free.clear();
    m_buckets.clear();
    m_otherNames.clear();
    m_byName.clear();
    m_live = 0;
    m_stale = 0;
}

bool BroadcastQueue::valid(std::uint64_t word, int transmits) const
{
    const Item &item = m_items[word & ((std::uint64_t(1) << kSlotBits) - 1)];
    return item.message && item.id == (word >> kSlotBits) && item.transmits == transmits;
}

// Rebuilds every heap from the live items once stale words outnumber them.
void BroadcastQueue::sweep()
{
    for (Bucket &bucket : m_buckets) {
        const int tier = bucket.key.transmits;
        std::erase_if(bucket.heap, [&](std::uint64_t w) { return !valid(w, tier); });
        std::make_heap(bucket.heap.begin(), bucket.heap.end());
    }
    std::erase_if(m_buckets, [](const Bucket &b) { return b.heap.empty(); });
    m_stale = 0;
}

// From bucket `cursor` on, in queue order: the newest item of the first bucket whose size
// fits `free` and that still holds a live item, taken off its heap; kNone when none is left.
// Buckets passed over never fit later in the same walk (free only shrinks, and a tier
// once left behind is done), so the cursor only moves forward: a walk costs one pass over
// the few dozen buckets plus the heap pops, with no search per item.
std::uint32_t BroadcastQueue::popFitting(std::size_t &cursor, int free)
{
    for (; cursor < m_buckets.size(); ++cursor) {
        Bucket &bucket = m_buckets[cursor];
        if (bucket.key.size > free)
            continue;
        Heap &heap = bucket.heap;
        while (!heap.empty() && !valid(heap.front(), bucket.key.transmits)) {
            std::pop_heap(heap.begin(), heap.end());
            heap.pop_back();
            --m_stale;
        }
        if (heap.empty())
            continue;
        std::pop_heap(heap.begin(), heap.end());
        const std::uint64_t word = heap.back();
        heap.pop_back();
        return static_cast<std::uint32_t>(word & ((std::uint64_t(1) << kSlotBits) - 1));
    }
    return FlatNameIndex::kNone;
}

template <class Out>
int BroadcastQueue::walk(int overhead, int limit, int transmitLimit, Out &&take)
{
    int used = 0;
    std::vector<std::uint32_t> &raised = m_raised;
    raised.clear();
    std::size_t cursor = 0;
    while (m_live > 0) {
        const int free = limit - used - overhead;
        if (free <= 0)
            break;
        const std::uint32_t slot = popFitting(cursor, free);
        if (slot == FlatNameIndex::kNone)
            break;
        Item &item = m_items[slot];
        used += overhead + item.size;
        // transmits is 16 bits: a limit past that is capped (memberlist's is ~4·log10 N).
        if (item.transmits + 1 >= std::min(transmitLimit, int(UINT16_MAX))) {
            take(release(slot));
            --m_stale; // its word was popped, not left behind
            continue;
        }
        take(SharedMessage(item.message));
        ++item.transmits;
        raised.push_back(slot);
    }
    for (const std::uint32_t slot : raised)
        push(slot);
    std::erase_if(m_buckets, [](const Bucket &b) { return b.heap.empty(); });
    return used;
}

int BroadcastQueue::getBroadcasts(int overhead, int limit, int transmitLimit,
                                  std::vector<wire::Message> &out)
{
    return walk(overhead, limit, transmitLimit,
                [&out](SharedMessage m) { out.push_back(*m); });
}

int BroadcastQueue::getBroadcasts(int overhead, int limit, int transmitLimit,
                                  std::vector<SharedMessage> &out)
{
    return walk(overhead, limit, transmitLimit,
                [&out](SharedMessage m) { out.push_back(std::move(m)); });
}

} // namespace grapevine::protocol
