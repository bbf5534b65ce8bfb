#include "core/value/limits.h"

#include <cstdint>

namespace grapevine::value {

namespace {

// What a UTF-8 lead byte announces: the sequence's length (0: not a lead byte, i.e. 80..C1,
// a continuation or overlong lead, or F5..FF) and the range its second byte must be in.
struct Utf8Lead {
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
};

Utf8Lead utf8Lead(unsigned char c)
{
    if (c < 0x80)
        return {.length = 1};
    if (c >= 0xC2 && c <= 0xDF)
        return {.length = 2};
    if (c >= 0xE0 && c <= 0xEF) // E0: no overlong; ED: no surrogates
        return {.length = 3,
                .low = c == 0xE0 ? std::uint8_t{0xA0} : std::uint8_t{0x80},
                .high = c == 0xED ? std::uint8_t{0x9F} : std::uint8_t{0xBF}};
    if (c >= 0xF0 && c <= 0xF4) // F0: no overlong; F4: nothing above U+10FFFF
        return {.length = 4,
                .low = c == 0xF0 ? std::uint8_t{0x90} : std::uint8_t{0x80},
                .high = c == 0xF4 ? std::uint8_t{0x8F} : std::uint8_t{0xBF}};
    return {};
}

// Index of the first byte that breaks UTF-8, or npos when the text is valid.
std::size_t firstInvalidUtf8(std::string_view text)
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const Utf8Lead lead = utf8Lead(p[i]);
        if (lead.length == 0 || i + lead.length > n)
            return i;
        if (lead.length > 1 && (p[i + 1] < lead.low || p[i + 1] > lead.high))
            return i;
        for (std::size_t k = 2; k < lead.length; ++k)
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
        i += lead.length;
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
