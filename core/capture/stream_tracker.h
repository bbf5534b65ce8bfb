// stream_tracker.h — the TCP side of a capture: push/pull exchanges and user streams,
// decoded frame by frame from the reassembled bytes of each direction.
// Owns: one core/wire StreamDecoder per direction (the same framing code a live node uses),
// the label learnt from the dialling side's header (the reply's encrypted frames bind it
// too), the raw bytes of every frame, and encrypted frames walked past without a key.
// Never: resynchronises after bytes the capture lost — a direction that lost bytes or met
// a bad frame reports it, then reports each later chunk as undecodable instead of guessing.
#pragma once

#include "core/capture/capture_record.h"
#include "core/capture/tcp_reassembler.h"
#include "core/wire/keyring.h"
#include "core/wire/stream.h"

#include <map>
#include <memory>
#include <vector>

namespace grapevine::capture {

class StreamTracker {
public:
    // `keyring` must outlive the tracker.
    explicit StreamTracker(const wire::Keyring &keyring);

    std::vector<CaptureRecord> handleChunk(const StreamChunk &chunk);
    // End of capture: directions stopped inside a frame are reported.
    std::vector<CaptureRecord> finish();

private:
    struct Side {
        std::unique_ptr<wire::StreamDecoder> decoder;
        wire::Bytes unread;  // fed, not yet returned as a frame (for the frame's raw bytes)
        bool opaque = false; // encrypted and no key: frames are walked by their length only
        std::string failure;
        std::uint64_t lastFrame = 0; // where the unread bytes ended, for finish()
        std::int64_t lastTimeNs = 0;
    };

    void feed(Side &side, const StreamChunk &chunk, std::vector<CaptureRecord> &out);
    bool startDecoder(Side &side, const FlowKey &flow);
    void readFrames(Side &side, const StreamChunk &chunk, std::vector<CaptureRecord> &out);
    void readOpaqueFrames(Side &side, const StreamChunk &chunk, std::vector<CaptureRecord> &out);
    void fail(Side &side, const StreamChunk &chunk, std::string reason,
              std::vector<CaptureRecord> &out);
    [[nodiscard]] CaptureRecord makeRecord(const StreamChunk &chunk) const;
    static FlowKey connectionOf(const FlowKey &flow);

    const wire::Keyring &m_keyring;
    std::map<FlowKey, Side> m_sides;
    std::map<FlowKey, std::string> m_labels; // by connection (lower endpoint first)
};

// The outer layers of a TCP frame read from its first bytes: "label", then "encrypted" or
// "compressed".
std::vector<std::string> streamFrameLayers(wire::ByteView frame);
// The version byte of an encrypted frame (0 or 1), -1 when the frame is not encrypted.
int streamEncryptionVersion(wire::ByteView frame);

} // namespace grapevine::capture
