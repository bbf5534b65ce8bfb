// broadcast_queue.cpp — see broadcast_queue.h. The walk follows queue.go GetBroadcasts:
// tier by tier from the lowest transmit count, in each tier the longest item that fits
// (newest first among equals), raised items re-inserted only after the walk so they are not
// taken twice.
#include "broadcast_queue.h"
#include "subject.h"

#include <algorithm>
#include <bit>

namespace grapevine::protocol {

std::uint64_t BroadcastQueue::queue(std::string name, wire::Message message)
{
    return queue(std::move(name), SharedMessage::make(std::move(message)));
}

std::uint64_t BroadcastQueue::queue(std::string name, SharedMessage message)
{
    const std::size_t known = message.knownEncodedSize();
    const std::size_t size = known ? known : wire::encodedSize(*message);
    return add(std::move(name), std::move(message), size);
}

std::string_view BroadcastQueue::nameOf(std::uint32_t slot) const
{
    if (!m_otherNames.empty()) {
        if (auto it = m_otherNames.find(slot); it != m_otherNames.end())
            return it->second;
    }
    return subjectOf(*m_items[slot].message);
}

std::uint64_t BroadcastQueue::hashOf(std::uint32_t slot) const
{
    if (!m_otherNames.empty()) {
        if (auto it = m_otherNames.find(slot); it != m_otherNames.end())
            return hashName(it->second);
    }
    return m_items[slot].message.subjectHash();
}

std::uint64_t BroadcastQueue::add(std::string name, SharedMessage message, std::size_t size)
{
    const Keys keys{this};
    // Named by its own subject (the usual case): the message already carries the hash.
    const bool bySubject = !name.empty() && name == subjectOf(*message);
    if (!name.empty()) {
        const std::uint64_t hash = bySubject ? message.subjectHash() : hashName(name);
        if (const auto old = m_byName.find(name, hash, keys); old != FlatNameIndex::kNone)
            release(old);
    }
    std::uint32_t slot = 0;
    if (m_free.empty() && m_items.size() >= kMaxItems)
        return 0; // full: never reached by memberlist traffic; refused rather than corrupted
    // Items keep 32 id bits: before those wrap, no stale word may be left to alias a new item
    // (swept now, while no slot holds the coming id yet).
    if (std::uint32_t(m_nextId + 1) == 0)
        sweep();
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = m_items.size();
        m_items.emplaceBack();
    }
    Item &item = m_items[slot];
    item.size = static_cast<std::uint16_t>(std::min<std::size_t>(size, kTooBig));
    item.message = std::move(message);
    const std::uint64_t id = ++m_nextId;
    item.id = static_cast<std::uint32_t>(id);
    item.transmits = 0;
    item.named = !name.empty();
    if (item.named) {
        if (!bySubject)
            m_otherNames.emplace(slot, std::move(name));
        m_byName.insert(slot, keys);
    }
    ++m_live;
    push((id << kSlotBits) | slot);
    if (m_stale > m_live + 1024)
        sweep();
    return id;
}

bool BroadcastQueue::contains(std::uint64_t id) const
{
    const auto low = static_cast<std::uint32_t>(id);
    return id != 0 &&
           m_items.anyOf([low](const Item &item) { return item.message && item.id == low; });
}

BroadcastQueue::Buckets::iterator BroadcastQueue::lowerBound(BucketKey key)
{
    return std::lower_bound(
        m_buckets.begin(), m_buckets.end(), key,
        [](const Bucket &b, const BucketKey &k) { return BucketLess{}(b.key, k); });
}

BroadcastQueue::Words &BroadcastQueue::bucketFor(BucketKey key)
{
    auto it = lowerBound(key);
    if (it == m_buckets.end() || BucketLess{}(key, it->key))
        it = m_buckets.insert(it, Bucket{key, {}});
    return it->words;
}

// Files a new item's word: its id is the newest, so it goes to the back.
void BroadcastQueue::push(std::uint64_t word)
{
    const Item &item = m_items[word & kSlotMask];
    Words &words = bucketFor({item.transmits, item.size});
    if (words.empty() || words.back() < word)
        words.push_back(word);
    else
        words.insert(std::upper_bound(words.begin(), words.end(), word), word);
}

// Files the words a walk took from one bucket (newest first, as taken) under their next
// tier, merged in from the back: the words newer than the run's oldest move once, not once
// per word (an old item sent late lands in the middle of a tier of newer ones).
void BroadcastQueue::fileRun(const std::uint64_t *newest, const std::uint64_t *end)
{
    const Item &item = m_items[*newest & kSlotMask];
    Words &words = bucketFor({item.transmits, item.size});
    const std::size_t kept = words.size();
    const std::size_t total = kept + std::size_t(end - newest);
    // Power-of-two capacities as push_back would give: resize's exact fit for a small bucket
    // left odd-sized blocks behind and raised the simulator's peak by 7 % at 1,000 nodes.
    if (words.capacity() < total)
        words.reserve(std::bit_ceil(total));
    words.resize(total);
    auto keptEnd = words.begin() + std::ptrdiff_t(kept);
    auto out = words.end();
    for (const std::uint64_t *next = newest; next != end; ++next) {
        // The words newer than this one move up as one block (one memmove).
        const auto newer = std::upper_bound(words.begin(), keptEnd, *next);
        out = std::move_backward(newer, keptEnd, out);
        keptEnd = newer;
        *--out = *next;
    }
}

