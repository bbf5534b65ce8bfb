// transport_stats.h — counts one Transport's traffic; snapshot() hands the counts out as
// plain values (TrafficCounters), which the HTTP API reports as /v1/stats.
// Owns: plain counters. Never: sockets, timing or JSON.
#pragma once

#include "core/net/traffic_counters.h"
#include "core/wire/messages.h"

#include <QHash>
#include <QString>

#include <array>
#include <cstdint>

namespace grapevine::net {

enum class StatDirection { In = 0, Out = 1 };

class TransportStats {
public:
    static constexpr int kMaxDecryptPeers = 256;
    static constexpr const char *kOtherPeers = "(other senders)";

    void countPacket(StatDirection direction, wire::Channel channel, std::size_t bytes);
    void countBytes(StatDirection direction, wire::Channel channel, std::size_t bytes);
    void countMessage(StatDirection direction, wire::Channel channel, const wire::Message &message);
    // reason: a short category ("decrypt", "crc", "label", "decode", …).
    void countMalformed(const QString &reason);
    // peer: "host:port". At most kMaxDecryptPeers rows; later senders count under kOtherPeers.
    void countDecryptFailure(const QString &peer);
    void countStreamEvent(const QString &event); // "opened", "failed", "timed_out", …

    [[nodiscard]] std::uint64_t malformed(const QString &reason) const;
    [[nodiscard]] std::uint64_t decryptFailures(const QString &peer) const;
    [[nodiscard]] int decryptPeerCount() const { return int(m_decryptFailures.size()); }
    [[nodiscard]] std::uint64_t streamEvents(const QString &event) const;
    [[nodiscard]] TrafficCounters snapshot() const;

private:
    static constexpr int kTypeSlots = 256;
    struct Side {
        std::uint64_t packets = 0;
        std::uint64_t bytes = 0;
        std::array<std::uint64_t, kTypeSlots> byType{};
    };
    [[nodiscard]] Side &side(StatDirection direction, wire::Channel channel);
    [[nodiscard]] static TrafficSide sideSnapshot(const Side &side);

    std::array<Side, 4> m_sides{}; // [channel * 2 + direction]
    QHash<QString, std::uint64_t> m_malformed;
    QHash<QString, std::uint64_t> m_decryptFailures;
    QHash<QString, std::uint64_t> m_streams;
};

// Maps a decoder's error text to a stable short reason for the malformed counters.
QString malformedReason(const std::string &errorText);

} // namespace grapevine::net
