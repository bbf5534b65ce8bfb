// small_bytes.h — a byte string that keeps up to 16 bytes inline and spills to the heap only
// beyond that: the type of the addresses (4 or 16 bytes) and version vectors (6 bytes) that
// every push/pull and alive carries, so building and dropping them costs no allocation.
// Owns: its bytes (value semantics, like Bytes). Never: truncates (any length is kept, a
// longer one on the heap), grows in place (it is assigned whole, as the codec fills it).
// Same size as a Bytes (24 bytes on 64-bit targets), so messages do not grow.
#pragma once

#include "bytes.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <type_traits>

namespace grapevine::wire {

class SmallBytes {
public:
    static constexpr std::size_t kInline = 16; // an IPv6 address

    using value_type = std::uint8_t;
    using size_type = std::size_t;
    using iterator = std::uint8_t *;
    using const_iterator = const std::uint8_t *;

    SmallBytes() noexcept
        : m_inline{}
    {
    }
    // Implicit: call sites hand a Bytes or a brace list where the field used to be a Bytes.
    SmallBytes(const Bytes &bytes)
        : SmallBytes()
    {
        assign(bytes.data(), bytes.size());
    }
    SmallBytes(std::initializer_list<std::uint8_t> list)
        : SmallBytes()
    {
        assign(list.begin(), list.size());
    }
    explicit SmallBytes(ByteView view)
        : SmallBytes()
    {
        assign(view.data(), view.size());
    }
    template <std::forward_iterator It>
    requires std::convertible_to<std::iter_reference_t<It>, std::uint8_t> SmallBytes(It first,
                                                                                     It last)
        : SmallBytes()
    {
        assignRange(first, last);
    }

    SmallBytes(const SmallBytes &other)
        : SmallBytes()
    {
        assign(other.data(), other.size());
    }
    // A moved-from SmallBytes is empty (a spilled block changes hands, nothing is copied).
    SmallBytes(SmallBytes &&other) noexcept
        : SmallBytes()
    {
        take(other);
    }
    SmallBytes &operator=(const SmallBytes &other);
    SmallBytes &operator=(SmallBytes &&other) noexcept;
    ~SmallBytes() { release(); }

    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] bool empty() const { return m_size == 0; }
    // True when the bytes live on the heap (more than kInline of them).
    [[nodiscard]] bool spilled() const { return m_size > kInline; }
    [[nodiscard]] const std::uint8_t *data() const { return spilled() ? m_heap : m_inline; }
    [[nodiscard]] std::uint8_t *data() { return spilled() ? m_heap : m_inline; }
    [[nodiscard]] const_iterator begin() const { return data(); }
    [[nodiscard]] const_iterator end() const { return data() + m_size; }
    [[nodiscard]] iterator begin() { return data(); }
    [[nodiscard]] iterator end() { return data() + m_size; }
    [[nodiscard]] std::uint8_t operator[](std::size_t i) const { return data()[i]; }
    [[nodiscard]] std::uint8_t &operator[](std::size_t i) { return data()[i]; }
    [[nodiscard]] ByteView view() const { return ByteView(data(), m_size); }
    // A copy as a Bytes, for the APIs that want one (Endpoint::ip): an allocation, so explicit.
    [[nodiscard]] Bytes toBytes() const { return Bytes(begin(), end()); }

    // Replaces the contents; `bytes` may point into this object.
    void assign(const std::uint8_t *bytes, std::size_t count);
    void assign(ByteView view) { assign(view.data(), view.size()); }
    void clear() { release(); }

    friend bool operator==(const SmallBytes &a, const SmallBytes &b) { return equal(a, b.view()); }
    friend bool operator==(const SmallBytes &a, const Bytes &b) { return equal(a, ByteView(b)); }

private:
    static bool equal(const SmallBytes &a, ByteView b);
    template <typename It> void assignRange(It first, It last);
    void release() noexcept;
    void take(SmallBytes &other) noexcept;

    union {
        std::uint8_t m_inline[kInline];
        std::uint8_t *m_heap;
    };
    std::size_t m_size = 0;
};

template <typename It> void SmallBytes::assignRange(It first, It last)
{
    if constexpr (std::contiguous_iterator<It> &&
                  std::is_same_v<std::remove_cv_t<std::iter_value_t<It>>, std::uint8_t>) {
        const auto count = static_cast<std::size_t>(std::distance(first, last));
        assign(count == 0 ? nullptr : std::to_address(first), count);
    } else {
        // Rare (other element types, non-contiguous iterators): converted through a Bytes.
        const Bytes gathered(first, last);
        assign(gathered.data(), gathered.size());
    }
}

} // namespace grapevine::wire