// Frees the slot and hands back its message; its word (if filed) goes stale.
SharedMessage BroadcastQueue::release(std::uint32_t slot)
{
    Item &item = m_items[slot];
    if (item.named) {
        m_byName.erase(slot, Keys{this});
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

// Drops every stale word once they outnumber the live items.
void BroadcastQueue::sweep()
{
    for (Bucket &bucket : m_buckets) {
        std::erase_if(bucket.words, [&](std::uint64_t w) { return !valid(w, bucket.key); });
    }
    std::erase_if(m_buckets, [](const Bucket &b) { return b.words.empty(); });
    m_stale = 0;
}

// From bucket `cursor` on, in queue order: the newest item of the first bucket whose size
// fits `free` and that still holds a live item, taken off its bucket; kNoWord when none is left.
// Buckets passed over never fit later in the same walk (free only shrinks, and a tier
// once left behind is done), so the cursor only moves forward: a walk costs one pass over
// the few dozen buckets plus one pop per item, with no search per item.
std::uint64_t BroadcastQueue::popFitting(std::size_t &cursor, int free)
{
    for (; cursor < m_buckets.size(); ++cursor) {
        Bucket &bucket = m_buckets[cursor];
        if (bucket.key.size > free)
            continue;
        Words &words = bucket.words;
        while (!words.empty() && !valid(words.back(), bucket.key)) {
            words.pop_back();
            --m_stale;
        }
        if (words.empty())
            continue;
        const std::uint64_t word = words.back();
        words.pop_back();
        // The walk goes on down this vector: ask for the item it will check a few pops from
        // now, so that item's cache miss overlaps the work in between (items sit wherever
        // their slot was free, so each is a miss of its own).
        if (words.size() > kPrefetchAhead) {
            const std::uint64_t ahead = words[words.size() - 1 - kPrefetchAhead];
            __builtin_prefetch(&m_items[static_cast<std::uint32_t>(ahead & kSlotMask)]);
        }
        return word;
    }
    return kNoWord;
}

template <class Out>
int BroadcastQueue::walk(int overhead, int limit, int transmitLimit, Out &&take)
{
    int used = 0;
    std::vector<std::uint64_t> &raised = m_raised;
    raised.clear();
    std::size_t cursor = 0;
    while (m_live > 0) {
        const int free = limit - used - overhead;
        if (free <= 0)
            break;
        // Below kTooBig: a too-big item never fits (nor would it fit any UDP payload).
        const std::uint64_t word = popFitting(cursor, std::min(free, int(kTooBig) - 1));
        if (word == kNoWord)
            break;
        const auto slot = static_cast<std::uint32_t>(word & kSlotMask);
        Item &item = m_items[slot];
        used += overhead + item.size;
        // transmits is 8 bits: a limit past 255 is capped (memberlist's is ~4·log10 N).
        if (item.transmits + 1 >= std::min(transmitLimit, kMaxTransmits)) {
            take(release(slot));
            --m_stale; // its word was popped, not left behind
            continue;
        }
        take(SharedMessage(item.message));
        ++item.transmits;
        raised.push_back(word); // same word, next tier: the item keeps its place by id
    }
    // The cursor never returns to a bucket, so each bucket's words are one run.
    const auto keyOf = [this](std::uint64_t w) {
        const Item &i = m_items[static_cast<std::uint32_t>(w & kSlotMask)];
        return std::pair{i.transmits, i.size};
    };
    for (std::size_t first = 0; first < raised.size();) {
        std::size_t end = first + 1;
        while (end < raised.size() && keyOf(raised[end]) == keyOf(raised[first]))
            ++end;
        fileRun(raised.data() + first, raised.data() + end);
        first = end;
    }
    std::erase_if(m_buckets, [](const Bucket &b) { return b.words.empty(); });
    return used;
}

int BroadcastQueue::getBroadcasts(int overhead, int limit, int transmitLimit,
                                  std::vector<wire::Message> &out)
{
    return walk(overhead, limit, transmitLimit,
                [&out](const SharedMessage &m) { out.push_back(*m); });
}

int BroadcastQueue::getBroadcasts(int overhead, int limit, int transmitLimit,
                                  std::vector<SharedMessage> &out)
{
    return walk(overhead, limit, transmitLimit,
                [&out](SharedMessage m) { out.push_back(std::move(m)); });
}

} // namespace grapevine::protocol
