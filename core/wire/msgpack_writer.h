// msgpack_writer.h — the msgpack subset Go's go-msgpack emits for memberlist structs.
// Owns: map headers, raw-str strings/byte slices (fixstr, da, db; never d9, never bin),
// nil for empty byte slices, smallest unsigned ints, both Go `int` styles.
// Never: sorts keys itself (callers write keys in Go's sorted order), allocates beyond
// the caller's buffer. Follows go-msgpack 0.5.5 codec/msgpack.go (spec §2.1).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/messages.h"

#include <cstdint>
#include <string_view>

namespace grapevine::wire {

class MsgpackWriter {
public:
    // Appends to `out`; with nullptr it only counts bytes (for encodedSize).
    explicit MsgpackWriter(Bytes *out)
        : m_out(out)
    {
    }

    void mapHeader(std::uint32_t count);
    void arrayHeader(std::uint32_t count);
    void nil() { byte(0xc0); }
    void boolean(bool value) { byte(value ? 0xc3 : 0xc2); }
    void uint(std::uint64_t value);
    void goInt(std::int64_t value, IntStyle style);
    void float64(double value); // cb + IEEE 754 big-endian, as Go writes a float64
    void str(std::string_view text);
    void bytes(ByteView data); // empty -> nil, as Go encodes a nil slice
    void raw(ByteView data) { put(data.data(), data.size()); } // outside msgpack (type, user state)
    void byte(std::uint8_t value) { put(&value, 1); }

    [[nodiscard]] std::size_t size() const { return m_size; }

private:
    void sizedHeader(std::size_t n, std::size_t fixLimit, std::uint8_t fixTag, std::uint8_t tag16);
    void rawHeader(std::size_t length);
    void put(const std::uint8_t *data, std::size_t length);
    void putBigEndian(std::uint8_t tag, std::uint64_t value, int width);
    void append(const std::uint8_t *data, std::size_t length);

    Bytes *m_out;
    std::size_t m_size = 0;
};

// The common small cases are inline: the simulator counts every push/pull's bytes (a
// whole member list each) through the counting writer, where these are most of the work.
inline void MsgpackWriter::put(const std::uint8_t *data, std::size_t length)
{
    m_size += length;
    if (m_out != nullptr && length != 0)
        append(data, length);
}

// A fix-form header (`fixTag | n`) below `fixLimit`, else `tag16` with 2 length bytes or the
// next tag with 4: maps, arrays and raw strings all follow that rule.
inline void MsgpackWriter::sizedHeader(std::size_t n, std::size_t fixLimit, std::uint8_t fixTag,
                                       std::uint8_t tag16)
{
    if (n < fixLimit)
        byte(static_cast<std::uint8_t>(fixTag | n));
    else if (n <= 0xffff)
        putBigEndian(tag16, n, 2);
    else
        putBigEndian(static_cast<std::uint8_t>(tag16 + 1), n, 4);
}

inline void MsgpackWriter::mapHeader(std::uint32_t count)
{
    sizedHeader(count, 16, 0x80, 0xde);
}
inline void MsgpackWriter::arrayHeader(std::uint32_t count)
{
    sizedHeader(count, 16, 0x90, 0xdc);
}

inline void MsgpackWriter::uint(std::uint64_t value)
{
    if (value < 128)
        byte(static_cast<std::uint8_t>(value));
    else if (value <= 0xff)
        putBigEndian(0xcc, value, 1);
    else if (value <= 0xffff)
        putBigEndian(0xcd, value, 2);
    else if (value <= 0xffffffffULL)
        putBigEndian(0xce, value, 4);
    else
        putBigEndian(0xcf, value, 8);
}

inline void MsgpackWriter::rawHeader(std::size_t length)
{
    sizedHeader(length, 32, 0xa0, 0xda);
}

inline void MsgpackWriter::str(std::string_view text)
{
    rawHeader(text.size());
    put(reinterpret_cast<const std::uint8_t *>(text.data()), text.size());
}

inline void MsgpackWriter::bytes(ByteView data)
{
    if (data.empty()) {
        nil();
        return;
    }
    rawHeader(data.size());
    put(data.data(), data.size());
}

} // namespace grapevine::wire
