// serf_json.h — grapevine-decode's JSON form of what Serf (and so Consul and Nomad) puts
// inside memberlist: its messages in user messages and push/pull user state, its Vivaldi
// coordinate in ack payloads, and its tags in node metadata. core/serf decodes; this only
// writes the result the way message_json writes memberlist's messages: {"type","fields"},
// field names in snake_case, byte fields as hex (plus the text when it is UTF-8).
// Never: guesses — bytes that core/serf does not read as Serf's give nullopt (or no field).
#pragma once

#include "core/wire/bytes.h"

#include <QJsonObject>

#include <optional>

namespace grapevine::decode {

// {"type":"serf-user-event","fields":{"ltime":…,"name":…,…}} for a user message's payload
// or a push/pull user state that is a Serf message; nullopt when it is not one.
std::optional<QJsonObject> serfMessageJson(wire::ByteView payload);

// {"vec":[…],"error":…,"adjustment":…,"height":…} (seconds, as Serf carries them) for an
// ack payload that is Serf's coordinate; nullopt otherwise.
std::optional<QJsonObject> serfCoordinateJson(wire::ByteView ackPayload);

// Adds "tags":{…} when `meta` is Serf's tag encoding, or "tags_error" when it starts like
// one but is malformed; adds nothing for any other metadata.
void addSerfTags(QJsonObject &fields, wire::ByteView meta);

} // namespace grapevine::decode
