// sim_event.h — what can happen in the simulated world at a point of virtual time.
// Plain values held by the EventQueue; every event names the node it happens to.
// Stream events carry the origin's epoch (restart count) so a reply meant for a crashed
// engine never reaches its replacement, whose stream ids start again from 1.
#pragma once

#include "core/protocol/store/shared_message.h"
#include "core/wire/messages.h"
#include "core/wire/result.h"
#include "sim_address.h"

#include <cstdint>
#include <variant>
#include <vector>

namespace grapevine::sim {

struct PacketArrival {
    PacketArrival() = default;
    PacketArrival(NodeId to_, NodeId from_, std::vector<wire::Message> messages_,
                  std::size_t bytes_, std::vector<protocol::SharedMessage> piggyback_ = {})
        : to(to_)
        , from(from_)
        , messages(std::move(messages_))
        , bytes(bytes_)
        , piggyback(std::move(piggyback_))
    {
    }

    NodeId to = 0;
    NodeId from = 0;
    std::vector<wire::Message> messages;
    std::size_t bytes = 0;
    std::vector<protocol::SharedMessage> piggyback; // after `messages` (SendPacket::piggyback)
};

// A stream request frame reaching its target.
struct StreamArrival {
    NodeId to = 0;
    NodeId from = 0;
    std::uint32_t fromEpoch = 0;
    std::uint64_t streamId = 0;
    wire::Message request;
    bool expectsReply = true;
};

// The outcome of a stream reaching its origin (a reply frame, or the write's completion).
struct StreamReply {
    NodeId to = 0;
    std::uint32_t epoch = 0;
    std::uint64_t streamId = 0;
    wire::Message reply;
    NodeId from = 0; // the peer that answered (for observers)
};

// The origin's deadline for a stream: an Error unless the stream already completed.
struct StreamDeadline {
    NodeId to = 0;
    std::uint32_t epoch = 0;
    std::uint64_t streamId = 0;
};

struct Wakeup {
    NodeId to = 0;
    std::uint64_t generation = 0;
};

using SimEvent = std::variant<PacketArrival, StreamArrival, StreamReply, StreamDeadline, Wakeup>;

[[nodiscard]] inline NodeId targetOf(const SimEvent &event)
{
    return std::visit([](const auto &e) { return e.to; }, event);
}

} // namespace grapevine::sim
