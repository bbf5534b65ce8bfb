// msgpack_reader.h — a lenient, bounds-checked msgpack reader for memberlist structs.
// Owns: reading every integer width (signed or unsigned, range-checked), str or bin,
// nil, byte slices as arrays of small ints, bool from 0/1, and skipping any value.
// Never: throws, reads past the buffer, recurses without a depth bound. The first failure
// sticks; truncated() tells "ran out of bytes" apart from "malformed" so a stream reader
// can wait for more. Follows go-msgpack 0.5.5 codec/decode.go leniency (spec §2.1, A.2).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/small_bytes.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace grapevine::wire {

class MsgpackReader {
public:
    static constexpr int kMaxDepth = 32;
    static constexpr std::uint32_t kMaxSkipCount = 1U << 20;
    static constexpr std::size_t kMaxRawLength = std::size_t{64} * 1024 * 1024;

    explicit MsgpackReader(ByteView data)
        : m_data(data)
    {
    }

    [[nodiscard]] bool failed() const { return m_failed; }
    [[nodiscard]] bool truncated() const { return m_truncated; }
    [[nodiscard]] const std::string &error() const { return m_error; }
    [[nodiscard]] std::size_t position() const { return m_pos; }
    // After a truncation: how many bytes from the start of the input the failed read needed.
    [[nodiscard]] std::size_t neededTotal() const { return m_needed; }
    [[nodiscard]] std::size_t remaining() const { return m_data.size() - m_pos; }

    // Records the first error and returns false, so callers can `return r.fail(...)`.
    bool fail(std::string message);
    bool failTruncated(std::string_view field, std::size_t needed);
    // Prepends context ("ping: ") to the recorded error; returns false.
    bool addContext(std::string_view context);

    bool readByte(std::string_view field, std::uint8_t &out);
    bool readRaw(std::string_view field, std::size_t length, ByteView &out);
    // A struct: a map (any key order) or an array (declaration order).
    bool readStructHeader(std::string_view what, bool &isArray, std::uint32_t &count);
    bool readKey(std::string_view &key);
    // A map's or an array's entry count (nil reads as 0, as Go decodes a nil map or slice).
    bool readMapHeader(std::string_view field, std::uint32_t &count);
    bool readArrayHeader(std::string_view field, std::uint32_t &count);
    // A float64 (cb) or float32 (ca); an integer is accepted too (Go decodes it into a float).
    bool readFloat(std::string_view field, double &out);
    bool readUint(std::string_view field, std::uint64_t max, std::uint64_t &out);
    bool readInt(std::string_view field, std::int64_t min, std::int64_t max, std::int64_t &out);
    bool readBool(std::string_view field, bool &out);
    bool readString(std::string_view field, std::string &out);
    bool readBytes(std::string_view field, Bytes &out, std::size_t maxLength = kMaxRawLength);
    bool readBytes(std::string_view field, SmallBytes &out, std::size_t maxLength = kMaxRawLength);
    bool skip(std::string_view field, int depth = 0);

private:
    struct Integer {
        bool negative = false;
        std::uint64_t magnitude = 0;
    };
    bool need(std::string_view field, std::size_t count);
    std::uint64_t takeBigEndian(int width);
    bool readInteger(std::string_view field, Integer &out);
    bool readRawHeader(std::string_view field, bool allowBin, std::size_t &length);
    bool readBytesHeader(std::string_view field, std::size_t maxLength, bool &isArray,
                         std::size_t &length);
    bool readSmallIntArray(std::string_view field, std::uint32_t count, Bytes &out);
    bool readContainerHeader(std::string_view field, bool &isMap, std::uint32_t &count);
    bool skipScalar(std::string_view field, std::uint8_t tag);
    bool skipContainer(std::string_view field, std::uint32_t count, bool isMap, int depth);

    ByteView m_data;
    std::size_t m_pos = 0;
    bool m_failed = false;
    bool m_truncated = false;
    std::size_t m_needed = 0;
    std::string m_error;
};

} // namespace grapevine::wire
