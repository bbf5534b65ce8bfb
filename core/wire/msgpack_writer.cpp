#include "core/wire/msgpack_writer.h"

#include <bit>

namespace grapevine::wire {

void MsgpackWriter::append(const std::uint8_t *data, std::size_t length)
{
    m_out->insert(m_out->end(), data, data + length);
}

void MsgpackWriter::putBigEndian(std::uint8_t tag, std::uint64_t value, int width)
{
    std::uint8_t buffer[9];
    buffer[0] = tag;
    for (int i = 0; i < width; ++i)
        buffer[1 + i] = static_cast<std::uint8_t>(value >> (8 * (width - 1 - i)));
    put(buffer, static_cast<std::size_t>(width) + 1);
}

void MsgpackWriter::goInt(std::int64_t value, IntStyle style)
{
    if (value >= 0 && style == IntStyle::Go05Unsigned) {
        uint(static_cast<std::uint64_t>(value));
        return;
    }
    // go-msgpack v2: fixints, then the smallest signed width (never int8 above 127).
    const auto bits = static_cast<std::uint64_t>(value);
    if (value >= -32 && value <= 127)
        byte(static_cast<std::uint8_t>(bits));
    else if (value >= -128 && value < -32)
        putBigEndian(0xd0, bits & 0xff, 1);
    else if (value >= -32768 && value <= 32767)
        putBigEndian(0xd1, bits & 0xffff, 2);
    else if (value >= -2147483648LL && value <= 2147483647LL)
        putBigEndian(0xd2, bits & 0xffffffffULL, 4);
    else
        putBigEndian(0xd3, bits, 8);
}

void MsgpackWriter::float64(double value)
{
    putBigEndian(0xcb, std::bit_cast<std::uint64_t>(value), 8);
}

} // namespace grapevine::wire
