// timeline_json.h — the JSON shape of a member's timeline (GET /v1/members/NAME/timeline,
// documented in README.md): each entry carries "t_ms" and "ev", and only the fields its
// kind uses (see core/node/timeline_entry.h).
#pragma once

#include "core/node/timeline_entry.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace grapevine::api {

QJsonObject timelineEntryToJson(const TimelineEntry &entry);
QJsonArray timelineToJson(const QList<TimelineEntry> &entries);

} // namespace grapevine::api
