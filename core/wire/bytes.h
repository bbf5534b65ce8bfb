// bytes.h — the byte buffer types shared by every layer.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace grapevine::wire {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline Bytes toBytes(std::string_view s)
{
    return Bytes(s.begin(), s.end());
}
inline std::string toString(ByteView b)
{
    return std::string(b.begin(), b.end());
}

// Lower-case hex with a space between bytes ("de ad be ef"), as in the spec's vectors.
std::string toHex(ByteView bytes);
// Parses hex, ignoring whitespace and '|'; returns empty on odd length or a bad digit.
Bytes fromHex(std::string_view hex);

} // namespace grapevine::wire
