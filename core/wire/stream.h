// stream.h — TCP framing: one frame per message, plain, compressed (Go compresses every
// frame) or encrypted (`0a` len32BE ciphertext, AAD = those 5 bytes + label); the
// dialling side's label header; and an incremental decoder that knows a frame's end only
// by parsing it as the bytes arrive (plain frames carry no length).
// Owns: frame encoding/decoding and the stream input limits (limits.h), enforced on
// declared sizes before the bytes are buffered.
// Never: sockets, timeouts, randomness (the caller passes the nonce). Follows memberlist
// net.go readStream/rawSendMsgStream/readRemoteState/readUserMsg and label.go (spec §4).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/keyring.h"
#include "core/wire/messages.h"
#include "core/wire/result.h"

#include <memory>
#include <optional>
#include <string>

namespace grapevine::wire {

struct StreamOptions {
    bool compress = true;             // Go's EnableCompression: every frame, even if larger
    const Keyring *keyring = nullptr; // encryption is on when it holds a key
    bool encryptOutgoing = true;      // GossipVerifyOutgoing
    bool verifyIncoming = true;       // GossipVerifyIncoming: false accepts plaintext frames
    std::string label;                // AAD suffix of encrypted frames; the expected label header
    int encryptionVersion = 1;
    IntStyle intStyle = IntStyle::Go05Unsigned;
};

// One frame for `message`. `nonce` (12 bytes) is used only when encrypting; an empty
// result means a bad nonce or label.
Bytes encodeFrame(const Message &message, const StreamOptions &options, ByteView nonce);

// What the dialling side writes before its first frame: f4 len label, or nothing.
Bytes streamLabelHeader(std::string_view label);

// Expect: the accepting side; the stream may start with a label header and the carried
// label ("" when absent) must equal options.label. Forbid: reading replies, which never
// carry one.
enum class StreamLabel { Expect, Forbid };

namespace detail {
struct PushPullProgress;
}

class StreamDecoder {
public:
    explicit StreamDecoder(StreamOptions options, StreamLabel label = StreamLabel::Forbid);
    ~StreamDecoder();
    StreamDecoder(const StreamDecoder &) = delete;
    StreamDecoder &operator=(const StreamDecoder &) = delete;

    void feed(ByteView bytes);
    // nullopt = need more bytes. An error is final: the decoder keeps returning it.
    std::optional<Result<Message>> next();
    // Bytes fed but not consumed by a returned frame.
    [[nodiscard]] std::size_t buffered() const { return m_buffer.size() - m_consumed; }
    // The error was the label header's (malformed, or not our label): memberlist closes such
    // a stream without a word, so the accepting side must not answer it (net.go handleConn).
    [[nodiscard]] bool labelRejected() const { return m_labelRejected; }

private:
    std::optional<Result<Message>> fail(Error error);
    std::optional<Result<Message>> readLabel(bool &done);

    StreamOptions m_options;
    bool m_labelChecked = false;
    bool m_labelRejected = false;
    Bytes m_buffer;
    std::size_t m_consumed = 0;
    std::size_t m_needed = 0; // do not re-parse before the buffer holds this many bytes
    std::optional<Error> m_error;
    // A plain push/pull is parsed node by node as it arrives instead of from the start on
    // every chunk (a large one would otherwise cost quadratic time).
    std::unique_ptr<detail::PushPullProgress> m_progress;
};

// A complete frame (no label header). Truncated input is an error.
Result<Message> decodeFrame(ByteView frame, const StreamOptions &options);

} // namespace grapevine::wire
