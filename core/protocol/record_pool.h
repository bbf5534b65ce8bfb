// record_pool.h — MemberTable's storage: the record for the member with NodeIds id `i` is
// at index `i`, in chunks of 64 that never move (IdChunks). Owns: the records' memory.
// Never: which ids are in use, lookup by name or any protocol decision (MemberTable and
// the engine).
//
// Why chunks: one heap block per record cost the simulator 64 bytes a record (a 16-byte
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

// Values of type T by id, in chunks of kChunk that never move; a chunk is made (its values
// default-constructed) the first time an id in its range is touched.
template <class T, std::uint32_t kChunkSize> class IdChunks {
public:
    static constexpr std::uint32_t kChunk = kChunkSize;

    // The value at `id`: a default one the first time its chunk is touched.
    T &at(std::uint32_t id)
    {
        const std::uint32_t chunk = id / kChunk;
        if (chunk >= m_chunks.size())
            m_chunks.resize(chunk + 1);
        if (!m_chunks[chunk])
            m_chunks[chunk] = std::make_unique<Chunk>();
        return (*m_chunks[chunk])[id % kChunk];
    }
    // Where the value at `id` is, or nullptr when its chunk was never made. Reads no value.
    [[nodiscard]] T *addressOf(std::uint32_t id) const
    {
        const std::uint32_t chunk = id / kChunk;
        if (chunk >= m_chunks.size() || !m_chunks[chunk])
            return nullptr;
        return &(*m_chunks[chunk])[id % kChunk];
    }
    // Precondition: at(id) was called.
    [[nodiscard]] T &operator[](std::uint32_t id) const
    {
        return (*m_chunks[id / kChunk])[id % kChunk];
    }
    // Every value of every chunk made, in id order (unused ones too).
    template <class F> void forEachSlot(F &&f) const
    {
        for (const auto &chunk : m_chunks)
            if (chunk)
                for (T &value : *chunk)
                    f(value);
    }
    // Resets the value at `id` to a default one, if its chunk was ever made.
    void release(std::uint32_t id)
    {
        if (T *value = addressOf(id))
            *value = T{};
    }

private:
    using Chunk = std::array<T, kChunk>;
    std::vector<std::unique_ptr<Chunk>> m_chunks;
};

// Records by id; unused ones have a null alive. release() drops a record's shared alive.
using RecordPool = IdChunks<MemberRecord, 64>;

} // namespace grapevine::protocol
