// record_pool.h — MemberTable's storage: records in chunks that never move, addressed by a
// 32-bit index. Owns: every record's memory and the free list of reaped ones. Never: order,
// lookup by name or any protocol decision (MemberTable and the engine make those).
//
// Why chunks: one heap block per record cost the simulator 64 bytes a record (a 16-byte
// allocation header and padding included) times 10^8 records at 10,000 nodes, and one
// growing array would move records the engine points at (`self`). A ChunkedVector of 64
// records never moves them and wastes at most one partly filled chunk (geometric chunks wasted
// a third of the records at 3,000 nodes).
#pragma once

#include "chunked_vector.h"
#include "member_record.h"

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
        m_records.emplaceBack();
        return m_records.size() - 1;
    }

    // Resets the record (dropping its shared alive) and keeps the index for reuse.
    void release(std::uint32_t index)
    {
        m_records[index] = MemberRecord{};
        m_free.push_back(index);
    }

    [[nodiscard]] MemberRecord &operator[](std::uint32_t index) { return m_records[index]; }
    [[nodiscard]] const MemberRecord &operator[](std::uint32_t index) const
    {
        return m_records[index];
    }

private:
    ChunkedVector<MemberRecord, 64> m_records;
    std::vector<std::uint32_t> m_free;
};

} // namespace grapevine::protocol
