// capture_record.h — one row of a decoded capture: a UDP datagram or a TCP frame with the
// messages inside it, or the reason it could not be decoded.
// Owns nothing but data; the same decoders as live traffic produce the messages.
#pragma once

#include "core/capture/captured_frame.h"
#include "core/wire/messages.h"

#include <string>
#include <vector>

namespace grapevine::capture {

struct CaptureRecord {
    std::uint64_t frame = 0; // the capture frame that carried (or completed) it
    std::int64_t timeNs = 0;
    Transport channel = Transport::Udp;
    wire::Endpoint from;
    wire::Endpoint to;
    std::string label;               // the cluster label it carried, "" when none
    std::vector<std::string> layers; // outermost first: "label", "encrypted", "crc", …
    int encryptionVersion = -1;      // 0 or 1 when "encrypted" (the version byte), else -1
    std::vector<wire::Message> messages;
    std::vector<std::string> partErrors; // compound parts that failed (the rest are kept)
    std::string error;                   // non-empty: nothing inside could be decoded, and why
    wire::Bytes raw;                     // the datagram or frame as captured
    wire::Bytes decrypted; // UDP: the payload after decryption (empty when not encrypted)

    [[nodiscard]] bool decoded() const { return error.empty(); }
};

} // namespace grapevine::capture
