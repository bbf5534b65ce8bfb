// record_pool.h — MemberTable's storage: records in chunks that never move, addressed by a
// 32-bit index. Owns: every record's memory and the free list of reaped ones. Never: order,
// lookup by name or any protocol decision (MemberTable and the engine make those).
//
// Why chunks: one heap block per record cost the simulator 64 bytes a record (a 16-byte
// allocation header and padding included) times 10^8 records at 10,000 nodes, and one
// growing array would move records the engine points at (`self`). Chunks of 64 records
// never move, and a table wastes at most one partly filled chunk (geometric chunks wasted
// a third of the records at 3,000 nodes).
#pragma once

#include "member_record.h"

#include <array>
#include <cstdint>
#include <memory>
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
        if (m_used % kChunk == 0)
            m_chunks.push_back(std::make_unique<Chunk>());
        return m_used++;
    }

    // Resets the record (dropping its shared alive) and keeps the index for reuse.
    void release(std::uint32_t index)
    {
        (*this)[index] = MemberRecord{};
        m_free.push_back(index);
    }

    [[nodiscard]] MemberRecord &operator[](std::uint32_t index)
    {
        return (*m_chunks[index / kChunk])[index % kChunk];
    }
    [[nodiscard]] const MemberRecord &operator[](std::uint32_t index) const
    {
        return (*m_chunks[index / kChunk])[index % kChunk];
    }

private:
    static constexpr std::uint32_t kChunk = 64;
    using Chunk = std::array<MemberRecord, kChunk>;

    std::vector<std::unique_ptr<Chunk>> m_chunks;
    std::vector<std::uint32_t> m_free;
    std::uint32_t m_used = 0;
};

} // namespace grapevine::protocol
