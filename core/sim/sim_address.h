// sim_address.h — how simulated nodes are named and addressed.
// Owns: the mapping index <-> name ("n17") <-> advertise address (10.x.y.z:7946, 4-byte IPv4).
// Never: resolves anything or touches sockets; the mapping is pure arithmetic so the network
// can route an Endpoint back to a node without a lookup table.
#pragma once

#include "core/wire/endpoint.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace grapevine::sim {

using NodeId = std::uint32_t;

inline constexpr std::uint16_t kSimPort = 7946;
// 10.0.0.0/8 minus the network address: index i lives at 10.0.0.0 + i + 1.
inline constexpr NodeId kMaxNodes = (1u << 24) - 2;

[[nodiscard]] std::string nodeName(NodeId id);
[[nodiscard]] std::optional<NodeId> parseNodeName(std::string_view name);
[[nodiscard]] wire::Endpoint nodeAddress(NodeId id);
// The node behind an address, or nothing for an address the simulator never handed out.
[[nodiscard]] std::optional<NodeId> nodeAt(const wire::Endpoint &endpoint);

} // namespace grapevine::sim
