#include "core/wire/msgpack_reader.h"

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

bool MsgpackReader::fail(std::string message)
{
    if (!m_failed) {
        m_failed = true;
        m_error = std::move(message);
    }
    return false;
}

bool MsgpackReader::addContext(std::string_view context)
{
    m_error.insert(0, context);
    return false;
}

bool MsgpackReader::failTruncated(std::string_view field, std::size_t needed)
{
    if (!m_failed) {
        m_truncated = true;
        m_needed = m_pos + needed;
    }
    return fail(prefix(field) + "truncated (needs " + std::to_string(needed) + " bytes, " +
                std::to_string(remaining()) + " left)");
}

bool MsgpackReader::need(std::string_view field, std::size_t count)
{
    if (m_failed)
        return false;
    if (count > remaining())
        return failTruncated(field, count);
    return true;
}

std::uint64_t MsgpackReader::takeBigEndian(int width)
{
    std::uint64_t value = 0;
    for (int i = 0; i < width; ++i)
        value = (value << 8) | m_data[m_pos++];
    return value;
}

bool MsgpackReader::readByte(std::string_view field, std::uint8_t &out)
{
    if (!need(field, 1))
        return false;
    out = m_data[m_pos++];
    return true;
}

bool MsgpackReader::readRaw(std::string_view field, std::size_t length, ByteView &out)
{
    if (!need(field, length))
        return false;
    out = m_data.subspan(m_pos, length);
    m_pos += length;
    return true;
}

bool MsgpackReader::readInteger(std::string_view field, Integer &out)
{
    std::uint8_t tag = 0;
    if (!readByte(field, tag))
        return false;
    if (tag <= 0x7f) {
        out = {false, tag};
        return true;
    }
    if (tag >= 0xe0) {
        out = {true, static_cast<std::uint64_t>(0x100 - tag)};
        return true;
    }
    if (tag >= 0xcc && tag <= 0xcf) {
        const int width = 1 << (tag - 0xcc);
        if (!need(field, static_cast<std::size_t>(width)))
            return false;
        out = {false, takeBigEndian(width)};
        return true;
    }
    if (tag >= 0xd0 && tag <= 0xd3) {
        const int width = 1 << (tag - 0xd0);
        if (!need(field, static_cast<std::size_t>(width)))
            return false;
        const std::uint64_t bits = takeBigEndian(width);
        const std::uint64_t signBit = 1ULL << (8 * width - 1);
        if ((bits & signBit) == 0) {
            out = {false, bits};
        } else {
            // Two's complement magnitude within the declared width.
            const std::uint64_t mask = width == 8 ? ~0ULL : ((1ULL << (8 * width)) - 1);
            out = {true, ((~bits) & mask) + 1};
        }
        return true;
    }
    return fail(prefix(field) + "expected an integer, got " + hexByte(tag));
}

bool MsgpackReader::readUint(std::string_view field, std::uint64_t max, std::uint64_t &out)
{
    Integer value;
    if (!readInteger(field, value))
        return false;
    if (value.negative)
        return fail(prefix(field) + "negative value -" + std::to_string(value.magnitude) +
                    " for an unsigned field");
    if (value.magnitude > max)
        return fail(prefix(field) + "value " + std::to_string(value.magnitude) +
                    " does not fit (max " + std::to_string(max) + ")");
    out = value.magnitude;
    return true;
}

bool MsgpackReader::readInt(std::string_view field, std::int64_t min, std::int64_t max,
                            std::int64_t &out)
{
    Integer value;
    if (!readInteger(field, value))
        return false;
    constexpr std::uint64_t kMinMagnitude = 1ULL << 63;
    const std::uint64_t limit = value.negative ? kMinMagnitude : kMinMagnitude - 1;
    if (value.magnitude <= limit) {
        const std::int64_t v = value.negative ? static_cast<std::int64_t>(0 - value.magnitude)
                                              : static_cast<std::int64_t>(value.magnitude);
        if (v >= min && v <= max) {
            out = v;
            return true;
        }
    }
    return fail(prefix(field) + "value " + (value.negative ? "-" : "") +
                std::to_string(value.magnitude) + " out of range");
}

