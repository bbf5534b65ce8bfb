// captured_frame.h — the plain values that travel through the capture path: a link-layer
// frame as libpcap read it, and the UDP datagram or TCP segment found inside it.
// Owns nothing but data. Never: sockets, clocks (times come from the capture file).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/endpoint.h"

#include <cstdint>

namespace grapevine::capture {

// One record of a capture file or live tap, as libpcap delivered it.
struct CapturedFrame {
    std::uint64_t number = 0;         // 1-based position in the capture (Wireshark's "No.")
    std::int64_t timeNs = 0;          // capture timestamp, ns since the Unix epoch
    int linkType = 0;                 // pcap LINKTYPE_* / DLT_* of the interface
    std::uint32_t originalLength = 0; // on-the-wire length; more than bytes.size() = snapped
    wire::Bytes bytes;
};

// Link: a frame that did not get as far as UDP or TCP (malformed, or an IP fragment).
enum class Transport { Udp, Tcp, Link };
const char *transportName(Transport transport); // "udp" | "tcp" | "link"

// TCP header flags this path looks at.
inline constexpr std::uint8_t kTcpFin = 0x01;
inline constexpr std::uint8_t kTcpSyn = 0x02;
inline constexpr std::uint8_t kTcpRst = 0x04;

// The transport payload of one frame, with its addresses.
struct Segment {
    std::uint64_t frame = 0;
    std::int64_t timeNs = 0;
    Transport transport = Transport::Udp;
    wire::Endpoint from;
    wire::Endpoint to;
    std::uint32_t seq = 0;     // TCP only
    std::uint8_t tcpFlags = 0; // TCP only
    bool snapped = false;      // the capture kept fewer bytes than the packet had
    wire::Bytes payload;
};

} // namespace grapevine::capture
