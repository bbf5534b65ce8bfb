// traffic_rates.h — packets and bytes per second by message type, from the packet traces
// the window already receives (both directions, UDP and TCP). A packet counts once, under
// its leading message type (a compound under its first part: the ping, ack or alive the
// piggybacked gossip rides on). Bounded: the last kSeconds whole seconds are kept.
#pragma once

#include "core/node/node_types.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QStringList>

#include <deque>

namespace grapevine::ui {

class TrafficRates {
public:
    static constexpr int kSeconds = 120;

    void add(const PacketTrace &trace);
    [[nodiscard]] QStringList types() const; // every type still in the window, sorted
    // (second's start in ms since the epoch, packets or bytes in that second), oldest first,
    // for every whole second before `nowMs` in the window (silent ones as 0).
    [[nodiscard]] QList<QPointF> packetsPerSecond(const QString &type, qint64 nowMs) const;
    [[nodiscard]] QList<QPointF> bytesPerSecond(const QString &type, qint64 nowMs) const;
    [[nodiscard]] static QString leadingType(const PacketTrace &trace);

private:
    struct Count {
        qint64 packets = 0;
        qint64 bytes = 0;
    };
    struct Second {
        qint64 second = 0; // seconds since the epoch
        QHash<QString, Count> byType;
    };
    [[nodiscard]] QList<QPointF> series(const QString &type, bool bytes, qint64 nowMs) const;

    std::deque<Second> m_seconds; // consecutive seconds, oldest first
};

} // namespace grapevine::ui
