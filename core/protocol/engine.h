// engine.h — the SWIM + Lifeguard membership engine (memberlist's state machine), sans-IO.
// Owns: the member table, probing, suspicion, gossip and the broadcast queue, push/pull.
// Never: reads a clock, opens a socket, uses global randomness. Time is an argument, the RNG
// is seeded at construction, outputs are Effects drained by the caller (see effects.h).
// Follows memberlist state.go / net.go / queue.go / suspicion.go / awareness.go and
// shared/reference/memberlist-wire.md §7–9.
#pragma once

#include "config.h"
#include "delegate.h"
#include "effects.h"
#include "member.h"
#include "observation.h"
#include "reconnect_list.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grapevine::protocol {

struct SharedArena; // engine_sim.h

struct EngineStats {
    std::uint64_t probes = 0, probeFailures = 0, suspicionsRaised = 0, refutations = 0;
    std::uint64_t pushPulls = 0, broadcastsQueued = 0;
};

// How a host drives it (one thread): call a command or hand in an input (handle*) with the
// current time; then drain the outputs: take every effect (pollEffect/drainEffects) and
// carry it out, and arm one timer for nextDeadline(), which may have moved. When that timer
// fires, call handleTimeout(now) and drain again. Nothing happens between calls: the
// engine never calls back except through its Delegate and Observer, synchronously.
class Engine {
public:
    Engine(Config config, std::uint64_t seed, Delegate *delegate = nullptr);
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    // --- commands -------------------------------------------------------------------------
    void start(TimePoint now); // own alive at incarnation 1; periodic loops start at random offsets
    // Push/pull (Join = true) with each seed; emits JoinFinished when every seed answered or
    // failed. Returns the join id.
    std::uint64_t join(TimePoint now, const std::vector<wire::Endpoint> &seeds);
    void leave(TimePoint now);      // dead-from-self; LeaveFinished once broadcast or timed out
    void updateMeta(TimePoint now); // re-read Delegate::nodeMeta, alive with incarnation + 1
    // Queue an application broadcast; a queued one with the same key is replaced.
    void broadcastUser(wire::Bytes payload, std::string key);
    // Send a user message at once to up to `fanout` random live peers, skipping `except`.
    void pushUser(TimePoint now, const wire::Bytes &payload, int fanout,
                  std::string_view except = {});
    void sendUser(TimePoint now, std::string_view member, wire::Bytes payload, bool reliable);
    void syncNow(TimePoint now); // push/pull (Join = false) with one random live member

    // Every step of failure detection is reported to `observer` as it happens (see
    // observation.h); null (the default) reports nothing and costs nothing. The observer
    // must outlive the engine or be replaced first.
    void setObserver(Observer *observer);

    // --- inputs ---------------------------------------------------------------------------
    // One received UDP packet, already unwrapped (label, decryption, CRC, compound, compress)
    // by the transport: its messages in order.
    void handlePacket(TimePoint now, const wire::Endpoint &from,
                      const std::vector<wire::Message> &messages);
    // An inbound stream delivered one request frame. Returns the reply frame to write
    // (push/pull answer, or ack for a TCP ping), or nothing (user message, wrong target).
    std::optional<wire::Message> handleStreamRequest(TimePoint now, const wire::Endpoint &from,
                                                     const wire::Message &request);
    // Outcome of an OpenStream effect.
    void handleStreamReply(TimePoint now, std::uint64_t streamId,
                           const wire::Result<wire::Message> &reply);
    void handleTimeout(TimePoint now); // runs every timer due at or before now

    // --- outputs --------------------------------------------------------------------------
    // After every command and input: the earliest time handleTimeout() has work (none: no
    // timer pending). Ask again after each call; it only moves when the engine was called.
    [[nodiscard]] std::optional<TimePoint> nextDeadline() const;
    // After every command and input, until it returns nothing: the next effect (a packet to
    // send, a stream to open, an event to report), in the order emitted. Effects left
    // untaken stay queued, in order.
    [[nodiscard]] bool hasEffects() const;
    std::optional<Effect> pollEffect();
    // Every effect pollEffect() would return, at once.
    std::vector<Effect> drainEffects();
    // The same into `out` (cleared first), so a caller draining often reuses one buffer.
    void drainEffects(std::vector<Effect> &out);

    // --- queries --------------------------------------------------------------------------
    [[nodiscard]] const Config &config() const;
    [[nodiscard]] std::vector<MemberInfo> members() const; // includes self
    [[nodiscard]] std::optional<MemberInfo> member(std::string_view name) const;
    // The member whose transport address is `address` (the last in probe order when a name
    // conflict put two there): what a user message's sender is, without copying the table.
    [[nodiscard]] std::optional<MemberInfo> memberAt(const wire::Endpoint &address) const;
    [[nodiscard]] int aliveCount() const; // alive + suspect, including self
    [[nodiscard]] int healthScore() const;
    [[nodiscard]] bool hasLeft() const;
    [[nodiscard]] EngineStats stats() const;
    // Members reaped while dead and still tried by the reconnect tick (no order).
    [[nodiscard]] std::vector<ReconnectEntry> reconnectTargets() const;

private:
    friend class EngineSim; // the simulator's seam (engine_sim.h)
    Engine(Config config, std::uint64_t seed, Delegate *delegate, const SharedArena *arena);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace grapevine::protocol
