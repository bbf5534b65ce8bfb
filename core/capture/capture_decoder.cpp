#include "core/capture/capture_decoder.h"

#include "core/capture/datagram_decoder.h"
#include "core/capture/link_layer.h"

namespace grapevine::capture {

CaptureDecoder::CaptureDecoder(DecodeOptions options)
    : m_options(std::move(options))
    , m_streams(m_options.keyring)
{
}

void CaptureDecoder::handleFrame(const CapturedFrame &frame)
{
    ++m_stats.frames;
    auto segment = parseFrame(frame);
    if (!segment) {
        CaptureRecord record;
        record.frame = frame.number;
        record.timeNs = frame.timeNs;
        record.channel = Transport::Link;
        record.raw = frame.bytes;
        record.error = segment.error().message;
        publish(std::move(record));
        return;
    }
    if (!segment->has_value() || !wanted(**segment)) {
        ++m_stats.otherFrames;
        return;
    }
    handleSegment(**segment);
}

bool CaptureDecoder::wanted(const Segment &segment) const
{
    return m_options.ports.empty() || m_options.ports.contains(segment.from.port) ||
           m_options.ports.contains(segment.to.port);
}

void CaptureDecoder::handleSegment(const Segment &segment)
{
    if (segment.transport == Transport::Udp) {
        publish(decodeDatagram(segment, m_options.keyring));
        return;
    }
    for (const StreamChunk &chunk : m_reassembler.handleSegment(segment))
        for (CaptureRecord &record : m_streams.handleChunk(chunk))
            publish(std::move(record));
}

void CaptureDecoder::finish()
{
    for (const StreamChunk &chunk : m_reassembler.finish())
        for (CaptureRecord &record : m_streams.handleChunk(chunk))
            publish(std::move(record));
    for (CaptureRecord &record : m_streams.finish())
        publish(std::move(record));
}

void CaptureDecoder::publish(CaptureRecord record)
{
    if (record.channel == Transport::Udp)
        ++m_stats.datagrams;
    else if (record.channel == Transport::Tcp)
        ++m_stats.streamFrames;
    if (!record.decoded())
        ++m_stats.undecodable;
    m_stats.messages += record.messages.size();
    m_membership.handleRecord(record);
    m_records.push_back(std::move(record));
}

std::vector<CaptureRecord> CaptureDecoder::drainRecords()
{
    return std::exchange(m_records, {});
}

} // namespace grapevine::capture
