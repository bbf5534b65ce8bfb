#include "sim_address.h"

#include <charconv>

namespace grapevine::sim {

std::string nodeName(NodeId id)
{
    return "n" + std::to_string(id);
}

std::optional<NodeId> parseNodeName(std::string_view name)
{
    if (name.size() < 2 || name.front() != 'n')
        return std::nullopt;
    NodeId id = 0;
    const char *first = name.data() + 1;
    const char *last = name.data() + name.size();
    auto [ptr, ec] = std::from_chars(first, last, id);
    if (ec != std::errc{} || ptr != last)
        return std::nullopt;
    return id;
}

wire::Endpoint nodeAddress(NodeId id)
{
    const std::uint32_t host = id + 1;
    return wire::Endpoint{
        {10, std::uint8_t(host >> 16), std::uint8_t(host >> 8), std::uint8_t(host)}, kSimPort};
}

std::optional<NodeId> nodeAt(const wire::Endpoint &endpoint)
{
    const auto &ip = endpoint.ip;
    // Engines may echo an address in its 16-byte IPv4-mapped form.
    std::size_t offset = 0;
    if (ip.size() == 16)
        offset = 12;
    else if (ip.size() != 4)
        return std::nullopt;
    if (endpoint.port != kSimPort || ip[offset] != 10)
        return std::nullopt;
    const std::uint32_t host = (std::uint32_t(ip[offset + 1]) << 16) |
                               (std::uint32_t(ip[offset + 2]) << 8) | ip[offset + 3];
    if (host == 0 || host - 1 > kMaxNodes)
        return std::nullopt;
    return host - 1;
}

} // namespace grapevine::sim
