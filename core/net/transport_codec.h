// transport_codec.h — the one place core/net calls core/wire's packet and stream layers with
// this transport's options (compression, keyring, label) and fresh random nonces.
// Owns: the options and nonce generation (QRandomGenerator::system: allowed in core/net).
// Never: sockets. Follows shared/reference/memberlist-wire.md §3 (packets) and §4.1 (frames).
#pragma once

#include "core/wire/crypto.h"
#include "core/wire/keyring.h"
#include "core/wire/packet.h"
#include "core/wire/stream.h"

#include <memory>
#include <string>
#include <vector>

namespace grapevine::net {

struct TransportConfig;

class TransportCodec {
public:
    explicit TransportCodec(const TransportConfig &config);

    // Seals one datagram. Callers keep compounds to <= 255 parts and never pass empty input.
    [[nodiscard]] wire::Result<wire::Bytes>
    sealPacketChecked(const std::vector<wire::Message> &messages, bool crc) const;
    [[nodiscard]] wire::Result<wire::OpenedPacket> openPacket(wire::ByteView datagram) const;

    [[nodiscard]] wire::Bytes encodeFrame(const wire::Message &message) const;
    // What the dialling side writes first: the label header, or nothing.
    [[nodiscard]] wire::Bytes dialPrefix() const;
    // Inbound streams start with the label header when a label is configured; replies to our
    // own dials never do.
    [[nodiscard]] std::unique_ptr<wire::StreamDecoder> makeDecoder(bool inbound) const;

    [[nodiscard]] bool encrypts() const;

private:
    [[nodiscard]] wire::PacketOptions packetOptions(bool crc) const;
    [[nodiscard]] wire::StreamOptions streamOptions() const;

    const wire::Keyring *m_keyring;
    std::string m_label;
    bool m_compress;
};

} // namespace grapevine::net
