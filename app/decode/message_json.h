// message_json.h — grapevine-decode's JSON form of decoded memberlist messages, with the
// Grapevine value envelopes inside user messages, push/pull user state and metadata read
// by core/value, and Serf's messages, coordinates and tags read by core/serf (serf_json.h).
// Field names follow the wire structs in snake_case; byte fields are hex.
#pragma once

#include "core/capture/membership_history.h"
#include "core/wire/messages.h"

#include <QJsonArray>
#include <QJsonObject>

namespace grapevine::decode {

// {"type":"alive","fields":{…}}
QJsonObject messageJson(const wire::Message &message);

// [{"name","addr","port","state","incarnation","meta","since_ns","since_frame"}, …]
QJsonArray membersJson(const std::map<std::string, capture::CapturedMember> &members);

QString hexText(wire::ByteView bytes);

} // namespace grapevine::decode
