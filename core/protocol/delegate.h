// delegate.h — what the layer above the engine (core/value) supplies: memberlist's Delegate.
// Called synchronously from inside Engine methods; implementations must not call back into
// the engine's handle* methods from these callbacks (queueing broadcasts is fine).
#pragma once

#include "config.h"
#include "core/wire/bytes.h"

#include <string>

namespace grapevine::protocol {

class Delegate {
public:
    virtual ~Delegate() = default;
    // Node metadata, at most `limit` (512) bytes. Re-read on start and on Engine::updateMeta.
    virtual wire::Bytes nodeMeta(std::size_t limit) = 0;
    // A user message arrived (UDP packet part or TCP stream). `from` is the sender's
    // transport address; memberlist does not carry the sender's name.
    virtual void notifyUserMessage(TimePoint now, const wire::Endpoint &from,
                                   wire::ByteView payload) = 0;
    // Push/pull user state (memberlist LocalState / MergeRemoteState).
    virtual wire::Bytes localState(bool join) = 0;
    virtual void mergeRemoteState(TimePoint now, wire::ByteView state, bool join) = 0;
    // memberlist's PingDelegate (Serf's Vivaldi coordinates ride here): the payload of the
    // ack we send for a direct UDP ping, and, after our own direct probe is acked, the
    // peer's payload with the measured RTT. Defaults: no payload, nothing to learn.
    virtual wire::Bytes ackPayload() { return {}; }
    virtual void notifyPingComplete(TimePoint /*now*/, const std::string & /*member*/,
                                    Duration /*rtt*/, wire::ByteView /*payload*/)
    {
    }
};

} // namespace grapevine::protocol
