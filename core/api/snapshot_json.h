// snapshot_json.h — the JSON shapes of the node's value snapshots, shared by the HTTP API and
// the JSON event log so both speak the same field names (DESIGN.md "Interfaces").
// Never includes key material: nothing here sees the options.
#pragma once

#include "core/node/node_types.h"

#include <QJsonObject>
#include <QString>

namespace grapevine::api {

// Unix time in nanoseconds (the "t" of every event).
qint64 unixNanos();

QJsonObject memberToJson(const MemberSnapshot &member);
// {"value","lamport","origin","updated_ms"}
QJsonObject valueToJson(const ValueSnapshot &value);
// {"lamport","origin","reached","total","complete","elapsed_us"}
QJsonObject convergenceToJson(const ConvergenceReport &report);
// Metadata as text when it is printable UTF-8, else base64; *encoding says which.
QString metaText(const QByteArray &meta, QString *encoding);

} // namespace grapevine::api
