// member.h — a snapshot of one member as the engine sees it (a copy, never a reference).
#pragma once

#include "config.h"
#include "core/wire/endpoint.h"
#include "core/wire/messages.h"

#include <cstdint>
#include <optional>
#include <string>

namespace grapevine::protocol {

struct MemberInfo {
    std::string name;
    wire::Endpoint address;
    wire::Bytes meta;
    wire::Bytes vsn; // 6 bytes as received
    std::uint32_t incarnation = 0;
    wire::NodeState state = wire::NodeState::Alive;
    TimePoint stateChangedAt{};
    std::optional<Duration> rtt; // last successful direct probe
    bool isSelf = false;
    // While suspect: Lifeguard's independent confirmations and the current deadline.
    int confirmations = 0;
    int confirmationsWanted = 0;
    std::optional<TimePoint> suspicionDeadline;
};

} // namespace grapevine::protocol
