#include "ui/capture/capture_playback.h"

#include "core/net/packet_tracer.h"
#include "core/node/serf_trace.h"
#include "core/node/snapshots.h"
#include "core/node/value_trace.h"

#include <algorithm>
#include <map>

namespace grapevine::ui {

namespace {

QString endpointText(const wire::Endpoint &endpoint)
{
    return endpoint.ip.empty() ? QString() : QString::fromStdString(endpoint.toString());
}

} // namespace

PacketTrace CapturePlayback::toTrace(const capture::CaptureRecord &record)
{
    std::vector<std::string> layers = record.layers;
    PacketTrace trace = net::PacketTracer::make(
        Direction::In,
        record.channel == capture::Transport::Tcp ? TraceChannel::Tcp : TraceChannel::Udp,
        wire::Endpoint{}, record.raw, layers, record.messages, record.error);
    trace.timeNs = record.timeNs;
    // Nobody knows in advance whose cluster a capture shows: Serf's messages are named where
    // core/serf reads them as Serf's, and Grapevine's value envelope where core/value does.
    describeSerf(&trace);
    describeValues(&trace);
    // A capture has no "own" side: the peer column shows both ends.
    trace.peer = endpointText(record.from) + QStringLiteral(" → ") + endpointText(record.to);
    for (const std::string &partError : record.partErrors)
        trace.error += (trace.error.isEmpty() ? QString() : QStringLiteral("; ")) +
                       QString::fromStdString(partError);
    return trace;
}

MemberSnapshot CapturePlayback::toSnapshot(const capture::CapturedMember &member)
{
    MemberSnapshot snapshot;
    snapshot.name = QString::fromStdString(member.name);
    snapshot.address =
        member.address.ip.empty() ? QString() : QString::fromStdString(member.address.ipText());
    snapshot.port = member.address.port;
    snapshot.state = toMemberState(member.state);
    snapshot.incarnation = member.incarnation;
    snapshot.meta = QByteArray(reinterpret_cast<const char *>(member.meta.data()),
                               qsizetype(member.meta.size()));
    snapshot.stateSinceMs = member.sinceNs / 1'000'000;
    readSerfTags(member.meta, &snapshot);
    return snapshot;
}

CapturePlayback::CapturePlayback(qint64 keepFromNs, std::size_t maxPackets)
    : m_keepFromNs(keepFromNs)
    , m_maxPackets(maxPackets)
{
}

void CapturePlayback::addRecord(const capture::CaptureRecord &record)
{
    if (m_seen == 0)
        m_startNs = record.timeNs;
    m_startNs = std::min(m_startNs, qint64(record.timeNs));
    m_endNs = std::max(m_endNs, qint64(record.timeNs));
    ++m_seen;
    if (m_full || record.timeNs < m_keepFromNs)
        return;
    PacketTrace trace = toTrace(record);
    const std::size_t bytes = approximateBytes(trace);
    if (m_packets.size() >= m_maxPackets || m_keptBytes + bytes > kMaxKeptBytes) {
        m_full = true; // the kept rows stay one unbroken stretch of the capture
        return;
    }
    if (m_packets.empty())
        m_firstKept = m_seen - 1;
    m_keptBytes += bytes;
    m_packets.push_back(std::move(trace));
}

std::size_t CapturePlayback::approximateBytes(const PacketTrace &trace)
{
    constexpr std::size_t kStringOverhead = 40; // QString's header and the allocator's
    auto text = [](const QString &s) { return kStringOverhead + std::size_t(s.size()) * 2; };
    std::size_t bytes = sizeof(PacketTrace) + text(trace.peer) + text(trace.error) +
                        std::size_t(trace.raw.size()) + std::size_t(trace.layers.size()) * 64;
    for (const TracedMessage &message : trace.messages) {
        bytes +=
            sizeof(TracedMessage) + text(message.summary) + std::size_t(message.payload.size());
        for (const TracedField &field : message.fields)
            bytes += sizeof(TracedField) + text(field.name) + text(field.value);
    }
    return bytes;
}

void CapturePlayback::finish(const capture::CaptureDecoder &decoder, const QString &damage)
{
    m_changes = decoder.membership().changes();
    m_damage = damage;
}

std::size_t CapturePlayback::packetsUpTo(qint64 timeNs) const
{
    const auto it =
        std::upper_bound(m_packets.begin(), m_packets.end(), timeNs,
                         [](qint64 t, const PacketTrace &packet) { return t < packet.timeNs; });
    return std::size_t(it - m_packets.begin());
}

std::vector<capture::MemberChange> CapturePlayback::changesOf(const QString &name,
                                                              qint64 timeNs) const
{
    const std::string wanted = name.toStdString();
    std::vector<capture::MemberChange> story;
    for (const capture::MemberChange &change : m_changes) {
        if (change.timeNs > timeNs)
            break; // changes are in capture order
        if (change.member.name == wanted)
            story.push_back(change);
    }
    return story;
}

QList<MemberSnapshot> CapturePlayback::membersAt(qint64 timeNs) const
{
    std::map<std::string, const capture::CapturedMember *> at;
    for (const capture::MemberChange &change : m_changes) {
        if (change.timeNs > timeNs)
            break;
        at[change.member.name] = &change.member;
    }
    QList<MemberSnapshot> out;
    for (const auto &[name, member] : at)
        out.append(toSnapshot(*member));
    return out;
}

} // namespace grapevine::ui
