// shared_value.h — SharedValue: the register wired to a membership engine as its Delegate.
// Owns: the ValueRegister, what we advertise in metadata, eager push, relay, anti-entropy
// state, the plain-text compatibility rule, and the queue of "applied" notifications.
// Never: reads a clock, touches sockets, or calls an Engine method from inside a Delegate
// callback. Follows memberlist delegate.go; the relay/eager-push policy is DESIGN.md's.
//
// Theory of operation (the flush design). The engine calls the Delegate methods from
// inside its own handle* calls. There, SharedValue only decodes and applies to the
// register and records what the engine must do next (update metadata, push to peers,
// queue a broadcast). The owner calls flush(now) after every Engine call (handlePacket,
// handleStreamRequest/Reply, handleTimeout, join…); flush performs those engine calls.
// Commands (set, syncNow) flush by themselves. So the engine is never re-entered.
//
// Spreading a new version (own set, or first receipt of a newer one):
//   1. engine.updateMeta — our metadata now names the version (convergence tracking);
//   2. engine.pushUser(envelope, width, except the sender) — eager, not next tick; the
//      widths (eager_fanout.h) leave no member to the gossip tick;
//   3. engine.broadcastUser(envelope, "value") — transmit-limited gossip (replaces older);
//   anti-entropy: the envelope is our push/pull user state, merged like a message.
// Plain text (a user message that is not our envelope) from a member that does not
// advertise our metadata is a value from a plain memberlist program: stamped
// (clock + 1, sender name or "plain"), applied and relayed as our envelope. Plain text
// from a Grapevine member is ignored: it is the plain copy of an envelope it also sends.
// A node that applies a version from a peer also sends the version's origin a small
// "held notice" (if the origin advertises our metadata), so the setter's convergence timer
// is not held back by metadata gossip.
// With plainValues, an own set also sends the plain text, reliably, to every live member
// that does not advertise our metadata; so does a node that stamps a plain program's value
// (to the other plain programs: they hear it at once, through us).
#pragma once

#include "core/protocol/member.h"
#include "value_delegate.h"
#include "value_register.h"
#include "version.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace grapevine::protocol {
class Engine;
}

namespace grapevine::value {

class SharedValue : public ValueDelegate {
public:
    static constexpr protocol::Duration kPlainRepeatWindow = std::chrono::seconds(10);

    SharedValue(std::string selfName, bool plainValues);
    ~SharedValue() override;
    SharedValue(const SharedValue &) = delete;
    SharedValue &operator=(const SharedValue &) = delete;

    // Before Engine::start, so the first alive carries our metadata.
    void attach(protocol::Engine *engine) override;
    // Loads a persisted value and clock (before start). Recorded as Applied{Restored}.
    void restore(const ValueRegister::Entry &entry, std::uint64_t clock) override;

    // Validates, applies locally, then spreads (see above). Returns the reason and sends
    // nothing when the value is refused (too long, not UTF-8, our name too long).
    std::optional<std::string> set(protocol::TimePoint now, std::int64_t nowMs,
                                   std::string value) override;
    void syncNow(protocol::TimePoint now) override; // Engine::syncNow, then flush
    // Performs the engine calls recorded by the Delegate callbacks. Call after every
    // Engine call; cheap when there is nothing to do.
    void flush(protocol::TimePoint now) override;

    [[nodiscard]] const ValueRegister::Entry &current() const override
    {
        return m_register.current();
    }
    [[nodiscard]] std::uint64_t clock() const override { return m_register.clock(); }
    [[nodiscard]] const std::string &selfName() const { return m_self; }
    std::vector<Applied> takeApplied() override;
    [[nodiscard]] ConvergenceStatus
    convergence(const std::vector<protocol::MemberInfo> &members) const override;
    // The version a member advertises in its metadata (nullopt: not a Grapevine node).
    static std::optional<Version> heldVersion(const protocol::MemberInfo &member);

    // --- protocol::Delegate ---------------------------------------------------------------
    wire::Bytes nodeMeta(std::size_t limit) override;
    void notifyUserMessage(protocol::TimePoint now, const wire::Endpoint &from,
                           wire::ByteView payload) override;
    wire::Bytes localState(bool join) override;
    void mergeRemoteState(protocol::TimePoint now, wire::ByteView state, bool join) override;

    // Wall clock for stamping entries applied inside callbacks (the engine passes only its
    // monotonic time). The owner sets it before each Engine call; default 0.
    void setWallClockMs(std::int64_t nowMs) override { m_nowMs = nowMs; }

private:
    struct PlainIn { // plain text waiting for flush, which can look up the sender
        wire::Endpoint from;
        std::string text;
    };
    void recordNewer(AppliedSource source, const wire::Endpoint *from);
    void spread(protocol::TimePoint now);
    void handlePlain(protocol::TimePoint now, const PlainIn &in);
    [[nodiscard]] bool isRepeat(protocol::TimePoint now, const PlainIn &in) const;
    // To every live member that does not advertise our metadata (plain programs), but `except`.
    void sendPlainCopies(protocol::TimePoint now, const std::string &text,
                         const wire::Endpoint *except = nullptr);
    void handleNotice(const wire::Endpoint &from, const Version &held);
    void noticeToOrigin(protocol::TimePoint now);

    std::string m_self;
    bool m_plainValues = false;
    protocol::Engine *m_engine = nullptr;
    ValueRegister m_register;
    std::vector<Applied> m_applied;
    std::int64_t m_nowMs = 0;
    // Recorded by callbacks, performed by flush: one spread covers every version applied
    // since the last flush (only the newest matters), skipping the sender of the last one.
    bool m_needSpread = false;
    bool m_spreadOwn = false; // the pending spread is our own set: wide eager push
    std::optional<wire::Endpoint> m_spreadFrom;
    std::vector<PlainIn> m_plainIn;
    // Held notices waiting for flush (the sender's name needs the member table), and what
    // they told us: member name -> the newest version it reported holding.
    std::vector<std::pair<wire::Endpoint, Version>> m_noticesIn;
    std::map<std::string, Version, std::less<>> m_heldBy;
    // Plain programs' broadcasts are retransmitted several times (memberlist's queue), and
    // each copy would otherwise be stamped as a new version: the last accepted text per
    // sender is remembered, and a repeat within kPlainRepeatWindow is ignored.
    struct LastPlain {
        std::string text;
        protocol::TimePoint at{};
    };
    std::map<wire::Endpoint, LastPlain> m_lastPlain;
};

} // namespace grapevine::value
