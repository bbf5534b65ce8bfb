// record_pool.h — MemberTable's storage: the record for the member with NodeIds id `i` is
// at index `i`, in chunks of 64 that never move. Owns: every record's memory. Never: which
// ids are in use, lookup by name or any protocol decision (MemberTable and the engine).
//
// Why chunks: one heap block per record would cost 64 bytes a record (a 16-byte
// allocation header and padding included) times 10^8 records at 10,000 nodes, and one
// growing array would move records the engine points at (`self`). A chunk is made when the
// first id in its range is used, so a table that holds a few members of a large process
// (ids are shared between the simulator's engines) pays for the chunks it touches only.
#pragma once

#include "member_record.h"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace grapevine::protocol {

class RecordPool {
public:
    static constexpr std::uint32_t kChunk = 64;

    // The record at `id`: a default one the first time its chunk is touched.
    MemberRecord &at(std::uint32_t id)
    {
        const std::uint32_t chunk = id / kChunk;
        if (chunk >= m_chunks.size())
            m_chunks.resize(chunk + 1);
        if (!m_chunks[chunk])
            m_chunks[chunk] = std::make_unique<Chunk>();
        return (*m_chunks[chunk])[id % kChunk];
    }
    // Where the record at `id` is, or nullptr when its chunk was never made. Reads no record.
    [[nodiscard]] MemberRecord *addressOf(std::uint32_t id) const
    {
        const std::uint32_t chunk = id / kChunk;
        if (chunk >= m_chunks.size() || !m_chunks[chunk])
            return nullptr;
        return &(*m_chunks[chunk])[id % kChunk];
    }
    // Precondition: at(id) was called.
    [[nodiscard]] MemberRecord &operator[](std::uint32_t id) const
    {
        return (*m_chunks[id / kChunk])[id % kChunk];
    }
    // Every record of every chunk made, in id order (unused ones too: their alive is null).
    template <class F> void forEachSlot(F &&f) const
    {
        for (const auto &chunk : m_chunks)
            if (chunk)
                for (MemberRecord &record : *chunk)
                    f(record);
    }
    // Resets the record at `id` (dropping its shared alive). Precondition: at(id) was called.
    void release(std::uint32_t id) { at(id) = MemberRecord{}; }

private:
    using Chunk = std::array<MemberRecord, kChunk>;
    std::vector<std::unique_ptr<Chunk>> m_chunks;
};

} // namespace grapevine::protocol
