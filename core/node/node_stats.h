// node_stats.h — what Node::stats() reports, as plain values: the transport's traffic
// counters and, while the engine runs, its failure-detection counters, health and size.
// The window reads it directly; the HTTP API turns it into the /v1/stats JSON (core/http).
// Owns: values only. Never: JSON, pointers into the node.
#pragma once

#include "core/net/traffic_counters.h"

#include <QString>

#include <optional>

namespace grapevine {

// The engine's counters (protocol::EngineStats) as the node reports them.
struct EngineCounters {
    quint64 probes = 0;
    quint64 probeFailures = 0;
    quint64 suspicionsRaised = 0;
    quint64 refutations = 0;
    quint64 pushPulls = 0;
    quint64 broadcastsQueued = 0;
};

// Present only while the engine runs (between start and a finished leave).
struct RunningStats {
    EngineCounters engine;
    int health = 0;       // Lifeguard's health score; 0 is healthy
    int membersAlive = 0; // alive and suspect members, this node included
    QString name;
};

struct NodeStats {
    std::optional<net::TrafficCounters> traffic; // absent before the sockets are bound
    std::optional<RunningStats> running;
};

} // namespace grapevine
