// flat_name_index.h — name → slot lookup for tables that already store the names: an
// open-addressed array of 4-byte slot numbers (linear probing, load at most one half,
// backward-shift erase), so an index entry costs 8 bytes instead of a hash-map node.
// The owner hands in `nameOf(slot)`; the index never stores or copies a name.
#pragma once

#include "name_hash.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace grapevine::protocol {

class FlatNameIndex {
public:
    static constexpr std::uint32_t kNone = 0xffffffffu;

    template <class NameOf>
    [[nodiscard]] std::uint32_t find(std::string_view name, const NameOf &nameOf) const
    {
        if (m_slots.empty())
            return kNone;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hashOf(name) & mask;; i = (i + 1) & mask) {
            const std::uint32_t slot = m_slots[i];
            if (slot == kNone || nameOf(slot) == name)
                return slot;
        }
    }

    // Precondition: no entry with this name.
    template <class NameOf> void insert(std::uint32_t slot, const NameOf &nameOf)
    {
        if ((m_count + 1) * 2 > m_slots.size())
            grow(nameOf);
        place(slot, nameOf);
        ++m_count;
    }

    template <class NameOf> void erase(std::string_view name, const NameOf &nameOf)
    {
        if (m_slots.empty())
            return;
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = hashOf(name) & mask;
        while (m_slots[i] != kNone && nameOf(m_slots[i]) != name)
            i = (i + 1) & mask;
        if (m_slots[i] == kNone)
            return;
        // Backward shift: pull later entries of the probe run into the hole when their home
        // position does not lie cyclically between the hole and where they sit.
        std::size_t hole = i;
        for (std::size_t j = (i + 1) & mask; m_slots[j] != kNone; j = (j + 1) & mask) {
            const std::size_t home = hashOf(nameOf(m_slots[j])) & mask;
            const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (stays)
                continue;
            m_slots[hole] = m_slots[j];
            hole = j;
        }
        m_slots[hole] = kNone;
        --m_count;
    }

    void clear()
    {
        m_slots.clear();
        m_count = 0;
    }
    [[nodiscard]] std::size_t size() const { return m_count; }

private:
    static std::size_t hashOf(std::string_view name)
    {
        return static_cast<std::size_t>(hashName(name));
    }

    template <class NameOf> void place(std::uint32_t slot, const NameOf &nameOf)
    {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = hashOf(nameOf(slot)) & mask;
        while (m_slots[i] != kNone)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }

    template <class NameOf> void grow(const NameOf &nameOf)
    {
        std::vector<std::uint32_t> old(std::max<std::size_t>(16, m_slots.size() * 2), kNone);
        old.swap(m_slots);
        for (const std::uint32_t slot : old)
            if (slot != kNone)
                place(slot, nameOf);
    }

    std::vector<std::uint32_t> m_slots;
    std::size_t m_count = 0;
};

} // namespace grapevine::protocol
