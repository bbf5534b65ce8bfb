// value_delegate.h — what the Node needs from whichever delegate carries the shared value:
// SharedValue (Grapevine's envelope, memberlist mode) or serf::SerfDelegate (a Serf user
// event, Serf mode). Both are memberlist Delegates; the Node drives either through this.
// Never: an engine call from inside a Delegate callback (flush performs them; see
// shared_value.h "the flush design").
#pragma once

#include "core/protocol/delegate.h"
#include "core/protocol/member.h"
#include "value_register.h"
#include "version.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace grapevine::protocol {
class Engine;
}

namespace grapevine::value {

// Why the register changed; the Node turns each into a valueChanged signal / JSON event.
enum class AppliedSource { LocalSet, UserMessage, PlainText, PushPull, Restored, SerfEvent };
const char *appliedSourceName(AppliedSource source); // "set", "message", "plain", …

struct Applied {
    ValueRegister::Entry entry;
    AppliedSource source = AppliedSource::LocalSet;
    std::string fromAddress; // "127.0.0.1:7947" when it came from a peer, else empty
};

// For the setter's convergence timer: of the live Grapevine members (alive + suspect,
// advertising our metadata, self included), how many are known to hold the current version or a
// newer one, from their metadata or from a held notice they sent us (which arrives a gossip
// interval or more before the metadata).
struct ConvergenceStatus {
    Version version;
    int reached = 0;
    int total = 0;
    [[nodiscard]] bool complete() const { return total > 0 && reached == total; }
};

class ValueDelegate : public protocol::Delegate {
public:
    // Before Engine::start, so the first alive carries our metadata.
    virtual void attach(protocol::Engine *engine) = 0;
    // Loads a persisted value and clock (before start). Recorded as Applied{Restored}.
    virtual void restore(const ValueRegister::Entry &entry, std::uint64_t clock) = 0;
    // Validates, applies locally, then spreads. Returns the reason and sends nothing when
    // the value is refused.
    virtual std::optional<std::string> set(protocol::TimePoint now, std::int64_t nowMs,
                                           std::string value) = 0;
    virtual void syncNow(protocol::TimePoint now) = 0;
    // Performs the engine calls recorded by the Delegate callbacks; after every Engine call.
    virtual void flush(protocol::TimePoint now) = 0;
    [[nodiscard]] virtual const ValueRegister::Entry &current() const = 0;
    [[nodiscard]] virtual std::uint64_t clock() const = 0;
    virtual std::vector<Applied> takeApplied() = 0;
    [[nodiscard]] virtual ConvergenceStatus
    convergence(const std::vector<protocol::MemberInfo> &members) const = 0;
    // Wall clock for stamping entries applied inside callbacks; set before each Engine call.
    virtual void setWallClockMs(std::int64_t nowMs) = 0;
};

} // namespace grapevine::value
