// small_bytes.cpp — see small_bytes.h.
#include "small_bytes.h"

#include <cstring>

namespace grapevine::wire {

SmallBytes &SmallBytes::operator=(const SmallBytes &other)
{
    if (this != &other)
        assign(other.data(), other.size());
    return *this;
}

SmallBytes &SmallBytes::operator=(SmallBytes &&other) noexcept
{
    if (this != &other) {
        release();
        take(other);
    }
    return *this;
}

void SmallBytes::assign(const std::uint8_t *bytes, std::size_t count)
{
    if (count <= kInline) {
        // Through a local buffer: `bytes` may be our own heap block, freed just below.
        std::uint8_t copy[kInline];
        if (count > 0)
            std::memcpy(copy, bytes, count);
        release();
        std::memcpy(m_inline, copy, count);
        m_size = count;
        return;
    }
    auto *block = new std::uint8_t[count];
    std::memcpy(block, bytes, count);
    release();
    m_heap = block;
    m_size = count;
}

bool SmallBytes::equal(const SmallBytes &a, ByteView b)
{
    return a.size() == b.size() && (b.empty() || std::memcmp(a.data(), b.data(), b.size()) == 0);
}

void SmallBytes::release() noexcept
{
    if (spilled())
        delete[] m_heap;
    m_size = 0;
}

// Leaves `other` empty; the caller has released this object's bytes.
void SmallBytes::take(SmallBytes &other) noexcept
{
    if (other.spilled())
        m_heap = other.m_heap;
    else
        std::memcpy(m_inline, other.m_inline, kInline);
    m_size = other.m_size;
    other.m_size = 0;
}

} // namespace grapevine::wire
