#include "core/wire/stream.h"

#include "core/wire/crypto.h"
#include "core/wire/label.h"
#include "core/wire/limits.h"
#include "core/wire/lzw.h"
#include "core/wire/message_codec.h"

namespace grapevine::wire {

namespace {

constexpr std::size_t kEncryptedHeaderBytes = 5;
constexpr auto kEncryptByte = static_cast<std::uint8_t>(MessageType::Encrypt);
constexpr auto kCompressByte = static_cast<std::uint8_t>(MessageType::Compress);

bool encrypts(const Keyring *keyring)
{
    return keyring != nullptr && !keyring->empty();
}

enum class Status { NeedMore, Done, Failed };

struct Parsed {
    Status status = Status::NeedMore;
    std::size_t consumed = 0; // Done: frame length
    std::size_t needed = 0;   // NeedMore: bytes the frame needs at least
    Message message;
    Error error;
};

Parsed failed(std::string text)
{
    Parsed p;
    p.status = Status::Failed;
    p.error = makeError(std::move(text));
    return p;
}

Parsed needMore(std::size_t needed)
{
    Parsed p;
    p.needed = needed;
    return p;
}

// A plain or compressed frame at the start of `data`. With `complete`, running out of
// bytes is an error (the frame came out of a decrypted, length-delimited envelope).
Parsed parseInner(ByteView data, bool complete)
{
    if (data.empty())
        return complete ? failed("empty message") : needMore(1);
    const bool compressed = data[0] == kCompressByte;
    MsgpackReader reader(compressed ? data.subspan(1) : data);
    const std::size_t offset = compressed ? 1 : 0;
    Parsed p;
    CompressBody body;
    const bool ok =
        compressed ? readCompressBody(reader, body) : readMessage(reader, Channel::Tcp, p.message);
    if (!ok) {
        if (reader.truncated() && !complete)
            return needMore(offset + reader.neededTotal());
        return failed(reader.error());
    }
    p.status = Status::Done;
    p.consumed = offset + reader.position();
    if (!compressed)
        return p;
    if (body.algo != 0)
        return failed("compress: unknown algorithm " + std::to_string(body.algo));
    auto plain = lzwDecompress(body.buf, kMaxDecompressedBytes);
    if (!plain)
        return failed(plain.error().message);
    if (plain->empty())
        return failed("compress: decompressed to nothing");
    auto message = decodeMessage(*plain, Channel::Tcp);
    if (!message)
        return failed(message.error().message);
    p.message = std::move(*message);
    return p;
}

Parsed parseEncrypted(ByteView data, const StreamOptions &options)
{
    if (!encrypts(options.keyring))
        return failed("encrypt: encrypted frame but no keyring is configured");
    if (data.size() < kEncryptedHeaderBytes)
        return needMore(kEncryptedHeaderBytes);
    const std::size_t length = (std::size_t{data[1]} << 24) | (std::size_t{data[2]} << 16) |
                               (std::size_t{data[3]} << 8) | data[4];
    if (length > kMaxEncryptedFrameBytes)
        return failed("encrypt: frame of " + std::to_string(length) +
                      " bytes exceeds the 20 MiB limit");
    if (data.size() < kEncryptedHeaderBytes + length)
        return needMore(kEncryptedHeaderBytes + length);
    Bytes aad(data.begin(), data.begin() + kEncryptedHeaderBytes);
    aad.insert(aad.end(), options.label.begin(), options.label.end());
    auto plain = decryptPayload(*options.keyring, data.subspan(kEncryptedHeaderBytes, length), aad);
    if (!plain)
        return failed(plain.error().message);
    Parsed inner = parseInner(*plain, true);
    inner.consumed = kEncryptedHeaderBytes + length;
    return inner;
}

} // namespace

namespace detail {
struct PushPullProgress {
    bool headerDone = false;
    PushPullHeader header;
    PushPull value;
    std::size_t offset = 0; // where the next node state starts, from the frame's first byte
};
} // namespace detail

namespace {

// A plain push/pull, resumed where the last call ran out of bytes.
Parsed parsePlainPushPull(ByteView data, detail::PushPullProgress &p)
{
    if (!p.headerDone) {
        MsgpackReader reader(data.subspan(1));
        if (!readPushPullHeader(reader, p.header))
            return reader.truncated() ? needMore(1 + reader.neededTotal())
                                      : failed("push-pull: " + reader.error());
        p.headerDone = true;
        p.offset = 1 + reader.position();
        p.value.join = p.header.join;
    }
    const auto total = static_cast<std::size_t>(p.header.nodes);
    while (p.value.nodes.size() < total) {
        MsgpackReader reader(data.subspan(p.offset));
        PushNodeState node;
        if (!readNodeState(reader, node)) {
            if (reader.truncated())
                return needMore(p.offset + reader.neededTotal());
            return failed("push-pull: node state " + std::to_string(p.value.nodes.size()) + ": " +
                          reader.error());
        }
        p.offset += reader.position();
        p.value.nodes.push_back(std::move(node));
    }
    const auto userLen = static_cast<std::size_t>(p.header.userStateLen);
    if (data.size() - p.offset < userLen)
        return needMore(p.offset + userLen);
    const ByteView user = data.subspan(p.offset, userLen);
    p.value.userState.assign(user.begin(), user.end());
    Parsed done;
    done.status = Status::Done;
    done.consumed = p.offset + userLen;
    done.message = std::move(p.value);
    return done;
}

Parsed parseFrame(ByteView data, const StreamOptions &options)
{
    if (data.empty())
        return needMore(1);
    if (data[0] == kEncryptByte)
        return parseEncrypted(data, options);
    if (encrypts(options.keyring) && options.verifyIncoming)
        return failed("encrypt: encryption is configured but the frame is not encrypted");
    return parseInner(data, false);
}

} // namespace

Bytes encodeFrame(const Message &message, const StreamOptions &options, ByteView nonce)
{
    Bytes frame = encodeMessage(message, Channel::Tcp, options.intStyle);
    if (options.compress) {
        CompressBody body{0, lzwCompress(frame)};
        frame.clear();
        MsgpackWriter writer(&frame);
        writer.byte(kCompressByte);
        writeCompressBody(body, writer);
    }
    if (!encrypts(options.keyring) || !options.encryptOutgoing)
        return frame;
    const std::size_t length = encryptedSize(options.encryptionVersion, frame.size());
    Bytes out = {kEncryptByte, static_cast<std::uint8_t>(length >> 24),
                 static_cast<std::uint8_t>(length >> 16), static_cast<std::uint8_t>(length >> 8),
                 static_cast<std::uint8_t>(length)};
    Bytes aad = out;
    aad.insert(aad.end(), options.label.begin(), options.label.end());
    auto sealed =
        encryptPayload(options.encryptionVersion, options.keyring->primaryKey(), nonce, frame, aad);
    if (!sealed)
        return {};
    out.insert(out.end(), sealed->begin(), sealed->end());
    return out;
}

Bytes streamLabelHeader(std::string_view label)
{
    auto header = addLabel(label, {});
    return header ? std::move(*header) : Bytes{};
}

StreamDecoder::StreamDecoder(StreamOptions options, StreamLabel label)
    : m_options(std::move(options))
    , m_labelChecked(label == StreamLabel::Forbid)
{
}

StreamDecoder::~StreamDecoder() = default;

void StreamDecoder::feed(ByteView bytes)
{
    if (m_error)
        return; // a failed stream is dead; do not keep buffering its bytes
    if (m_consumed > 0 && m_consumed * 2 >= m_buffer.size()) {
        m_buffer.erase(m_buffer.begin(),
                       m_buffer.begin() + static_cast<std::ptrdiff_t>(m_consumed));
        m_consumed = 0;
    }
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
}

std::optional<Result<Message>> StreamDecoder::fail(Error error)
{
    m_error = std::move(error);
    m_buffer.clear();
    m_consumed = 0;
    return Result<Message>(*m_error);
}

std::optional<Result<Message>> StreamDecoder::readLabel(bool &done)
{
    const ByteView data = ByteView(m_buffer).subspan(m_consumed);
    done = false;
    if (data.empty())
        return std::nullopt;
    const bool hasHeader = data[0] == static_cast<std::uint8_t>(MessageType::HasLabel);
    if (hasHeader && (data.size() < 2 || (data[1] != 0 && data.size() < 2 + std::size_t{data[1]})))
        return std::nullopt; // wait for the whole header; a zero length fails below

    auto labelled = stripLabel(data);
    m_labelRejected = !labelled || labelled->label != m_options.label;
    if (!labelled)
        return fail(labelled.error());
    if (m_labelRejected)
        return fail(makeError("label: stream has \"" + labelled->label + "\", expected \"" +
                              m_options.label + "\""));
    m_consumed += data.size() - labelled->rest.size();
    m_labelChecked = true;
    done = true;
    return std::nullopt;
}

std::optional<Result<Message>> StreamDecoder::next()
{
    if (m_error)
        return Result<Message>(*m_error);
    if (!m_labelChecked) {
        bool done = false;
        auto result = readLabel(done);
        if (!done)
            return result;
    }
    const std::size_t available = m_buffer.size() - m_consumed;
    if (available == 0 || available < m_needed)
        return std::nullopt;
    const ByteView data = ByteView(m_buffer).subspan(m_consumed);
    const bool plainAllowed = !encrypts(m_options.keyring) || !m_options.verifyIncoming;
    Parsed parsed;
    if (data[0] == static_cast<std::uint8_t>(MessageType::PushPull) && plainAllowed) {
        if (!m_progress)
            m_progress = std::make_unique<detail::PushPullProgress>();
        parsed = parsePlainPushPull(data, *m_progress);
    } else {
        parsed = parseFrame(data, m_options);
    }
    if (parsed.status != Status::NeedMore)
        m_progress.reset();
    switch (parsed.status) {
    case Status::NeedMore:
        m_needed = parsed.needed;
        return std::nullopt;
    case Status::Failed:
        return fail(std::move(parsed.error));
    case Status::Done:
        break;
    }
    m_consumed += parsed.consumed;
    m_needed = 0;
    return Result<Message>(std::move(parsed.message));
}

Result<Message> decodeFrame(ByteView frame, const StreamOptions &options)
{
    StreamDecoder decoder(options, StreamLabel::Forbid);
    decoder.feed(frame);
    auto result = decoder.next();
    if (!result)
        return makeError("stream: truncated frame (" + std::to_string(frame.size()) + " bytes)");
    return std::move(*result);
}

} // namespace grapevine::wire
