#include "core/wire/endpoint.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace grapevine::wire {

namespace {

constexpr std::array<std::uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool isMappedV4(const Bytes &ip)
{
    return ip.size() == 16 && std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), ip.begin());
}

// The 4-byte form of an IPv4 address in either representation; otherwise the bytes as-is.
Bytes canonicalIp(const Bytes &ip)
{
    if (isMappedV4(ip))
        return Bytes(ip.begin() + 12, ip.end());
    return ip;
}

std::optional<std::uint16_t> parsePort(std::string_view text)
{
    unsigned value = 0;
    const char *end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

std::optional<Bytes> parseIp(std::string_view text)
{
    const std::string host(text);
    std::array<std::uint8_t, 16> buffer{};
    if (inet_pton(AF_INET, host.c_str(), buffer.data()) == 1)
        return Bytes(buffer.begin(), buffer.begin() + 4);
    if (inet_pton(AF_INET6, host.c_str(), buffer.data()) == 1)
        return Bytes(buffer.begin(), buffer.end());
    return std::nullopt;
}

} // namespace

std::string Endpoint::ipText() const
{
    const Bytes canonical = canonicalIp(ip);
    char text[INET6_ADDRSTRLEN] = {};
    if (canonical.size() == 4)
        inet_ntop(AF_INET, canonical.data(), text, sizeof text);
    else if (canonical.size() == 16)
        inet_ntop(AF_INET6, canonical.data(), text, sizeof text);
    else
        return "<invalid ip: " + std::to_string(ip.size()) + " bytes>";
    return text;
}

std::string Endpoint::toString() const
{
    const Bytes canonical = canonicalIp(ip);
    const std::string host = ipText();
    if (canonical.size() == 16)
        return "[" + host + "]:" + std::to_string(port);
    return host + ":" + std::to_string(port);
}

bool Endpoint::sameAddress(const Endpoint &other) const
{
    return port == other.port && canonicalIp(ip) == canonicalIp(other.ip);
}

std::optional<Endpoint> parseEndpoint(std::string_view text, std::uint16_t defaultPort)
{
    if (text.empty())
        return std::nullopt;
    if (text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        auto ip = parseIp(text.substr(1, close - 1));
        if (!ip || ip->size() != 16)
            return std::nullopt;
        const std::string_view rest = text.substr(close + 1);
        if (rest.empty())
            return Endpoint{std::move(*ip), defaultPort};
        if (rest.front() != ':')
            return std::nullopt;
        const auto port = parsePort(rest.substr(1));
        if (!port)
            return std::nullopt;
        return Endpoint{std::move(*ip), *port};
    }
    // A bare IPv6 address has several colons; exactly one colon means host:port.
    const auto colon = text.find(':');
    if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
        auto ip = parseIp(text.substr(0, colon));
        const auto port = parsePort(text.substr(colon + 1));
        if (!ip || !port)
            return std::nullopt;
        return Endpoint{std::move(*ip), *port};
    }
    auto ip = parseIp(text);
    if (!ip)
        return std::nullopt;
    return Endpoint{std::move(*ip), defaultPort};
}

} // namespace grapevine::wire
