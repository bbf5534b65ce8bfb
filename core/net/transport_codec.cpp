#include "transport_codec.h"

#include "transport.h"

#include <QRandomGenerator>

#include <array>
#include <cstring>

namespace grapevine::net {

namespace {
wire::Bytes randomNonce()
{
    // Nonces must never repeat under one key: the OS CSPRNG, not a seeded engine.
    std::array<quint32, 3> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    wire::Bytes nonce(wire::kNonceBytes);
    std::memcpy(nonce.data(), words.data(), nonce.size());
    return nonce;
}
} // namespace

TransportCodec::TransportCodec(const TransportConfig &config)
    : m_keyring(&config.keyring)
    , m_label(config.label)
    , m_compress(config.compress)
{
}

bool TransportCodec::encrypts() const
{
    return !m_keyring->empty();
}

wire::PacketOptions TransportCodec::packetOptions(bool crc) const
{
    wire::PacketOptions options;
    options.compress = m_compress;
    options.crc = crc;
    options.keyring = encrypts() ? m_keyring : nullptr;
    options.label = m_label;
    return options;
}

wire::Result<wire::Bytes>
TransportCodec::sealPacketChecked(const std::vector<wire::Message> &messages, bool crc) const
{
    const wire::Bytes nonce = encrypts() ? randomNonce() : wire::Bytes{};
    return wire::sealPacketChecked(messages, packetOptions(crc), nonce);
}

wire::Result<wire::OpenedPacket> TransportCodec::openPacket(wire::ByteView datagram) const
{
    return wire::openPacket(datagram, packetOptions(false));
}

wire::StreamOptions TransportCodec::streamOptions() const
{
    wire::StreamOptions options;
    options.compress = m_compress;
    options.keyring = encrypts() ? m_keyring : nullptr;
    options.label = m_label;
    return options;
}

wire::Bytes TransportCodec::encodeFrame(const wire::Message &message) const
{
    const wire::Bytes nonce = encrypts() ? randomNonce() : wire::Bytes{};
    return wire::encodeFrame(message, streamOptions(), nonce);
}

wire::Bytes TransportCodec::dialPrefix() const
{
    return m_label.empty() ? wire::Bytes{} : wire::streamLabelHeader(m_label);
}

std::unique_ptr<wire::StreamDecoder> TransportCodec::makeDecoder(bool inbound) const
{
    // Inbound: a label header may lead and must match ours (none when we have no label).
    return std::make_unique<wire::StreamDecoder>(
        streamOptions(), inbound ? wire::StreamLabel::Expect : wire::StreamLabel::Forbid);
}

} // namespace grapevine::net
