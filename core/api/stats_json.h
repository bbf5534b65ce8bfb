// stats_json.h — the /v1/stats JSON shape built from the node's plain NodeStats (DESIGN.md
// "Interfaces"): {"udp":{"in":{"packets","bytes","messages":{type:n}},"out":…},"tcp":…,
// "malformed","decrypt_failures","streams", and while running "engine", "health",
// "members_alive", "name"}. The window reads the same NodeStats without any JSON.
#pragma once

#include "core/node/node_stats.h"

#include <QJsonObject>

namespace grapevine::api {

QJsonObject trafficToJson(const net::TrafficCounters &traffic);
QJsonObject statsToJson(const NodeStats &stats);

} // namespace grapevine::api
