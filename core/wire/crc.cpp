#include "core/wire/crc.h"

#include "core/wire/messages.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>

namespace grapevine::wire {

std::uint32_t crc32(ByteView data)
{
    uLong crc = ::crc32(0L, Z_NULL, 0);
    std::size_t offset = 0;
    // zlib takes a uInt length; feed very large buffers in chunks.
    while (offset < data.size()) {
        const std::size_t chunk = std::min<std::size_t>(data.size() - offset, 1U << 30);
        crc = ::crc32(crc, data.data() + offset, static_cast<uInt>(chunk));
        offset += chunk;
    }
    return static_cast<std::uint32_t>(crc);
}

Bytes addCrc(ByteView message)
{
    const std::uint32_t crc = crc32(message);
    Bytes out;
    out.reserve(kCrcHeaderBytes + message.size());
    out.push_back(static_cast<std::uint8_t>(MessageType::HasCrc));
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(crc >> shift));
    out.insert(out.end(), message.begin(), message.end());
    return out;
}

Result<ByteView> checkAndStripCrc(ByteView packet)
{
    if (packet.empty() || packet[0] != static_cast<std::uint8_t>(MessageType::HasCrc))
        return makeError("crc: not a CRC header");
    if (packet.size() < kCrcHeaderBytes)
        return makeError("crc: truncated header (" + std::to_string(packet.size()) + " bytes)");
    const std::uint32_t expected = (std::uint32_t{packet[1]} << 24) |
                                   (std::uint32_t{packet[2]} << 16) |
                                   (std::uint32_t{packet[3]} << 8) | packet[4];
    const ByteView body = packet.subspan(kCrcHeaderBytes);
    const std::uint32_t actual = crc32(body);
    if (actual != expected) {
        char text[64];
        std::snprintf(text, sizeof text, "crc: mismatch (header %08x, computed %08x)", expected,
                      actual);
        return makeError(text);
    }
    return body;
}

} // namespace grapevine::wire
