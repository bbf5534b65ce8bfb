// endpoint.h — an IP address as memberlist carries it (4 or 16 bytes, kept exactly as
// received) plus a port. Plain value type; no resolving, no sockets.
#pragma once

#include "bytes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace grapevine::wire {

struct Endpoint {
    Bytes ip; // 4 bytes (IPv4), 16 bytes (IPv6 or IPv4-mapped)
    std::uint16_t port = 0;

    bool operator==(const Endpoint &) const = default;
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=> (fixed in 15)
    auto operator<=>(const Endpoint &) const = default;

    // "127.0.0.1:7946" or "[::1]:7946"; an IPv4-mapped 16-byte address prints as IPv4.
    [[nodiscard]] std::string toString() const;
    [[nodiscard]] std::string ipText() const;
    // Same host and port, ignoring the 4- versus 16-byte IPv4 form.
    [[nodiscard]] bool sameAddress(const Endpoint &other) const;
};

// Parses "1.2.3.4", "::1", "1.2.3.4:7946", "[::1]:7946". IPv4 gives 4 bytes.
std::optional<Endpoint> parseEndpoint(std::string_view text, std::uint16_t defaultPort = 0);

} // namespace grapevine::wire
