// serf_describe.h — Serf messages as the packet analyzer shows them: a type name and a
// summary of "Field=value" tokens (one per field, no spaces inside a value), like
// wire::describe does for memberlist's messages.
// Never: throws; bytes that are not a Serf message give nullopt (the caller keeps "user").
#pragma once

#include "core/wire/bytes.h"
#include "serf_messages.h"

#include <optional>
#include <string>

namespace grapevine::serf {

struct Described {
    std::string type;    // "serf-user-event", "serf-query", …
    std::string summary; // "LTime=5 Name=grapevine-value Payload=hello CC=false"
};

// A memberlist user message's payload (or a push/pull's user state) as Serf's message: the
// one test of "is this Serf?" that every reader shares. nullopt when the lead byte is not a
// Serf message type or the body does not decode as that type.
std::optional<Message> readUserMessage(wire::ByteView payload);
// The same payload, described (nullopt exactly when readUserMessage gives nullopt).
std::optional<Described> describeUserMessage(wire::ByteView payload);
// An ack's payload as Serf's Vivaldi coordinate: "Coordinate=v1 Vec=[…] Error=… …".
std::optional<std::string> describeAckPayload(wire::ByteView payload);

} // namespace grapevine::serf
