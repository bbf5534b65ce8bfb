// link_layer.h — from a captured frame to its UDP datagram or TCP segment.
// Owns: the link types memberlist captures come in (Ethernet with VLAN tags, Linux cooked
// SLL and SLL2, BSD loopback/null, raw IP) and IPv4/IPv6 (extension headers skipped) down
// to UDP and TCP. Every length is checked against the bytes actually captured.
// Never: reassembles IP fragments (a memberlist datagram fits one packet; a fragment is
// reported, not guessed at), reads files, or keeps state between frames.
#pragma once

#include "core/capture/captured_frame.h"
#include "core/wire/result.h"

#include <optional>

namespace grapevine::capture {

// Link types (pcap LINKTYPE_* values; libpcap maps platform DLT_* numbers onto these).
inline constexpr int kLinkNull = 0;
inline constexpr int kLinkEthernet = 1;
inline constexpr int kLinkRaw = 101;
inline constexpr int kDltRaw = 12;    // what libpcap reports for LINKTYPE_RAW on Linux
inline constexpr int kDltRawBsd = 14; // … and on OpenBSD
inline constexpr int kLinkLoop = 108;
inline constexpr int kLinkLinuxSll = 113;
inline constexpr int kLinkIpv4 = 228;
inline constexpr int kLinkIpv6 = 229;
inline constexpr int kLinkLinuxSll2 = 276;

// Whether parseFrame understands `linkType` at all.
bool supportedLinkType(int linkType);

// The UDP/TCP content of `frame`. nullopt: a well-formed frame that carries neither (ARP,
// ICMP, …). Error: a frame that claims to but is malformed or cut short (the reason names
// the layer: "ethernet: …", "ipv4: …", "tcp: …").
wire::Result<std::optional<Segment>> parseFrame(const CapturedFrame &frame);

} // namespace grapevine::capture