bool MsgpackReader::readBool(std::string_view field, bool &out)
{
    if (!need(field, 1))
        return false;
    const std::uint8_t tag = m_data[m_pos];
    if (tag == 0xc2 || tag == 0xc3) {
        ++m_pos;
        out = tag == 0xc3;
        return true;
    }
    std::uint64_t value = 0;
    if (!readUint(field, 1, value))
        return false;
    out = value == 1;
    return true;
}

bool MsgpackReader::readRawHeader(std::string_view field, bool allowBin, std::size_t &length)
{
    std::uint8_t tag = 0;
    if (!readByte(field, tag))
        return false;
    if (tag >= 0xa0 && tag <= 0xbf) {
        length = tag & 0x1f;
        return true;
    }
    int width = 0;
    if (tag == 0xd9 || (allowBin && tag == 0xc4))
        width = 1;
    else if (tag == 0xda || (allowBin && tag == 0xc5))
        width = 2;
    else if (tag == 0xdb || (allowBin && tag == 0xc6))
        width = 4;
    else if (tag == 0xc0) {
        length = 0;
        return true;
    } else
        return fail(prefix(field) + "expected a string or bytes, got " + hexByte(tag));
    if (!need(field, static_cast<std::size_t>(width)))
        return false;
    length = static_cast<std::size_t>(takeBigEndian(width));
    return true;
}

bool MsgpackReader::readString(std::string_view field, std::string &out)
{
    std::size_t length = 0;
    if (!readRawHeader(field, true, length))
        return false;
    if (length > kMaxRawLength)
        return fail(prefix(field) + "length " + std::to_string(length) + " exceeds the limit");
    ByteView data;
    if (!readRaw(field, length, data))
        return false;
    out.assign(data.begin(), data.end());
    return true;
}

// The header of a byte slice: raw (str/bin/nil) or, leniently, an array of small ints.
bool MsgpackReader::readBytesHeader(std::string_view field, std::size_t maxLength, bool &isArray,
                                    std::size_t &length)
{
    if (!need(field, 1))
        return false;
    const std::uint8_t tag = m_data[m_pos];
    isArray = (tag >= 0x90 && tag <= 0x9f) || tag == 0xdc || tag == 0xdd;
    if (isArray) {
        bool isMap = false;
        std::uint32_t count = 0;
        if (!readContainerHeader(field, isMap, count))
            return false;
        length = count;
    } else if (!readRawHeader(field, true, length)) {
        return false;
    }
    if (length > maxLength)
        return fail(prefix(field) + "length " + std::to_string(length) + " exceeds the limit of " +
                    std::to_string(maxLength));
    return true;
}

bool MsgpackReader::readBytes(std::string_view field, Bytes &out, std::size_t maxLength)
{
    bool isArray = false;
    std::size_t length = 0;
    if (!readBytesHeader(field, maxLength, isArray, length))
        return false;
    if (isArray)
        return readSmallIntArray(field, static_cast<std::uint32_t>(length), out);
    ByteView data;
    if (!readRaw(field, length, data))
        return false;
    out.assign(data.begin(), data.end());
    return true;
}

bool MsgpackReader::readBytes(std::string_view field, SmallBytes &out, std::size_t maxLength)
{
    bool isArray = false;
    std::size_t length = 0;
    if (!readBytesHeader(field, maxLength, isArray, length))
        return false;
    if (isArray) { // rare: through a Bytes
        Bytes values;
        if (!readSmallIntArray(field, static_cast<std::uint32_t>(length), values))
            return false;
        out.assign(values);
        return true;
    }
    ByteView data;
    if (!readRaw(field, length, data))
        return false;
    out.assign(data);
    return true;
}

bool MsgpackReader::readSmallIntArray(std::string_view field, std::uint32_t count, Bytes &out)
{
    if (count > remaining())
        return failTruncated(field, count);
    out.clear();
    out.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint64_t value = 0;
        if (!readUint(field, 255, value))
            return false;
        out.push_back(static_cast<std::uint8_t>(value));
    }
    return true;
}

} // namespace grapevine::wire
