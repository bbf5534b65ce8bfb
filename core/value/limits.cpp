#include "core/value/limits.h"

#include <cstdint>

namespace grapevine::value {

namespace {

// Index of the first byte that breaks UTF-8, or npos when the text is valid.
std::size_t firstInvalidUtf8(std::string_view text)
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; // overlong
            if (c == 0xED)
                hi = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90; // overlong
            if (c == 0xF4)
                hi = 0x8F; // above U+10FFFF
        } else {
            return i; // 80..C1 (continuation or overlong lead), F5..FF
        }
        if (i + len > n || p[i + 1] < lo || p[i + 1] > hi)
            return i;
        for (std::size_t k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
        i += len;
    }
    return std::string_view::npos;
}

} // namespace

bool isValidUtf8(std::string_view text)
{
    return firstInvalidUtf8(text) == std::string_view::npos;
}

std::optional<std::string> validateValue(std::string_view value)
{
    if (value.size() > kMaxValueBytes)
        return "value is " + std::to_string(value.size()) + " bytes; the limit is " +
               std::to_string(kMaxValueBytes) + " bytes";
    if (const auto bad = firstInvalidUtf8(value); bad != std::string_view::npos)
        return "value is not valid UTF-8 (byte " + std::to_string(bad) + ")";
    return std::nullopt;
}

std::optional<std::string> validateOrigin(std::string_view name)
{
    if (name.empty())
        return std::string("node name is empty");
    if (name.size() > kMaxOriginBytes)
        return "node name is " + std::to_string(name.size()) + " bytes; values need at most " +
               std::to_string(kMaxOriginBytes);
    return std::nullopt;
}

} // namespace grapevine::value
