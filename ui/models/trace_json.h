// trace_json.h — one packet trace as one JSON object: the gossip log's export format
// (JSON lines), "Copy packet as JSON", and reading an exported log back for viewing.
// Reading is bounds-checked: a line that is not a trace gives an error, never a crash.
#pragma once

#include "core/node/node_types.h"

#include <QJsonObject>

#include <optional>

namespace grapevine::ui {

[[nodiscard]] QJsonObject traceToJson(const PacketTrace &trace);
// nullopt with *error when the object is not an exported trace.
[[nodiscard]] std::optional<PacketTrace> traceFromJson(const QJsonObject &object, QString *error);

} // namespace grapevine::ui
