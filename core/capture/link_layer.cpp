#include "core/capture/link_layer.h"

#include <string>

namespace grapevine::capture {

namespace {

using wire::ByteView;
using wire::makeError;

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherIpv6 = 0x86dd;
constexpr std::uint8_t kProtoTcp = 6;
constexpr std::uint8_t kProtoUdp = 17;

std::uint16_t be16(ByteView b, std::size_t at)
{
    return static_cast<std::uint16_t>((b[at] << 8) | b[at + 1]);
}

std::uint32_t be32(ByteView b, std::size_t at)
{
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
           (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

std::string tooShort(const char *layer, std::size_t need, std::size_t have)
{
    return std::string(layer) + ": needs " + std::to_string(need) + " bytes, the frame has " +
           std::to_string(have);
}

// What an IP header handed on: the transport protocol and its bytes.
struct IpPayload {
    wire::Bytes from;
    wire::Bytes to;
    std::uint8_t protocol = 0;
    ByteView bytes;
    bool cut = false; // the IP header declares more than was captured
};

using IpResult = wire::Result<std::optional<IpPayload>>;

IpResult parseIpv4(ByteView b)
{
    if (b.size() < 20)
        return makeError(tooShort("ipv4", 20, b.size()));
    const std::size_t headerLength = std::size_t(b[0] & 0x0f) * 4;
    if (headerLength < 20 || b.size() < headerLength)
        return makeError("ipv4: bad header length " + std::to_string(headerLength));
    std::size_t total = be16(b, 2);
    if (total == 0)
        total = b.size(); // segmentation offload: the kernel leaves the length to the NIC
    if (total < headerLength)
        return makeError("ipv4: total length " + std::to_string(total) +
                         " is shorter than its header");
    const std::uint16_t fragment = be16(b, 6);
    if ((fragment & 0x2000) != 0 || (fragment & 0x1fff) != 0)
        return makeError("ipv4: fragment at offset " + std::to_string((fragment & 0x1fff) * 8) +
                         " (IP fragments are not reassembled)");
    IpPayload out;
    out.from.assign(b.begin() + 12, b.begin() + 16);
    out.to.assign(b.begin() + 16, b.begin() + 20);
    out.protocol = b[9];
    out.cut = total > b.size();
    out.bytes = b.subspan(headerLength, std::min(total, b.size()) - headerLength);
    return std::optional<IpPayload>(std::move(out));
}

IpResult parseIpv6(ByteView b)
{
    if (b.size() < 40)
        return makeError(tooShort("ipv6", 40, b.size()));
    const std::size_t total = 40 + std::size_t{be16(b, 4)};
    IpPayload out;
    out.from.assign(b.begin() + 8, b.begin() + 24);
    out.to.assign(b.begin() + 24, b.begin() + 40);
    out.cut = total > b.size();
    const ByteView body = b.subspan(0, std::min(total, b.size()));
    std::uint8_t next = b[6];
    std::size_t at = 40;
    // Hop-by-hop, routing and destination options are skipped; AH counts in 4-byte units.
    while (next == 0 || next == 43 || next == 60 || next == 51 || next == 44) {
        if (next == 44)
            return makeError("ipv6: fragment header (IP fragments are not reassembled)");
        if (body.size() < at + 2)
            return makeError(tooShort("ipv6 extension header", at + 2, body.size()));
        const std::size_t length =
            next == 51 ? (std::size_t{body[at + 1]} + 2) * 4 : (std::size_t{body[at + 1]} + 1) * 8;
        next = body[at];
        at += length;
        if (body.size() < at)
            return makeError(tooShort("ipv6 extension header", at, body.size()));
    }
    out.protocol = next;
    out.bytes = body.subspan(at);
    return std::optional<IpPayload>(std::move(out));
}

IpResult parseIpByVersion(ByteView b)
{
    if (b.empty())
        return makeError("ip: empty packet");
    switch (b[0] >> 4) {
    case 4:
        return parseIpv4(b);
    case 6:
        return parseIpv6(b);
    default:
        return std::optional<IpPayload>(); // not IP: nothing of ours
    }
}

IpResult parseEthertype(std::uint16_t type, ByteView b)
{
    if (type == kEtherIpv4)
        return parseIpv4(b);
    if (type == kEtherIpv6)
        return parseIpv6(b);
    return std::optional<IpPayload>();
}

IpResult parseEthernet(ByteView b)
{
    std::size_t at = 12;
    if (b.size() < at + 2)
        return makeError(tooShort("ethernet", at + 2, b.size()));
    std::uint16_t type = be16(b, at);
    // 802.1Q / 802.1ad / QinQ tags: 4 bytes each before the real ethertype.
    while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
        at += 4;
        if (b.size() < at + 2)
            return makeError(tooShort("ethernet vlan tag", at + 2, b.size()));
        type = be16(b, at);
    }
    return parseEthertype(type, b.subspan(at + 2));
}

IpResult parseLinkLayer(int linkType, ByteView b)
{
    switch (linkType) {
    case kLinkEthernet:
        return parseEthernet(b);
    case kLinkLinuxSll:
        if (b.size() < 16)
            return makeError(tooShort("linux-sll", 16, b.size()));
        return parseEthertype(be16(b, 14), b.subspan(16));
    case kLinkLinuxSll2:
        if (b.size() < 20)
            return makeError(tooShort("linux-sll2", 20, b.size()));
        return parseEthertype(be16(b, 0), b.subspan(20));
    case kLinkNull:
    case kLinkLoop:
        // The 4-byte address family is in the capturing host's byte order (null) and its
        // values differ between systems; the IP version nibble says the same, portably.
        if (b.size() < 4)
            return makeError(tooShort("loopback", 4, b.size()));
        return parseIpByVersion(b.subspan(4));
    case kLinkRaw:
    case kDltRaw:
    case kDltRawBsd:
        return parseIpByVersion(b);
    case kLinkIpv4:
        return parseIpv4(b);
    case kLinkIpv6:
        return parseIpv6(b);
    default:
        return makeError("link type " + std::to_string(linkType) + " is not supported");
    }
}

wire::Result<std::optional<Segment>> parseUdp(const IpPayload &ip, Segment segment)
{
    const ByteView b = ip.bytes;
    if (b.size() < 8)
        return makeError(tooShort("udp", 8, b.size()));
    const std::size_t length = be16(b, 4);
    if (length < 8)
        return makeError("udp: length " + std::to_string(length) + " is shorter than its header");
    segment.transport = Transport::Udp;
    segment.from.port = be16(b, 0);
    segment.to.port = be16(b, 2);
    segment.snapped = segment.snapped || length > b.size();
    const ByteView payload = b.subspan(8, std::min(length, b.size()) - 8);
    segment.payload.assign(payload.begin(), payload.end());
    return std::optional<Segment>(std::move(segment));
}

wire::Result<std::optional<Segment>> parseTcp(const IpPayload &ip, Segment segment)
{
    const ByteView b = ip.bytes;
    if (b.size() < 20)
        return makeError(tooShort("tcp", 20, b.size()));
    const std::size_t headerLength = std::size_t(b[12] >> 4) * 4;
    if (headerLength < 20 || b.size() < headerLength)
        return makeError("tcp: bad header length " + std::to_string(headerLength));
    segment.transport = Transport::Tcp;
    segment.from.port = be16(b, 0);
    segment.to.port = be16(b, 2);
    segment.seq = be32(b, 4);
    segment.tcpFlags = b[13];
    const ByteView payload = b.subspan(headerLength);
    segment.payload.assign(payload.begin(), payload.end());
    return std::optional<Segment>(std::move(segment));
}

} // namespace

const char *transportName(Transport transport)
{
    switch (transport) {
    case Transport::Udp:
        return "udp";
    case Transport::Tcp:
        return "tcp";
    case Transport::Link:
        return "link";
    }
    return "link";
}

bool supportedLinkType(int linkType)
{
    switch (linkType) {
    case kLinkNull:
    case kLinkEthernet:
    case kLinkRaw:
    case kDltRaw:
    case kDltRawBsd:
    case kLinkLoop:
    case kLinkLinuxSll:
    case kLinkIpv4:
    case kLinkIpv6:
    case kLinkLinuxSll2:
        return true;
    default:
        return false;
    }
}

wire::Result<std::optional<Segment>> parseFrame(const CapturedFrame &frame)
{
    auto ip = parseLinkLayer(frame.linkType, frame.bytes);
    if (!ip)
        return ip.error();
    if (!ip->has_value())
        return std::optional<Segment>();
    const IpPayload &payload = **ip;
    Segment segment;
    segment.frame = frame.number;
    segment.timeNs = frame.timeNs;
    segment.from.ip = payload.from;
    segment.to.ip = payload.to;
    segment.snapped = payload.cut && frame.originalLength > frame.bytes.size();
    if (payload.cut && !segment.snapped)
        return makeError("ip: the header declares more bytes than the frame holds");
    switch (payload.protocol) {
    case kProtoUdp:
        return parseUdp(payload, std::move(segment));
    case kProtoTcp:
        return parseTcp(payload, std::move(segment));
    default:
        return std::optional<Segment>();
    }
}

} // namespace grapevine::capture
