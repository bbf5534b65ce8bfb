#include "core/capture/stream_tracker.h"

#include "core/wire/label.h"

#include <algorithm>

namespace grapevine::capture {

namespace {

constexpr auto kLabelByte = static_cast<std::uint8_t>(wire::MessageType::HasLabel);
constexpr auto kEncryptByte = static_cast<std::uint8_t>(wire::MessageType::Encrypt);
constexpr auto kCompressByte = static_cast<std::uint8_t>(wire::MessageType::Compress);
constexpr std::size_t kEncryptedHeaderBytes = 5;

std::size_t labelHeaderSize(wire::ByteView bytes)
{
    return !bytes.empty() && bytes[0] == kLabelByte && bytes.size() >= 2 ? 2 + bytes[1] : 0;
}

} // namespace

int streamEncryptionVersion(wire::ByteView frame)
{
    const std::size_t at = labelHeaderSize(frame);
    if (frame.size() <= at + kEncryptedHeaderBytes || frame[at] != kEncryptByte)
        return -1;
    return frame[at + kEncryptedHeaderBytes];
}

std::vector<std::string> streamFrameLayers(wire::ByteView frame)
{
    std::vector<std::string> layers;
    std::size_t at = 0;
    if (!frame.empty() && frame[0] == kLabelByte) {
        layers.emplace_back("label");
        at = labelHeaderSize(frame);
    }
    if (at < frame.size() && frame[at] == kEncryptByte)
        layers.emplace_back("encrypted");
    else if (at < frame.size() && frame[at] == kCompressByte)
        layers.emplace_back("compressed");
    return layers;
}

StreamTracker::StreamTracker(const wire::Keyring &keyring)
    : m_keyring(keyring)
{
}

FlowKey StreamTracker::connectionOf(const FlowKey &flow)
{
    return flow.from < flow.to ? flow : FlowKey{flow.to, flow.from};
}

CaptureRecord StreamTracker::makeRecord(const StreamChunk &chunk) const
{
    CaptureRecord record;
    record.frame = chunk.frame;
    record.timeNs = chunk.timeNs;
    record.channel = Transport::Tcp;
    record.from = chunk.flow.from;
    record.to = chunk.flow.to;
    auto label = m_labels.find(connectionOf(chunk.flow));
    if (label != m_labels.end())
        record.label = label->second;
    return record;
}

std::vector<CaptureRecord> StreamTracker::handleChunk(const StreamChunk &chunk)
{
    std::vector<CaptureRecord> out;
    if (chunk.opened) {
        m_sides.erase(chunk.flow);
        if (auto other = m_sides.find({chunk.flow.to, chunk.flow.from}); other == m_sides.end())
            m_labels.erase(connectionOf(chunk.flow)); // a new connection, not the SYN-ACK
    }
    Side &side = m_sides[chunk.flow];
    if (chunk.missingBefore > 0 && side.failure.empty())
        fail(side, chunk,
             "tcp: " + std::to_string(chunk.missingBefore) +
                 " bytes of this stream were not captured; it cannot be decoded past them",
             out);
    if (!chunk.bytes.empty())
        feed(side, chunk, out);
    if (chunk.closed) {
        if (side.failure.empty() && !side.unread.empty()) {
            CaptureRecord record = makeRecord(chunk);
            record.raw = std::move(side.unread);
            record.layers = streamFrameLayers(record.raw);
            record.encryptionVersion = streamEncryptionVersion(record.raw);
            record.error = "tcp: the stream closed inside a frame (" +
                           std::to_string(record.raw.size()) + " bytes left over)";
            out.push_back(std::move(record));
        }
        m_sides.erase(chunk.flow);
    }
    return out;
}

void StreamTracker::feed(Side &side, const StreamChunk &chunk, std::vector<CaptureRecord> &out)
{
    if (!side.failure.empty()) {
        CaptureRecord record = makeRecord(chunk);
        record.raw = chunk.bytes;
        record.error = "not decoded: " + side.failure;
        out.push_back(std::move(record));
        return;
    }
    side.unread.insert(side.unread.end(), chunk.bytes.begin(), chunk.bytes.end());
    side.lastFrame = chunk.frame;
    side.lastTimeNs = chunk.timeNs;
    if (!side.decoder && !side.opaque) {
        if (!startDecoder(side, chunk.flow))
            return; // the label header is still arriving
        if (side.decoder)
            side.decoder->feed(side.unread);
    } else if (side.decoder) {
        side.decoder->feed(chunk.bytes);
    }
    if (side.opaque)
        readOpaqueFrames(side, chunk, out);
    else
        readFrames(side, chunk, out);
}

// The dialling side may open with a label header; the label it names is the connection's
// (replies carry none but bind it into their encryption).
bool StreamTracker::startDecoder(Side &side, const FlowKey &flow)
{
    const wire::ByteView bytes = side.unread;
    const bool labelled = bytes[0] == kLabelByte;
    if (labelled && (bytes.size() < 2 || bytes.size() < labelHeaderSize(bytes)))
        return false;
    wire::StreamOptions options;
    options.keyring = &m_keyring;
    options.verifyIncoming = false; // an observer accepts whatever the cluster accepted
    auto stream = wire::StreamLabel::Forbid;
    if (labelled) {
        auto header = wire::stripLabel(bytes);
        if (header)
            m_labels[connectionOf(flow)] = header->label;
        stream = wire::StreamLabel::Expect;
    }
    auto known = m_labels.find(connectionOf(flow));
    options.label = known != m_labels.end() ? known->second : std::string();
    const std::size_t start = labelled ? labelHeaderSize(bytes) : 0;
    if (m_keyring.empty() && start < bytes.size() && bytes[start] == kEncryptByte) {
        side.opaque = true;
        return true;
    }
    side.decoder = std::make_unique<wire::StreamDecoder>(options, stream);
    return true;
}

void StreamTracker::readFrames(Side &side, const StreamChunk &chunk,
                               std::vector<CaptureRecord> &out)
{
    while (auto next = side.decoder->next()) {
        if (!next->ok()) {
            fail(side, chunk, next->error().message, out);
            return;
        }
        const std::size_t used = side.unread.size() - side.decoder->buffered();
        CaptureRecord record = makeRecord(chunk);
        record.raw.assign(side.unread.begin(), side.unread.begin() + std::ptrdiff_t(used));
        side.unread.erase(side.unread.begin(), side.unread.begin() + std::ptrdiff_t(used));
        record.layers = streamFrameLayers(record.raw);
        record.encryptionVersion = streamEncryptionVersion(record.raw);
        record.messages.push_back(std::move(next->value()));
        out.push_back(std::move(record));
    }
}

// Encrypted frames without a key: `0a len32BE ciphertext` says where each one ends, so
// every frame is listed (as encrypted) even though none can be read.
void StreamTracker::readOpaqueFrames(Side &side, const StreamChunk &chunk,
                                     std::vector<CaptureRecord> &out)
{
    for (;;) {
        const std::size_t start = labelHeaderSize(side.unread);
        const wire::ByteView bytes =
            wire::ByteView(side.unread).subspan(std::min(start, side.unread.size()));
        if (bytes.size() < kEncryptedHeaderBytes)
            return;
        if (bytes[0] != kEncryptByte) {
            fail(side, chunk, "tcp: a plaintext frame follows encrypted ones", out);
            return;
        }
        const std::size_t length = (std::size_t{bytes[1]} << 24) | (std::size_t{bytes[2]} << 16) |
                                   (std::size_t{bytes[3]} << 8) | bytes[4];
        if (bytes.size() < kEncryptedHeaderBytes + length)
            return;
        const std::size_t used = start + kEncryptedHeaderBytes + length;
        CaptureRecord record = makeRecord(chunk);
        record.raw.assign(side.unread.begin(), side.unread.begin() + std::ptrdiff_t(used));
        side.unread.erase(side.unread.begin(), side.unread.begin() + std::ptrdiff_t(used));
        record.layers = streamFrameLayers(record.raw);
        record.encryptionVersion = streamEncryptionVersion(record.raw);
        record.error = "encrypted; no key was given to decrypt it";
        out.push_back(std::move(record));
    }
}

void StreamTracker::fail(Side &side, const StreamChunk &chunk, std::string reason,
                         std::vector<CaptureRecord> &out)
{
    CaptureRecord record = makeRecord(chunk);
    record.raw = std::move(side.unread);
    record.layers = streamFrameLayers(record.raw);
    record.encryptionVersion = streamEncryptionVersion(record.raw);
    record.error = reason;
    out.push_back(std::move(record));
    side.failure = std::move(reason);
    side.decoder.reset();
    side.unread.clear();
}

std::vector<CaptureRecord> StreamTracker::finish()
{
    std::vector<CaptureRecord> out;
    for (auto &[flow, side] : m_sides) {
        if (!side.failure.empty() || side.unread.empty())
            continue;
        StreamChunk end;
        end.flow = flow;
        end.frame = side.lastFrame;
        end.timeNs = side.lastTimeNs;
        CaptureRecord record = makeRecord(end);
        record.raw = std::move(side.unread);
        record.layers = streamFrameLayers(record.raw);
        record.encryptionVersion = streamEncryptionVersion(record.raw);
        record.error = "the capture ended inside this frame (" + std::to_string(record.raw.size()) +
                       " bytes captured)";
        out.push_back(std::move(record));
    }
    m_sides.clear();
    return out;
}

} // namespace grapevine::capture
