// frame_builder.h — real IPv4/IPv6 + UDP/TCP headers (with checksums) around a payload, so
// exported records open in Wireshark as the packets they were.
// Owns: header layout and the Internet checksum. Never: link-layer headers (exports use
// LINKTYPE_RAW), fragmentation (callers keep each payload under kMaxIpPayload).
#pragma once

#include "core/capture/captured_frame.h"

namespace grapevine::capture {

// The largest payload one IPv4 packet with a 20-byte TCP header can carry.
inline constexpr std::size_t kMaxIpPayload = 65'535 - 20 - 20;

// An IP packet (version from the address size: 4 bytes → IPv4, else IPv6) carrying
// `segment`'s payload as UDP or TCP (seq and flags from the segment; ACK|PSH added to
// data segments). Empty when the addresses are neither 4 nor 16 bytes or differ in size.
wire::Bytes buildIpPacket(const Segment &segment);

} // namespace grapevine::capture
