// capture_fixtures.h — builds the frames the capture tests feed in: memberlist packets
// sealed by core/wire (the same code a live node sends with), wrapped in real IP/UDP/TCP
// headers and a link-layer header of the wanted type.
#pragma once

#include "core/capture/captured_frame.h"
#include "core/capture/frame_builder.h"
#include "core/capture/link_layer.h"
#include "core/wire/packet.h"
#include "core/wire/stream.h"

#include <vector>

namespace grapevine::capture::testing {

inline wire::Endpoint endpoint(std::uint8_t host, std::uint16_t port)
{
    return wire::Endpoint{wire::Bytes{10, 0, 0, host}, port};
}

inline wire::Endpoint endpoint6(std::uint8_t host, std::uint16_t port)
{
    wire::Bytes ip(16, 0);
    ip[0] = 0xfd;
    ip[15] = host;
    return wire::Endpoint{ip, port};
}

inline wire::Bytes nonce()
{
    return wire::Bytes(12, 7);
}

inline Segment udp(const wire::Endpoint &from, const wire::Endpoint &to, wire::Bytes payload)
{
    Segment s;
    s.transport = Transport::Udp;
    s.from = from;
    s.to = to;
    s.payload = std::move(payload);
    return s;
}

inline Segment tcp(const wire::Endpoint &from, const wire::Endpoint &to, std::uint32_t seq,
                   wire::Bytes payload, std::uint8_t flags = 0)
{
    Segment s = udp(from, to, std::move(payload));
    s.transport = Transport::Tcp;
    s.seq = seq;
    s.tcpFlags = flags;
    return s;
}

// A frame of `linkType` around the segment's IP packet.
inline CapturedFrame frameOf(const Segment &segment, int linkType = kLinkEthernet,
                             std::int64_t timeNs = 1'000'000'000)
{
    const wire::Bytes ip = buildIpPacket(segment);
    const bool v6 = segment.from.ip.size() == 16;
    const std::uint8_t typeHigh = v6 ? 0x86 : 0x08;
    const std::uint8_t typeLow = v6 ? 0xdd : 0x00;
    wire::Bytes link;
    switch (linkType) {
    case kLinkEthernet:
        link = wire::Bytes(12, 0x02);
        link.insert(link.end(), {typeHigh, typeLow});
        break;
    case kLinkLinuxSll:
        link = wire::Bytes(14, 0);
        link.insert(link.end(), {typeHigh, typeLow});
        break;
    case kLinkLinuxSll2:
        link = wire::Bytes(20, 0);
        link[0] = typeHigh;
        link[1] = typeLow;
        break;
    case kLinkNull:
        link = wire::Bytes{2, 0, 0, 0};
        break;
    default:
        break; // raw IP
    }
    CapturedFrame frame;
    frame.linkType = linkType;
    frame.timeNs = timeNs;
    frame.bytes = link;
    frame.bytes.insert(frame.bytes.end(), ip.begin(), ip.end());
    frame.originalLength = static_cast<std::uint32_t>(frame.bytes.size());
    return frame;
}

inline wire::Alive alive(const std::string &name, std::uint32_t incarnation, std::uint8_t host)
{
    wire::Alive a;
    a.node = name;
    a.incarnation = incarnation;
    a.addr = wire::SmallBytes(wire::Bytes{10, 0, 0, host});
    a.port = 7946;
    a.vsn = wire::SmallBytes(wire::Bytes{1, 5, 2, 0, 0, 0});
    return a;
}

inline wire::Bytes sealed(const std::vector<wire::Message> &messages,
                          const wire::PacketOptions &options = {})
{
    return wire::sealPacket(messages, options, nonce());
}

} // namespace grapevine::capture::testing
