// traffic_counters.h — a snapshot of one Transport's traffic counters, as plain values: what
// Transport::stats() returns and what the Node reports up (NodeStats). The HTTP API turns it
// into /v1/stats JSON (core/http); nothing here knows JSON.
// Owns: values only. Never: counting (TransportStats does), sockets.
#pragma once

#include "core/wire/messages.h"

#include <QMap>
#include <QString>

namespace grapevine::net {

// One channel (UDP or TCP) in one direction.
struct TrafficSide {
    quint64 packets = 0;
    quint64 bytes = 0;
    QMap<wire::MessageType, quint64> messages; // decoded messages by type; zero counts absent
};

struct TrafficCounters {
    TrafficSide udpIn;
    TrafficSide udpOut;
    TrafficSide tcpIn;
    TrafficSide tcpOut;
    QMap<QString, quint64> malformed;       // short reason ("decrypt", "crc", …) -> packets
    QMap<QString, quint64> decryptFailures; // sender "host:port" -> packets (capped, see
                                            // TransportStats::kMaxDecryptPeers)
    QMap<QString, quint64> streams;         // stream event ("opened", "timed_out", …) -> count
};

} // namespace grapevine::net
