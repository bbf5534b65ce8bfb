// shared_message.h — an immutable, reference-counted wire::Message. A broadcast is queued
// once and re-gossiped by every engine that accepts it; sharing the object (rather than
// copying it into every queue and packet) is what keeps thousands of simulated engines
// small. Never mutated after creation: make a new one instead.
#pragma once

#include "core/wire/messages.h"

#include <memory>

namespace grapevine::protocol {

using SharedMessage = std::shared_ptr<const wire::Message>;

} // namespace grapevine::protocol
