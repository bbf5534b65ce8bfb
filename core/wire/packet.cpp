#include "core/wire/packet.h"

#include "core/wire/compound.h"
#include "core/wire/crc.h"
#include "core/wire/crypto.h"
#include "core/wire/label.h"
#include "core/wire/limits.h"
#include "core/wire/lzw.h"
#include "core/wire/message_codec.h"

#include <algorithm>
#include <optional>

namespace grapevine::wire {

namespace {

bool encrypts(const Keyring *keyring)
{
    return keyring != nullptr && !keyring->empty();
}

Bytes compressMessage(ByteView payload)
{
    CompressBody body{0, lzwCompress(payload)};
    Bytes out;
    out.reserve(body.buf.size() + 16);
    MsgpackWriter writer(&out);
    writer.byte(static_cast<std::uint8_t>(MessageType::Compress));
    writeCompressBody(body, writer);
    return out;
}

// One message bare, several as a compound written straight into one buffer (sizes come
// from a counting pass, so nothing is encoded twice into temporaries).
Result<Bytes> buildPayload(const std::vector<Message> &messages, IntStyle style)
{
    if (messages.empty())
        return makeError("packet: no messages");
    if (messages.size() == 1)
        return encodeMessage(messages.front(), Channel::Udp, style);
    if (messages.size() > kMaxCompoundParts)
        return makeError("compound: " + std::to_string(messages.size()) + " parts, at most 255");
    std::vector<std::size_t> sizes;
    sizes.reserve(messages.size());
    std::size_t total = 2 + 2 * messages.size();
    for (const Message &message : messages) {
        MsgpackWriter counter(nullptr);
        writeMessage(message, Channel::Udp, style, counter);
        if (counter.size() > 0xffff)
            return makeError("compound: part " + std::to_string(sizes.size()) +
                             " is longer than 65535 bytes");
        sizes.push_back(counter.size());
        total += counter.size();
    }
    Bytes out;
    out.reserve(total);
    out.push_back(static_cast<std::uint8_t>(MessageType::Compound));
    out.push_back(static_cast<std::uint8_t>(messages.size()));
    for (std::size_t size : sizes) {
        out.push_back(static_cast<std::uint8_t>(size >> 8));
        out.push_back(static_cast<std::uint8_t>(size));
    }
    MsgpackWriter writer(&out);
    for (const Message &message : messages)
        writeMessage(message, Channel::Udp, style, writer);
    return out;
}

} // namespace

Result<Bytes> sealPacketChecked(const std::vector<Message> &messages, const PacketOptions &options,
                                ByteView nonce12)
{
    auto payload = buildPayload(messages, options.intStyle);
    if (!payload)
        return payload;
    Bytes packet = std::move(*payload);
    if (options.compress) {
        Bytes compressed = compressMessage(packet);
        if (compressed.size() < packet.size())
            packet = std::move(compressed);
    }
    if (options.crc)
        packet = addCrc(packet);
    if (encrypts(options.keyring) && options.encryptOutgoing) {
        auto sealed = encryptPayload(options.encryptionVersion, options.keyring->primaryKey(),
                                     nonce12, packet, toBytes(options.label));
        if (!sealed)
            return sealed;
        packet = std::move(*sealed);
    }
    return addLabel(options.label, packet);
}

Bytes sealPacket(const std::vector<Message> &messages, const PacketOptions &options,
                 ByteView nonce12)
{
    auto sealed = sealPacketChecked(messages, options, nonce12);
    return sealed ? std::move(*sealed) : Bytes{};
}

namespace {

// Walks compound and compress layers, collecting messages and per-part errors.
class PacketOpener {
public:
    explicit PacketOpener(OpenedPacket &out)
        : m_out(out)
    {
    }

    // Errors at the top level fail the packet; inside a compound they become part errors.
    std::optional<Error> dispatch(ByteView buffer, int depth)
    {
        if (depth > kMaxPacketNesting)
            return makeError("packet: layers nested deeper than " +
                             std::to_string(kMaxPacketNesting));
        if (buffer.empty())
            return makeError("empty message");
        switch (static_cast<MessageType>(buffer[0])) {
        case MessageType::Compound:
            return onCompound(buffer, depth);
        case MessageType::Compress:
            return onCompress(buffer, depth);
        case MessageType::PushPull:
        case MessageType::Err:
            return makeError(std::string(messageTypeName(static_cast<MessageType>(buffer[0]))) +
                             ": not allowed in a UDP packet");
        default:
            return onMessage(buffer);
        }
    }

    void addLayer(const char *name)
    {
        if (std::find(m_out.layers.begin(), m_out.layers.end(), name) == m_out.layers.end())
            m_out.layers.emplace_back(name);
    }

private:
    std::optional<Error> onCompound(ByteView buffer, int depth)
    {
        addLayer("compound");
        auto split = splitCompound(buffer);
        if (!split)
            return split.error();
        m_out.truncatedParts += split->truncated;
        for (std::size_t i = 0; i < split->parts.size(); ++i) {
            if (auto error = dispatch(split->parts[i], depth + 1))
                m_out.partErrors.push_back(
                    makeError("compound part " + std::to_string(i) + ": " + error->message));
        }
        return std::nullopt;
    }

    std::optional<Error> onCompress(ByteView buffer, int depth)
    {
        addLayer("compressed");
        MsgpackReader reader(buffer.subspan(1));
        CompressBody body;
        if (!readCompressBody(reader, body))
            return makeError(reader.error());
        if (body.algo != 0)
            return makeError("compress: unknown algorithm " + std::to_string(body.algo));
        auto plain = lzwDecompress(body.buf, m_budget);
        if (!plain)
            return plain.error();
        m_budget -= plain->size();
        // Keep the decompressed bytes alive: messages are decoded from views into them.
        m_buffers.push_back(std::move(*plain));
        if (m_buffers.back().empty())
            return makeError("compress: decompressed to nothing");
        return dispatch(m_buffers.back(), depth + 1);
    }

    std::optional<Error> onMessage(ByteView buffer)
    {
        auto message = decodeMessage(buffer, Channel::Udp);
        if (!message)
            return message.error();
        m_out.messages.push_back(std::move(*message));
        return std::nullopt;
    }

    OpenedPacket &m_out;
    std::size_t m_budget = kMaxDecompressedBytes; // shared by every compress layer of one packet
    std::vector<Bytes> m_buffers;
};

} // namespace

Result<OpenedPacket> openPacket(ByteView datagram, const PacketOptions &options)
{
    OpenedPacket out;
    PacketOpener opener(out);
    auto labelled = stripLabel(datagram);
    if (!labelled)
        return labelled.error();
    if (labelled->label != options.label)
        return makeError("label: packet has \"" + labelled->label + "\", expected \"" +
                         options.label + "\"");
    if (!labelled->label.empty())
        opener.addLayer("label");
    ByteView buffer = labelled->rest;
    Bytes plain;
    if (encrypts(options.keyring)) {
        auto decrypted = decryptPayload(*options.keyring, buffer, toBytes(options.label));
        if (decrypted) {
            plain = std::move(*decrypted);
            buffer = plain;
            opener.addLayer("encrypted");
        } else if (options.verifyIncoming) {
            return decrypted.error();
        }
    }
    if (!buffer.empty() && buffer[0] == static_cast<std::uint8_t>(MessageType::HasCrc)) {
        auto checked = checkAndStripCrc(buffer);
        if (!checked)
            return checked.error();
        buffer = *checked;
        opener.addLayer("crc");
    }
    if (auto error = opener.dispatch(buffer, 0))
        return *error;
    return out;
}

} // namespace grapevine::wire
