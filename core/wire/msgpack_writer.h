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
    explicit MsgpackWriter(Bytes *out) : m_out(out) {}

    void mapHeader(std::uint32_t count);
    void arrayHeader(std::uint32_t count);
    void nil();
    void boolean(bool value);
    void uint(std::uint64_t value);
    void goInt(std::int64_t value, IntStyle style);
    void str(std::string_view text);
    void bytes(ByteView data); // empty -> nil, as Go encodes a nil slice
    void raw(ByteView data);   // bytes outside msgpack (type byte, user state)
    void byte(std::uint8_t value) { put(&value, 1); }

    [[nodiscard]] std::size_t size() const { return m_size; }

private:
    void rawHeader(std::size_t length);
    void put(const std::uint8_t *data, std::size_t length);
    void putBigEndian(std::uint8_t tag, std::uint64_t value, int width);

    Bytes *m_out;
    std::size_t m_size = 0;
};

} // namespace grapevine::wire
