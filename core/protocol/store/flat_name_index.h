// flat_name_index.h — name → slot lookup for tables that already store the names: an
// open-addressed array of 4-byte words (linear probing, load at most three quarters,
// backward-shift erase), so an index entry costs ~5 bytes instead of a hash-map node.
// The owner hands in its keys: `keys(slot)`, a name; the index never stores or copies one.
//
// A word is the slot + 1 in the low 24 bits (0: empty) and the top 8 bits of the name's hash
// above them (the position uses the low bits), as in MemberTable's index: a probe reads
// another entry's name only when the tags match (1 in 256), because reading a name means
// following the owner's item to its message, a cache miss each. That is what lets the load
// go to 3/4 (longer runs cost word compares, not name reads). Slots are below 2^24 - 1.
#pragma once

#include "name_hash.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace grapevine::protocol {

class FlatNameIndex {
public:
    static constexpr std::uint32_t kNone = 0xffffffffu;
    static constexpr std::uint32_t kMaxSlot = (std::uint32_t(1) << 24) - 2;

    // `keys(slot)` is a slot's name and `keys.hash(slot)` its hashName(): the owner may have
    // the hash at hand (the queue's messages carry their subject's), sparing a rehash of
    // every name an erase shifts or a growth moves.
    template <class Keys>
    [[nodiscard]] std::uint32_t find(std::string_view name, const Keys &keys) const
    {
        return find(name, hashName(name), keys);
    }
    template <class Keys>
    [[nodiscard]] std::uint32_t find(std::string_view name, std::uint64_t hash,
                                     const Keys &keys) const
    {
        if (m_words.empty())
            return kNone;
        const std::size_t mask = m_words.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const Word word = m_words[i];
            if (word == kEmpty)
                return kNone;
            if ((word & ~kSlotMask) == tagOf(hash) && keys(slotOf(word)) == name)
                return slotOf(word);
        }
    }

    // The first entry whose tag matches `hash` along its probe run, without reading any
    // name: a cache hint that may name another entry (1 in 256), or kNone.
    [[nodiscard]] std::uint32_t guess(std::uint64_t hash) const
    {
        if (m_words.empty())
            return kNone;
        const std::size_t mask = m_words.size() - 1;
        for (std::size_t i = hash & mask; m_words[i] != kEmpty; i = (i + 1) & mask)
            if ((m_words[i] & ~kSlotMask) == tagOf(hash))
                return slotOf(m_words[i]);
        return kNone;
    }

    // Precondition: no entry with this name, slot <= kMaxSlot.
    template <class Keys> void insert(std::uint32_t slot, const Keys &keys)
    {
        if ((m_count + 1) * 4 > m_words.size() * 3)
            grow(keys);
        place(slot, keys.hash(slot));
        ++m_count;
    }

    // Removes `slot` (found by its word, so no name is compared); nothing if absent.
    template <class Keys> void erase(std::uint32_t slot, const Keys &keys)
    {
        if (m_words.empty())
            return;
        const std::uint64_t hash = keys.hash(slot);
        const Word target = wordOf(slot, hash);
        const std::size_t mask = m_words.size() - 1;
        std::size_t i = hash & mask;
        while (m_words[i] != kEmpty && m_words[i] != target)
            i = (i + 1) & mask;
        if (m_words[i] == kEmpty)
            return;
        // Backward shift: pull later entries of the probe run into the hole when their home
        // position does not lie cyclically between the hole and where they sit.
        std::size_t hole = i;
        for (std::size_t j = (i + 1) & mask; m_words[j] != kEmpty; j = (j + 1) & mask) {
            const std::size_t home = keys.hash(slotOf(m_words[j])) & mask;
            const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (stays)
                continue;
            m_words[hole] = m_words[j];
            hole = j;
        }
        m_words[hole] = kEmpty;
        --m_count;
    }

    void clear()
    {
        m_words.clear();
        m_count = 0;
    }
    [[nodiscard]] std::size_t size() const { return m_count; }
    [[nodiscard]] std::size_t capacity() const { return m_words.size(); }

private:
    using Word = std::uint32_t;
    static constexpr Word kEmpty = 0;
    static constexpr int kSlotBits = 24;
    static constexpr Word kSlotMask = (Word(1) << kSlotBits) - 1;

    static Word tagOf(std::uint64_t hash) { return Word(hash >> 56) << kSlotBits; }
    static Word wordOf(std::uint32_t slot, std::uint64_t hash) { return tagOf(hash) | (slot + 1); }
    static std::uint32_t slotOf(Word word) { return (word & kSlotMask) - 1; }

    void place(std::uint32_t slot, std::uint64_t hash)
    {
        const std::size_t mask = m_words.size() - 1;
        std::size_t i = hash & mask;
        while (m_words[i] != kEmpty)
            i = (i + 1) & mask;
        m_words[i] = wordOf(slot, hash);
    }

    template <class Keys> void grow(const Keys &keys)
    {
        std::vector<Word> old(std::max<std::size_t>(16, m_words.size() * 2), kEmpty);
        old.swap(m_words);
        for (const Word word : old)
            if (word != kEmpty)
                place(slotOf(word), keys.hash(slotOf(word)));
    }

    std::vector<Word> m_words;
    std::size_t m_count = 0;
};

} // namespace grapevine::protocol
