// MsgpackReader, second half: maps, arrays, keys and skipping unknown values of any type
// with a nesting bound (msgpack_reader.cpp has the scalars).
#include "core/wire/msgpack_reader.h"

#include <bit>
#include <cstdint>

namespace grapevine::wire {

namespace {

std::string hexByte(std::uint8_t b)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    return std::string("0x") + kDigits[b >> 4] + kDigits[b & 0x0f];
}

std::string prefix(std::string_view field)
{
    return std::string(field) + ": ";
}

} // namespace

bool MsgpackReader::readContainerHeader(std::string_view field, bool &isMap, std::uint32_t &count)
{
    std::uint8_t tag = 0;
    if (!readByte(field, tag))
        return false;
    isMap = (tag >= 0x80 && tag <= 0x8f) || tag == 0xde || tag == 0xdf;
    if ((tag >= 0x80 && tag <= 0x9f)) {
        count = tag & 0x0f;
        return true;
    }
    if (tag < 0xdc || tag > 0xdf)
        return fail(prefix(field) + "expected a map or an array, got " + hexByte(tag));
    const int width = (tag == 0xdc || tag == 0xde) ? 2 : 4;
    if (!need(field, static_cast<std::size_t>(width)))
        return false;
    count = static_cast<std::uint32_t>(takeBigEndian(width));
    return true;
}

bool MsgpackReader::readStructHeader(std::string_view what, bool &isArray, std::uint32_t &count)
{
    bool isMap = false;
    if (!readContainerHeader(what, isMap, count))
        return false;
    isArray = !isMap;
    // Every entry takes at least one byte (two for a map), so a larger count cannot fit.
    const std::uint64_t minimum = isMap ? 2ULL * count : count;
    if (count > kMaxSkipCount)
        return fail(prefix(what) + "entry count " + std::to_string(count) + " exceeds the limit");
    if (minimum > remaining())
        return failTruncated(what, static_cast<std::size_t>(minimum));
    return true;
}

bool MsgpackReader::readMapHeader(std::string_view field, std::uint32_t &count)
{
    if (need(field, 1) && m_data[m_pos] == 0xc0) {
        ++m_pos;
        count = 0;
        return true;
    }
    bool isArray = false;
    if (!readStructHeader(field, isArray, count))
        return false;
    return !isArray || fail(prefix(field) + "expected a map, got an array");
}

bool MsgpackReader::readArrayHeader(std::string_view field, std::uint32_t &count)
{
    if (need(field, 1) && m_data[m_pos] == 0xc0) {
        ++m_pos;
        count = 0;
        return true;
    }
    bool isArray = false;
    if (!readStructHeader(field, isArray, count))
        return false;
    return isArray || fail(prefix(field) + "expected an array, got a map");
}

bool MsgpackReader::readFloat(std::string_view field, double &out)
{
    if (!need(field, 1))
        return false;
    const std::uint8_t tag = m_data[m_pos];
    if (tag == 0xcb || tag == 0xca) {
        const int width = tag == 0xcb ? 8 : 4;
        if (!need(field, 1 + static_cast<std::size_t>(width)))
            return false;
        ++m_pos;
        const std::uint64_t bits = takeBigEndian(width);
        out = width == 8 ? std::bit_cast<double>(bits)
                         : double(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
        return true;
    }
    std::int64_t whole = 0;
    if (!readInt(field, INT64_MIN, INT64_MAX, whole))
        return false;
    out = double(whole);
    return true;
}

bool MsgpackReader::readKey(std::string_view &key)
{
    std::size_t length = 0;
    if (!readRawHeader("map key", true, length))
        return false;
    ByteView data;
    if (!readRaw("map key", length, data))
        return false;
    key = std::string_view(reinterpret_cast<const char *>(data.data()), data.size());
    return true;
}

bool MsgpackReader::skipContainer(std::string_view field, std::uint32_t count, bool isMap,
                                  int depth)
{
    const std::uint64_t items = isMap ? 2ULL * count : count;
    if (count > kMaxSkipCount)
        return fail(prefix(field) + "entry count " + std::to_string(count) + " exceeds the limit");
    for (std::uint64_t i = 0; i < items; ++i) {
        if (!skip(field, depth + 1))
            return false;
    }
    return true;
}

bool MsgpackReader::skip(std::string_view field, int depth)
{
    if (depth >= kMaxDepth)
        return fail(prefix(field) + "nesting deeper than " + std::to_string(kMaxDepth));
    if (!need(field, 1))
        return false;
    const std::uint8_t tag = m_data[m_pos];
    if (tag <= 0x7f || tag >= 0xe0 || (tag >= 0xc0 && tag <= 0xc3 && tag != 0xc1)) {
        ++m_pos;
        return true;
    }
    if ((tag >= 0x80 && tag <= 0x9f) || (tag >= 0xdc && tag <= 0xdf)) {
        bool isMap = false;
        std::uint32_t count = 0;
        return readContainerHeader(field, isMap, count) &&
               skipContainer(field, count, isMap, depth);
    }
    if ((tag >= 0xa0 && tag <= 0xbf) || (tag >= 0xc4 && tag <= 0xc6) ||
        (tag >= 0xd9 && tag <= 0xdb)) {
        std::size_t length = 0;
        ByteView ignored;
        if (!readRawHeader(field, true, length))
            return false;
        if (length > kMaxRawLength)
            return fail(prefix(field) + "length " + std::to_string(length) + " exceeds the limit");
        return readRaw(field, length, ignored);
    }
    return skipScalar(field, tag);
}

bool MsgpackReader::skipScalar(std::string_view field, std::uint8_t tag)
{
    std::size_t size = 0;
    if (tag == 0xca)
        size = 5;
    else if (tag == 0xcb)
        size = 9;
    else if (tag >= 0xcc && tag <= 0xcf)
        size = 1 + (1U << (tag - 0xcc));
    else if (tag >= 0xd0 && tag <= 0xd3)
        size = 1 + (1U << (tag - 0xd0));
    else if (tag >= 0xd4 && tag <= 0xd8)
        size = 2 + (1U << (tag - 0xd4)); // fixext: type byte + 1..16 data bytes
    else if (tag >= 0xc7 && tag <= 0xc9) {
        const std::size_t width = 1U << (tag - 0xc7);
        if (!need(field, 1 + width))
            return false;
        ++m_pos;
        const auto length = static_cast<std::size_t>(takeBigEndian(static_cast<int>(width)));
        if (length > kMaxRawLength)
            return fail(prefix(field) + "ext length " + std::to_string(length) +
                        " exceeds the limit");
        size = 1 + length; // the ext type byte, then the data
        ByteView ignored;
        return readRaw(field, size, ignored);
    } else
        return fail(prefix(field) + "invalid msgpack byte " + hexByte(tag));
    ByteView ignored;
    return readRaw(field, size, ignored);
}

} // namespace grapevine::wire
