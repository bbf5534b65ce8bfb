// record_pool.h — MemberTable's storage: records in chunks that never move, addressed by a
// 32-bit index. Owns: every record's memory and the free list of reaped ones. Never: order,
// lookup by name or any protocol decision (MemberTable and the engine make those).
//
// Why chunks: one heap block per record cost the simulator 64 bytes a record (a 16-byte
// allocation header and padding included) times 10^8 records at 10,000 nodes. Chunk k holds
// 16·2^k records, reserved at once and filled in place, so a pointer to a record stays valid
// until the record is released (the engine keeps `self`), and a table of a few members
// costs one small chunk.
#pragma once

#include "member_record.h"

#include <bit>
#include <cstdint>
#include <vector>

namespace grapevine::protocol {

class RecordPool {
public:
    // A default record at a fresh or released index.
    std::uint32_t allocate()
    {
        if (!m_free.empty()) {
            const std::uint32_t index = m_free.back();
            m_free.pop_back();
            return index;
        }
        const std::uint32_t index = m_used++;
        const Place place = placeOf(index);
        if (place.chunk == m_chunks.size())
            m_chunks.emplace_back().reserve(kFirstChunk << place.chunk);
        m_chunks[place.chunk].emplace_back();
        return index;
    }

    // Resets the record (dropping its shared alive) and keeps the index for reuse.
    void release(std::uint32_t index)
    {
        (*this)[index] = MemberRecord{};
        m_free.push_back(index);
    }

    [[nodiscard]] MemberRecord &operator[](std::uint32_t index)
    {
        const Place place = placeOf(index);
        return m_chunks[place.chunk][place.offset];
    }
    [[nodiscard]] const MemberRecord &operator[](std::uint32_t index) const
    {
        const Place place = placeOf(index);
        return m_chunks[place.chunk][place.offset];
    }

private:
    static constexpr std::uint32_t kFirstChunk = 16; // a power of two
    struct Place {
        std::size_t chunk;
        std::size_t offset;
    };
    // Chunk k starts at index 16·(2^k − 1): adding 16 makes its first index 16·2^k.
    static Place placeOf(std::uint32_t index)
    {
        const std::uint64_t shifted = std::uint64_t(index) + kFirstChunk;
        const int top = std::bit_width(shifted) - 1;
        const int chunk = top - std::countr_zero(kFirstChunk);
        return {std::size_t(chunk), std::size_t(shifted - (std::uint64_t(1) << top))};
    }

    std::vector<std::vector<MemberRecord>> m_chunks; // each reserved once: never reallocates
    std::vector<std::uint32_t> m_free;
    std::uint32_t m_used = 0;
};

} // namespace grapevine::protocol
