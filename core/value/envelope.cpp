#include "envelope.h"

#include "core/value/limits.h"

#include <string_view>

namespace grapevine::value {

namespace {

constexpr std::uint8_t kMagic1 = 'G';
constexpr std::uint8_t kMagic2 = 'V';

void putU16(wire::Bytes &out, std::size_t v)
{
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

void putU64(wire::Bytes &out, std::uint64_t v)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void putText(wire::Bytes &out, std::string_view text)
{
    putU16(out, text.size());
    out.insert(out.end(), text.begin(), text.end());
}

wire::Bytes header(std::uint8_t format)
{
    return {kEnvelopeLead, kMagic1, kMagic2, format};
}

// Bounds-checked reading; every failure names the field that did not fit.
class Reader {
public:
    explicit Reader(wire::ByteView bytes)
        : m_bytes(bytes)
    {
    }

    bool u64(std::uint64_t &v)
    {
        if (m_bytes.size() - m_pos < 8)
            return false;
        v = 0;
        for (int i = 0; i < 8; ++i)
            v = (v << 8) | m_bytes[m_pos++];
        return true;
    }
    bool text(std::string &s)
    {
        if (m_bytes.size() - m_pos < 2)
            return false;
        const std::size_t len = (std::size_t{m_bytes[m_pos]} << 8) | m_bytes[m_pos + 1];
        if (m_bytes.size() - m_pos - 2 < len)
            return false;
        s.assign(m_bytes.begin() + static_cast<std::ptrdiff_t>(m_pos + 2),
                 m_bytes.begin() + static_cast<std::ptrdiff_t>(m_pos + 2 + len));
        m_pos += 2 + len;
        return true;
    }

private:
    wire::ByteView m_bytes;
    std::size_t m_pos = 4; // after the magic
};

bool hasMagic(wire::ByteView bytes)
{
    return bytes.size() >= 4 && bytes[0] == kEnvelopeLead && bytes[1] == kMagic1 &&
           bytes[2] == kMagic2;
}

std::optional<std::string> checkVersion(const Version &v)
{
    if (v.lamport == 0)
        return std::string("envelope: lamport time is 0");
    if (const auto err = validateOrigin(v.origin))
        return "envelope: origin: " + *err;
    if (!isValidUtf8(v.origin))
        return std::string("envelope: origin is not valid UTF-8");
    return std::nullopt;
}

wire::Result<Entry> decodeEnvelope(wire::ByteView bytes, std::int64_t nowMs)
{
    if (bytes[3] != kFormatValue)
        return wire::makeError("envelope: unknown format " + std::to_string(bytes[3]));
    Reader in(bytes);
    Entry entry;
    entry.updatedMs = nowMs;
    if (!in.u64(entry.version.lamport))
        return wire::makeError("envelope: truncated lamport time");
    if (!in.text(entry.version.origin))
        return wire::makeError("envelope: truncated origin");
    if (!in.text(entry.value))
        return wire::makeError("envelope: truncated value");
    // Bytes after the value are ignored: fields may be appended within format 1.
    if (auto err = checkVersion(entry.version))
        return wire::makeError(std::move(*err));
    if (auto err = validateValue(entry.value))
        return wire::makeError("envelope: " + std::move(*err));
    return entry;
}

UserPayload decodeHeldNotice(wire::ByteView bytes)
{
    Reader in(bytes);
    HeldNotice notice;
    if (!in.u64(notice.version.lamport) || !in.text(notice.version.origin))
        return wire::makeError("held notice: truncated");
    if (auto err = checkVersion(notice.version))
        return wire::makeError(std::move(*err));
    return notice;
}

} // namespace

wire::Bytes encodeEnvelope(const Entry &entry)
{
    wire::Bytes out = header(kFormatValue);
    out.reserve(kEnvelopeHeaderBytes + entry.version.origin.size() + entry.value.size());
    putU64(out, entry.version.lamport);
    putText(out, entry.version.origin);
    putText(out, entry.value);
    return out;
}

UserPayload decodeUserPayload(wire::ByteView payload, std::int64_t nowMs)
{
    if (hasMagic(payload) && payload[3] == kFormatHeld)
        return decodeHeldNotice(payload);
    if (hasMagic(payload)) {
        auto entry = decodeEnvelope(payload, nowMs);
        if (!entry)
            return entry.error();
        return std::move(entry).value();
    }
    const std::string_view text(reinterpret_cast<const char *>(payload.data()), payload.size());
    if (!isValidUtf8(text))
        return wire::makeError("user message is neither our envelope nor UTF-8 text");
    return PlainValue{std::string(text)};
}

wire::Bytes encodeHeldNotice(const Version &held)
{
    wire::Bytes out = header(kFormatHeld);
    putU64(out, held.lamport);
    putText(out, held.origin);
    return out;
}

wire::Bytes encodeState(const Entry &entry)
{
    if (entry.version.isNull())
        return {};
    return encodeEnvelope(entry);
}

wire::Result<std::optional<Entry>> decodeState(wire::ByteView state, std::int64_t nowMs)
{
    if (state.empty())
        return std::optional<Entry>{};
    if (!hasMagic(state))
        return wire::makeError("user state is not ours (foreign application state)");
    auto entry = decodeEnvelope(state, nowMs);
    if (!entry)
        return entry.error();
    return std::optional<Entry>{std::move(entry).value()};
}

wire::Bytes encodeMeta(const Version &held)
{
    wire::Bytes out = header(kFormatMeta);
    putU64(out, held.lamport);
    putText(out, held.origin);
    return out;
}

std::optional<Version> decodeMeta(wire::ByteView meta)
{
    if (!hasMagic(meta) || meta[3] != kFormatMeta)
        return std::nullopt;
    Reader in(meta);
    Version v;
    if (!in.u64(v.lamport) || !in.text(v.origin))
        return std::nullopt;
    if (!v.isNull() && checkVersion(v))
        return std::nullopt;
    return v;
}

} // namespace grapevine::value
