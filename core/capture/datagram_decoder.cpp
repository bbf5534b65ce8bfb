#include "core/capture/datagram_decoder.h"

#include "core/wire/crypto.h"
#include "core/wire/label.h"
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
    if (openPlain(attempt, body)) {
        record = std::move(attempt);
        return;
    }
    record.layers.emplace_back("encrypted");
    record.error = plain.error().message;
}

void decodeWithoutKeys(CaptureRecord &record, wire::ByteView body)
{
    if (openPlain(record, body))
        return;
    if (looksEncrypted(body)) {
        record.layers.emplace_back("encrypted");
        record.error =
            "encrypted (version " + std::to_string(body[0]) + "); no key was given to decrypt it";
    }
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
    if (keyring.empty())
        decodeWithoutKeys(record, labelled->rest);
    else
        decodeWithKeys(record, labelled->rest, keyring);
    return record;
}

} // namespace grapevine::capture
