// member_record.h — what the engine stores per member (memberlist nodeState), kept small:
// the simulator holds thousands of engines that each know thousands of members.
// Never handed out: queries copy it into a MemberInfo.
#pragma once

#include "config.h"
#include "suspicion.h"
#include "core/wire/messages.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace grapevine::protocol {

struct MemberRecord {
    std::string name;
    wire::Bytes addr; // exactly as received: Go compares addresses byte-wise
    std::uint16_t port = 0;
    wire::NodeState state = wire::NodeState::Dead;
    bool hasVsn = false;
    std::array<std::uint8_t, 6> vsn{};
    std::uint32_t incarnation = 0;
    wire::Bytes meta;
    TimePoint stateChange{};
    Duration rtt{-1}; // negative: never measured
    std::unique_ptr<Suspicion> suspicion;

    [[nodiscard]] bool deadOrLeft() const
    {
        return state == wire::NodeState::Dead || state == wire::NodeState::Left;
    }
    [[nodiscard]] bool live() const
    {
        return state == wire::NodeState::Alive || state == wire::NodeState::Suspect;
    }
    [[nodiscard]] std::uint8_t pmax() const { return vsn[1]; }
    [[nodiscard]] wire::Endpoint endpoint() const { return wire::Endpoint{addr, port}; }
};

} // namespace grapevine::protocol
