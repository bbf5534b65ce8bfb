#include "transport_stats.h"

#include <string_view>

namespace grapevine::net {

TransportStats::Side &TransportStats::side(StatDirection direction, wire::Channel channel)
{
    const std::size_t channelIndex = channel == wire::Channel::Udp ? 0 : 1;
    return m_sides[channelIndex * 2 + static_cast<std::size_t>(direction)];
}

void TransportStats::countPacket(StatDirection direction, wire::Channel channel, std::size_t bytes)
{
    Side &s = side(direction, channel);
    ++s.packets;
    s.bytes += bytes;
}

void TransportStats::countBytes(StatDirection direction, wire::Channel channel, std::size_t bytes)
{
    side(direction, channel).bytes += bytes;
}

void TransportStats::countMessage(StatDirection direction, wire::Channel channel,
                                  const wire::Message &message)
{
    ++side(direction, channel).byType[static_cast<std::size_t>(wire::typeOf(message))];
}

void TransportStats::countMalformed(const QString &reason)
{
    ++m_malformed[reason];
}
void TransportStats::countDecryptFailure(const QString &peer)
{
    // Every TCP stream and every spoofed UDP source is a new "host:port": past the cap the
    // rest share one row, so a flood cannot grow the table (and /v1/stats) without bound.
    if (m_decryptFailures.size() >= kMaxDecryptPeers && !m_decryptFailures.contains(peer)) {
        ++m_decryptFailures[QString::fromLatin1(kOtherPeers)];
        return;
    }
    ++m_decryptFailures[peer];
}
void TransportStats::countStreamEvent(const QString &event)
{
    ++m_streams[event];
}

std::uint64_t TransportStats::malformed(const QString &reason) const
{
    return m_malformed.value(reason, 0);
}

std::uint64_t TransportStats::decryptFailures(const QString &peer) const
{
    return m_decryptFailures.value(peer, 0);
}

std::uint64_t TransportStats::streamEvents(const QString &event) const
{
    return m_streams.value(event, 0);
}

TrafficSide TransportStats::sideSnapshot(const Side &side)
{
    TrafficSide out{side.packets, side.bytes, {}};
    for (int t = 0; t < kTypeSlots; ++t) {
        if (const std::uint64_t n = side.byType[static_cast<std::size_t>(t)]; n != 0)
            out.messages.insert(static_cast<wire::MessageType>(t), n);
    }
    return out;
}

static QMap<QString, quint64> sorted(const QHash<QString, std::uint64_t> &hash)
{
    QMap<QString, quint64> map;
    for (auto it = hash.cbegin(); it != hash.cend(); ++it)
        map.insert(it.key(), it.value());
    return map;
}

TrafficCounters TransportStats::snapshot() const
{
    return {sideSnapshot(m_sides[0]), sideSnapshot(m_sides[1]), sideSnapshot(m_sides[2]),
            sideSnapshot(m_sides[3]), sorted(m_malformed),      sorted(m_decryptFailures),
            sorted(m_streams)};
}

QString malformedReason(const std::string &errorText)
{
    // core/wire prefixes every layer error with the layer's name ("decrypt: …").
    static const char *const kLayers[] = {"label", "decrypt",  "crc",   "compress",
                                          "lzw",   "compound", "frame", "stream"};
    const std::string_view text(errorText);
    const std::string_view head = text.substr(0, text.find(':'));
    for (const char *layer : kLayers) {
        if (head == layer)
            return QString::fromLatin1(layer);
    }
    // "encrypt: …" from a stream is a key mismatch (plain frame to a keyed node, encrypted
    // frame to a keyless one), except an oversized encrypted frame, which is a framing error.
    if (head == "encrypt")
        return QString::fromLatin1(text.find("limit") != std::string_view::npos ? "frame"
                                                                                : "decrypt");
    if (text.empty() || text.find("empty") != std::string_view::npos)
        return QStringLiteral("empty");
    if (text.find("decrypt") != std::string_view::npos)
        return QStringLiteral("decrypt");
    return QStringLiteral("decode");
}

} // namespace grapevine::net
