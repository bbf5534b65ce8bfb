// limits.h — the size and encoding rules a value must meet before it is sent.
// Owns: kMaxValueBytes / kMaxOriginBytes and validateValue. The arithmetic that makes one
// value envelope always fit a 1400-byte UDP packet with >= 512 bytes left for piggybacked
// membership messages is in docs/protocol.md ("Limits").
// Never: truncates or repairs a value; a value over the limit is refused with a reason.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace grapevine::value {

// Largest value, in bytes of UTF-8 (not characters).
inline constexpr std::size_t kMaxValueBytes = 448;
// Largest origin (node) name an envelope carries. A node with a longer name cannot set
// values; a plain-text value from such a sender is stamped with origin "plain".
inline constexpr std::size_t kMaxOriginBytes = 128;

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
[[nodiscard]] bool isValidUtf8(std::string_view text);

// nullopt when `value` may be set; otherwise a one-line reason a user can read
// ("value is 600 bytes; the limit is 448 bytes", "value is not valid UTF-8 (byte 3)").
[[nodiscard]] std::optional<std::string> validateValue(std::string_view value);

// nullopt when `name` can be an envelope's origin; otherwise the reason.
[[nodiscard]] std::optional<std::string> validateOrigin(std::string_view name);

} // namespace grapevine::value
