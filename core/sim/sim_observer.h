// sim_observer.h — an optional window onto a Simulator run for the layer above (the lab).
// Owns: nothing; the Simulator calls these hooks synchronously, in event order, and an
// observer must not call back into the Simulator from them. Never: changes what the run
// does — a run with an observer has the same events and trace hash as one without.
// An application delegate that needs work after every engine call (core/value's
// SharedValue::flush) does it in afterCall; engine calls it makes there are carried out
// as the engine's own effects.
#pragma once

#include "core/protocol/effects.h"
#include "core/protocol/store/shared_message.h"
#include "core/wire/messages.h"
#include "network.h"
#include "sim_address.h"

#include <cstddef>
#include <span>

namespace grapevine::sim {

enum class Carrier { Udp, Stream };

// One packet (UDP) or stream frame (TCP) leaving or reaching an engine.
struct PacketSeen {
    NodeId from = 0;
    NodeId to = 0;
    Carrier carrier = Carrier::Udp;
    std::span<const wire::Message> messages;
    std::span<const protocol::SharedMessage> piggyback; // broadcasts after `messages`
    std::size_t bytes = 0;
    DropReason drop = DropReason::None; // for packetSent: what the network did with it
};

class SimObserver {
public:
    virtual ~SimObserver() = default;
    // Before an event is handed to its node's engine (the node may be down or frozen).
    virtual void beforeCall(NodeId /*node*/, protocol::TimePoint /*now*/) {}
    // After any call into a live engine, before its effects are carried out.
    virtual void afterCall(NodeId /*node*/, protocol::TimePoint /*now*/) {}
    virtual void packetSent(const PacketSeen & /*packet*/) {}
    // Right before a live engine handles it.
    virtual void packetArriving(const PacketSeen & /*packet*/) {}
    // A change of `node`'s view of a member (its engine's MemberChanged effect; brief: name,
    // state, incarnation), as the effects of a call are carried out, after afterCall().
    virtual void memberChanged(NodeId /*node*/, const protocol::MemberChanged & /*change*/) {}
};

} // namespace grapevine::sim
