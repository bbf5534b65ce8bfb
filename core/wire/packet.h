// packet.h — the whole UDP pipeline, both directions.
// Send: message(s) → single or compound → LZW compress only if strictly smaller → CRC
// (when the peer's pmax >= 5) → AES-GCM (AAD = label) → label header.
// Receive: label (exact match) → decrypt (every key, v0/v1) → CRC → dispatch, recursing
// into compound and compress with a nesting bound; a bad compound part does not drop
// the good ones. Owns no randomness: the caller passes the 12-byte nonce.
// Never: sockets, clocks. Follows memberlist net.go sendMsg/rawSendMsgPacket/ingestPacket/
// handleCommand and label.go (spec §3, Appendix B items 2–3).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/keyring.h"
#include "core/wire/messages.h"
#include "core/wire/result.h"

#include <string>
#include <vector>

namespace grapevine::wire {

struct PacketOptions {
    bool compress = true;             // Go's EnableCompression: used only if it shrinks the packet
    bool crc = false;                 // set when the destination advertises pmax >= 5
    const Keyring *keyring = nullptr; // encryption is on when it holds a key
    bool encryptOutgoing = true;      // GossipVerifyOutgoing
    bool verifyIncoming =
        true;          // GossipVerifyIncoming: false lets undecryptable input through as plaintext
    std::string label; // "" = no label (the only choice with 0.2.2 peers)
    int encryptionVersion = 1;
    IntStyle intStyle = IntStyle::Go05Unsigned;
};

inline constexpr int kMaxPacketNesting = 4;

struct OpenedPacket {
    std::vector<Message> messages;
    // Layers met, outermost first, each once: "label", "encrypted", "crc", "compressed",
    // "compound".
    std::vector<std::string> layers;
    int truncatedParts = 0;        // compound parts lost to a short packet
    std::vector<Error> partErrors; // compound parts that failed to decode (the rest are kept)
};

// Seals one datagram. Errors: no messages, more than 255 (split them: one compound holds
// at most 255), a part over 65535 bytes, a label over 255 bytes, a nonce that is not 12
// bytes while encrypting.
Result<Bytes> sealPacketChecked(const std::vector<Message> &messages, const PacketOptions &options,
                                ByteView nonce12);
// As sealPacketChecked; returns empty bytes when it refuses.
Bytes sealPacket(const std::vector<Message> &messages, const PacketOptions &options,
                 ByteView nonce12);

// Errors name the layer: "label: …", "decrypt: …", "crc: …", "compress: …", "lzw: …",
// "compound: …", or the message ("alive: Port: …"). Push/pull and err are TCP-only and
// refused here, as Go drops them.
Result<OpenedPacket> openPacket(ByteView datagram, const PacketOptions &options);

} // namespace grapevine::wire
