#include "core/capture/frame_builder.h"

namespace grapevine::capture {

namespace {

constexpr std::uint8_t kProtoTcp = 6;
constexpr std::uint8_t kProtoUdp = 17;
constexpr std::uint8_t kTcpPsh = 0x08;
constexpr std::uint8_t kTcpAck = 0x10;

void put16(wire::Bytes &b, std::size_t at, std::uint32_t v)
{
    b[at] = static_cast<std::uint8_t>(v >> 8);
    b[at + 1] = static_cast<std::uint8_t>(v);
}

void put32(wire::Bytes &b, std::size_t at, std::uint32_t v)
{
    put16(b, at, v >> 16);
    put16(b, at + 2, v);
}

std::uint32_t sumWords(wire::ByteView bytes, std::uint32_t sum = 0)
{
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
        sum += std::uint32_t(bytes[i] << 8 | bytes[i + 1]);
    if (bytes.size() % 2 != 0)
        sum += std::uint32_t(bytes.back() << 8);
    return sum;
}

std::uint16_t fold(std::uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

wire::Bytes transportHeader(const Segment &segment)
{
    if (segment.transport == Transport::Udp) {
        wire::Bytes h(8, 0);
        put16(h, 0, segment.from.port);
        put16(h, 2, segment.to.port);
        put16(h, 4, std::uint32_t(8 + segment.payload.size()));
        return h;
    }
    wire::Bytes h(20, 0);
    put16(h, 0, segment.from.port);
    put16(h, 2, segment.to.port);
    put32(h, 4, segment.seq);
    h[12] = 5 << 4;
    h[13] = segment.payload.empty() ? segment.tcpFlags : (segment.tcpFlags | kTcpPsh | kTcpAck);
    put16(h, 14, 65535); // window
    return h;
}

// Checksum over the pseudo-header, the transport header and the payload.
std::uint16_t transportChecksum(const Segment &segment, wire::ByteView header, std::uint8_t proto)
{
    const std::size_t length = header.size() + segment.payload.size();
    std::uint32_t sum = sumWords(segment.from.ip) + sumWords(segment.to.ip);
    sum += proto + std::uint32_t(length & 0xffff) + std::uint32_t(length >> 16);
    sum = sumWords(header, sum);
    sum = sumWords(segment.payload, sum);
    const std::uint16_t folded = fold(sum);
    return folded == 0 && proto == kProtoUdp ? 0xffff : folded;
}

wire::Bytes ipHeader(const Segment &segment, std::size_t transportLength, std::uint8_t proto)
{
    if (segment.from.ip.size() == 4) {
        wire::Bytes h(20, 0);
        h[0] = 0x45;
        put16(h, 2, std::uint32_t(20 + transportLength));
        h[6] = 0x40; // don't fragment
        h[8] = 64;
        h[9] = proto;
        std::copy(segment.from.ip.begin(), segment.from.ip.end(), h.begin() + 12);
        std::copy(segment.to.ip.begin(), segment.to.ip.end(), h.begin() + 16);
        put16(h, 10, fold(sumWords(h)));
        return h;
    }
    wire::Bytes h(40, 0);
    h[0] = 0x60;
    put16(h, 4, std::uint32_t(transportLength));
    h[6] = proto;
    h[7] = 64;
    std::copy(segment.from.ip.begin(), segment.from.ip.end(), h.begin() + 8);
    std::copy(segment.to.ip.begin(), segment.to.ip.end(), h.begin() + 24);
    return h;
}

} // namespace

wire::Bytes buildIpPacket(const Segment &segment)
{
    const std::size_t ipSize = segment.from.ip.size();
    if ((ipSize != 4 && ipSize != 16) || segment.to.ip.size() != ipSize)
        return {};
    const std::uint8_t proto = segment.transport == Transport::Udp ? kProtoUdp : kProtoTcp;
    wire::Bytes transport = transportHeader(segment);
    const std::size_t checksumAt = proto == kProtoUdp ? 6 : 16;
    put16(transport, checksumAt, transportChecksum(segment, transport, proto));
    wire::Bytes packet = ipHeader(segment, transport.size() + segment.payload.size(), proto);
    packet.insert(packet.end(), transport.begin(), transport.end());
    packet.insert(packet.end(), segment.payload.begin(), segment.payload.end());
    return packet;
}

} // namespace grapevine::capture
