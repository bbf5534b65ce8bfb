// stream_observer.h — how a TCP stream reports its frames to the Transport that owns it
// (for the counters and the packet trace). Never: decisions about the stream itself.
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/endpoint.h"
#include "core/wire/messages.h"
#include "core/wire/result.h"

namespace grapevine::net {

class StreamObserver {
public:
    virtual ~StreamObserver() = default;
    // Raw bytes are kept only when this is true (tracing on): a push/pull can be large.
    [[nodiscard]] virtual bool wantsRawFrames() const = 0;
    virtual void frameIn(const wire::Endpoint &peer, wire::ByteView raw,
                         const wire::Result<wire::Message> &frame) = 0;
    virtual void frameOut(const wire::Endpoint &peer, wire::ByteView raw,
                          const wire::Message &message) = 0;
    virtual void bytesRead(std::size_t count) = 0;   // every chunk, traced or not
    virtual void streamEvent(const char *event) = 0; // "opened", "refused", "timed_out", …
    // An inbound stream's label header was malformed or not ours; it is closed unanswered.
    virtual void labelRejected(const wire::Endpoint &peer, const std::string &reason) = 0;
};

} // namespace grapevine::net
