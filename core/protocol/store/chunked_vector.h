// chunked_vector.h — a growing array of T in fixed chunks of kChunk elements that never
// move. Owns: the elements' memory. Never: order, lookup or removal (owners keep free lists).
//
// Why not std::vector: the simulator holds thousands of BroadcastQueues, each grown to
// thousands of items during a join storm. A vector doubles, so up to half of it is unused
// capacity, and each doubling briefly holds the old and the new array at once; both land in
// the peak. Chunks waste at most one partly filled chunk and never copy. The price is one
// more indirection per access (the chunk table is small and stays in cache).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace grapevine::protocol {

template <class T, std::uint32_t kChunk> class ChunkedVector {
    static_assert((kChunk & (kChunk - 1)) == 0, "a power of two: index math is shifts");

public:
    [[nodiscard]] std::uint32_t size() const { return m_size; }

    // Appends a default T; references to earlier elements stay valid.
    T &emplaceBack()
    {
        if (m_size % kChunk == 0)
            m_chunks.push_back(std::make_unique<Chunk>());
        return (*this)[m_size++];
    }

    [[nodiscard]] T &operator[](std::uint32_t i) { return (*m_chunks[i / kChunk])[i % kChunk]; }
    [[nodiscard]] const T &operator[](std::uint32_t i) const
    {
        return (*m_chunks[i / kChunk])[i % kChunk];
    }

    // True if `pred` holds for any element, in index order.
    template <class Pred> [[nodiscard]] bool anyOf(const Pred &pred) const
    {
        for (std::uint32_t i = 0; i < m_size; ++i)
            if (pred((*this)[i]))
                return true;
        return false;
    }

    void clear()
    {
        m_chunks.clear();
        m_size = 0;
    }

private:
    using Chunk = std::array<T, kChunk>;
    std::vector<std::unique_ptr<Chunk>> m_chunks;
    std::uint32_t m_size = 0;
};

} // namespace grapevine::protocol
