#include "core/capture/datagram_decoder.h"

#include "core/wire/crypto.h"
#include "core/wire/label.h"
#include "core/wire/message_codec.h"
#include "core/wire/packet.h"

namespace grapevine::capture {

namespace {

void takeOpened(CaptureRecord &record, wire::OpenedPacket &opened)
{
    record.layers.insert(record.layers.end(), opened.layers.begin(), opened.layers.end());
    record.messages = std::move(opened.messages);
    for (const wire::Error &error : opened.partErrors)
        record.partErrors.push_back(error.message);
    if (opened.truncatedParts > 0)
        record.partErrors.push_back("compound: " + std::to_string(opened.truncatedParts) +
                                    " parts ran past the end of the packet");
}

// Plaintext (after label and decryption) through the same opener live packets use.
bool openPlain(CaptureRecord &record, wire::ByteView plain)
{
    auto opened = wire::openPacket(plain, wire::PacketOptions{});
    if (!opened) {
        record.error = opened.error().message;
        return false;
    }
    takeOpened(record, *opened);
    return true;
}

// A ping (type 0) or indirect ping (type 1) fills a datagram exactly; AES-GCM output that
// starts with version byte 0 or 1 parses as one only by chance, and then leaves bytes over
// (or runs out). Without this, an encrypted datagram could show as a garbled ping.
bool isPlainMessage(wire::ByteView body)
{
    wire::MsgpackReader reader(body);
    wire::Message message;
    return wire::readMessage(reader, wire::Channel::Udp, message) && reader.remaining() == 0;
}

bool mayBePlain(wire::ByteView body)
{
    return !looksEncrypted(body) || isPlainMessage(body);
}

void decodeWithKeys(CaptureRecord &record, wire::ByteView body, const wire::Keyring &keyring)
{
    auto plain = wire::decryptPayload(keyring, body, wire::toBytes(record.label));
    if (plain) {
        record.layers.emplace_back("encrypted");
        record.decrypted = std::move(*plain);
        openPlain(record, record.decrypted);
        return;
    }
    // Clusters with GossipVerifyIncoming=false also carry plaintext: try it before blaming
    // the key.
    CaptureRecord attempt = record;
    if (mayBePlain(body) && openPlain(attempt, body)) {
        record = std::move(attempt);
        record.encryptionVersion = -1;
        return;
    }
    record.layers.emplace_back("encrypted");
    record.error = plain.error().message;
}

void decodeWithoutKeys(CaptureRecord &record, wire::ByteView body)
{
    if (mayBePlain(body)) {
        if (openPlain(record, body)) {
            record.encryptionVersion = -1;
            return;
        }
        if (!looksEncrypted(body))
            return; // plaintext that failed: openPlain said why
    }
    record.layers.emplace_back("encrypted");
    record.error =
        "encrypted (version " + std::to_string(body[0]) + "); no key was given to decrypt it";
}

} // namespace

bool looksEncrypted(wire::ByteView payload)
{
    if (payload.empty() || payload[0] > 1)
        return false;
    return payload.size() >= (payload[0] == 0 ? wire::kMinEncryptedV0 : wire::kMinEncryptedV1);
}

CaptureRecord decodeDatagram(const Segment &segment, const wire::Keyring &keyring)
{
    CaptureRecord record;
    record.frame = segment.frame;
    record.timeNs = segment.timeNs;
    record.channel = Transport::Udp;
    record.from = segment.from;
    record.to = segment.to;
    record.raw = segment.payload;
    if (segment.snapped) {
        record.error = "the capture kept only " + std::to_string(segment.payload.size()) +
                       " bytes of this datagram (snap length too small)";
        return record;
    }
    auto labelled = wire::stripLabel(record.raw);
    if (!labelled) {
        record.error = labelled.error().message;
        return record;
    }
    record.label = labelled->label;
    if (!record.label.empty())
        record.layers.emplace_back("label");
    if (looksEncrypted(labelled->rest))
        record.encryptionVersion = labelled->rest[0];
    if (keyring.empty())
        decodeWithoutKeys(record, labelled->rest);
    else
        decodeWithKeys(record, labelled->rest, keyring);
    return record;
}

} // namespace grapevine::capture
