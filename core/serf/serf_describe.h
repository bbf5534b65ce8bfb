// serf_describe.h — Serf messages as the packet analyzer shows them: a type name and a
// summary of "Field=value" tokens (one per field, no spaces inside a value), like
// wire::describe does for memberlist's messages.
// Never: throws; bytes that are not a Serf message give nullopt (the caller keeps "user").
#pragma once

#include "core/wire/bytes.h"

#include <optional>
#include <string>

namespace grapevine::serf {

struct Described {
    std::string type;    // "serf-user-event", "serf-query", …
    std::string summary; // "LTime=5 Name=grapevine-value Payload=hello CC=false"
};

// A memberlist user message's payload, decoded as Serf's.
std::optional<Described> describeUserMessage(wire::ByteView payload);
// An ack's payload as Serf's Vivaldi coordinate: "Coordinate=v1 Vec=[…] Error=… …".
std::optional<std::string> describeAckPayload(wire::ByteView payload);

} // namespace grapevine::serf
