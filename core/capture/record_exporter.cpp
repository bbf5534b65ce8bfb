#include "core/capture/record_exporter.h"

#include "core/capture/frame_builder.h"
#include "core/wire/stream.h"

#include <algorithm>

namespace grapevine::capture {

namespace {

bool wasEncrypted(const CaptureRecord &record)
{
    return std::find(record.layers.begin(), record.layers.end(), "encrypted") !=
           record.layers.end();
}

// A decrypted stream frame, re-framed plain (uncompressed) as the node read it.
wire::Bytes plainFrames(const CaptureRecord &record)
{
    wire::StreamOptions plain;
    plain.compress = false;
    wire::Bytes out;
    for (const wire::Message &message : record.messages) {
        const wire::Bytes frame = wire::encodeFrame(message, plain, {});
        out.insert(out.end(), frame.begin(), frame.end());
    }
    return out;
}

} // namespace

RecordExporter::RecordExporter(ExportPayload payload)
    : m_payload(payload)
{
}

wire::Result<bool> RecordExporter::open(const std::string &path)
{
    m_nextSeq.clear();
    return m_writer.open(path, "Grapevine");
}

wire::Bytes RecordExporter::payloadOf(const CaptureRecord &record, bool &decrypted) const
{
    decrypted = false;
    if (m_payload == ExportPayload::AsCaptured || !wasEncrypted(record) || !record.decoded())
        return record.raw;
    decrypted = true;
    if (record.channel == Transport::Udp)
        return record.decrypted;
    return plainFrames(record);
}

bool RecordExporter::write(const CaptureRecord &record)
{
    if (record.channel == Transport::Link || record.from.ip.empty()) {
        ++m_skipped;
        return false;
    }
    bool decrypted = false;
    const wire::Bytes payload = payloadOf(record, decrypted);
    std::string comment;
    if (decrypted)
        comment = std::string(kDecryptedComment) +
                  (record.label.empty() ? std::string() : " (label \"" + record.label + "\")");
    return writeSegments(record, payload, comment);
}

bool RecordExporter::writeSegments(const CaptureRecord &record, const wire::Bytes &payload,
                                   const std::string &comment)
{
    Segment segment;
    segment.transport = record.channel;
    segment.from = record.from;
    segment.to = record.to;
    if (record.channel == Transport::Udp) {
        segment.payload = payload;
        ++m_written;
        return m_writer.writePacket(record.timeNs, buildIpPacket(segment), comment);
    }
    std::uint32_t &seq = m_nextSeq.try_emplace(FlowKey{record.from, record.to}, 1).first->second;
    bool ok = true;
    for (std::size_t at = 0; at < payload.size() || at == 0; at += kMaxIpPayload) {
        const std::size_t size = std::min(kMaxIpPayload, payload.size() - at);
        segment.seq = seq;
        segment.payload.assign(payload.begin() + std::ptrdiff_t(at),
                               payload.begin() + std::ptrdiff_t(at + size));
        seq += static_cast<std::uint32_t>(size);
        ok = m_writer.writePacket(record.timeNs, buildIpPacket(segment), comment) && ok;
        if (payload.empty())
            break;
    }
    ++m_written;
    return ok;
}

bool RecordExporter::close()
{
    return m_writer.close();
}

} // namespace grapevine::capture
