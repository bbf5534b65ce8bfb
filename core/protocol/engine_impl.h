// engine_impl.h — Engine's private state, shared by the engine's .cpp files (one concern
// each: engine.cpp lifecycle + timers, packets.cpp message handlers, state.cpp membership
// transitions, probe.cpp failure detection, gossip.cpp broadcasts, push_pull.cpp streams).
// Never included outside core/protocol.
#pragma once

#include "awareness.h"
#include "engine.h"
#include "precedence.h"
#include "reconnect_list.h"
#include "store/broadcast_queue.h"
#include "store/member_table.h"
#include "timer_queue.h"

#include <random>
#include <unordered_map>

namespace grapevine::protocol {

// The one probe in flight (memberlist runs probes strictly one at a time).
struct ProbeState {
    std::uint32_t seq = 0;
    std::string target;
    wire::Endpoint targetAddr;
    std::uint32_t targetIncarnation = 0;
    std::uint8_t targetPmax = 0;
    wire::Ping ping;
    TimePoint start{};
    bool indirect = false;
    int expectedNacks = 0;
    int nacks = 0;
    int relaysAsked = 0;
    bool tcpContacted = false;
    // Only while an Observer listens: the relays asked, so their acks and nacks (which
    // carry only our sequence number) can be reported as coming from them.
    std::vector<std::pair<wire::Endpoint, std::string>> relays;
};

// An indirect ping we relay on behalf of `requester`.
struct RelayState {
    wire::Endpoint requester;
    std::string requesterName;
    std::uint32_t requesterSeq = 0;
    bool nack = false;
};

struct PendingStream {
    StreamPurpose purpose = StreamPurpose::PushPull;
    std::uint64_t joinId = 0;
    std::uint32_t seq = 0;
    std::string peer;
};

struct PendingJoin {
    int outstanding = 0;
    int contacted = 0;
    std::string errors;
};

struct Engine::Impl {
    Impl(Config cfg, std::uint64_t seed, Delegate *d, const SharedArena *arena);

    // What a delivered packet or a timer reads first comes first, so it shares a few cache
    // lines: the simulator runs thousands of engines, and each is cold when an event
    // reaches it (config alone is kilobytes, the random engine 2.5 KiB).
    bool started = false, left = false, leaveDone = false;
    MemberRecord *self = nullptr;
    // Emitted, not yet taken: drainEffects() swaps the vector out (no per-effect copy or
    // allocation); pollEffect() reads from effectsHead.
    std::vector<Effect> effects;
    std::size_t effectsHead = 0;
    MemberTable members;
    TimerQueue timers;
    BroadcastQueue broadcasts;     // membership messages, named by subject node
    BroadcastQueue userBroadcasts; // application broadcasts, sent after ours (as UserMsg)
    Config config;
    // Built by EngineSim in a SharedArena: reports brief member events (engine_sim.h).
    bool inArena = false;
    Delegate *delegate = nullptr;
    MemberTable::Rng rng;
    ReconnectList reconnects; // reaped while dead: still tried on the reconnect tick
    Awareness awareness;
    EngineStats stats;
    std::uint32_t incarnation = 0; // memberlist's local counter (nextIncarnation)
    std::uint32_t seq = 0;
    std::uint64_t nextStreamId = 0, nextJoinId = 0, nextSuspicionGeneration = 0;
    std::optional<std::uint64_t> leaveBroadcastId;
    std::optional<ProbeState> probe;
    bool probePending = false;
    std::unordered_map<std::uint32_t, RelayState> relays;
    std::unordered_map<std::uint64_t, PendingStream> streams;
    std::unordered_map<std::uint64_t, PendingJoin> joins;
    // Addresses seen claiming our own name -> whether a peer's view holds it there. Each is
    // sent our alive once, so a node that claims our name learns of the conflict too.
    std::unordered_map<std::string, bool> ownNameClaims;
    Observer *observer = nullptr; // see observe()

    // engine.cpp
    void start(TimePoint now);
    void onTimer(TimePoint now, const Timer &timer);
    void emit(Effect effect) { effects.push_back(std::move(effect)); }
    void memberEvent(MemberEventKind kind, const MemberRecord &record);
    [[nodiscard]] MemberInfo info(const MemberRecord &record) const;
    // `about`: the member whose probe (or accusation) moved the score.
    void applyAwareness(TimePoint now, int delta, HealthCause cause, const std::string &about);
    // Calls `make` and hands its Observation to the observer, only when one listens: the
    // simulator's thousands of engines pay one test of a pointer per step, nothing more.
    template <class Make> void observe(Make &&make)
    {
        if (observer) [[unlikely]]
            observer->observe(make());
    }
    [[nodiscard]] std::string relayAt(const wire::Endpoint &from) const;
    Duration randomOffset(Duration interval);
    [[nodiscard]] wire::SmallBytes ownVsn() const;
    [[nodiscard]] std::uint16_t portOrOwn(std::uint16_t port) const;

    // packets.cpp
    void handlePacket(TimePoint now, const wire::Endpoint &from,
                      const std::vector<wire::Message> &messages);
    void handleMessage(TimePoint now, const wire::Endpoint &from, const wire::Message &m);
    void onAliveMessage(TimePoint now, const wire::Alive &alive);
    void onPing(const wire::Endpoint &from, const wire::Ping &ping);
    void onIndirectPing(TimePoint now, const wire::Endpoint &from, const wire::IndirectPing &req);
    void onAck(TimePoint now, const wire::Endpoint &from, const wire::Ack &ack);
    void onNack(TimePoint now, const wire::Endpoint &from, const wire::Nack &nack);
    void onUser(TimePoint now, const wire::Endpoint &from, const wire::UserMsg &msg);
    void onRelayExpire(std::uint32_t relaySeq);

    // state.cpp
    // `regossip` false: applied without queueing it (EngineSim::adoptMembers only).
    void onAlive(TimePoint now, const wire::Alive &alive, bool bootstrap, bool regossip = true);
    // An alive about another member that would change nothing: re-gossip we already hold.
    // `known`: the record held under its name (null: none).
    [[nodiscard]] bool holdsAlready(const MemberRecord *known, std::uint32_t incarnation,
                                    const wire::SmallBytes &addr, std::uint16_t port) const;
    // `known`: the record already found under alive.node (null: none).
    MemberRecord *recordForAlive(TimePoint now, const wire::Alive &alive, MemberRecord *known,
                                 bool &reclaim);
    // `fresh`: `record` was made for `alive` just now, so it holds it already.
    void applyAlive(TimePoint now, MemberRecord &record, const wire::Alive &alive, bool fresh,
                    bool regossip);
    void observeRevival(TimePoint now, const wire::Alive &alive, wire::NodeState before);
    // precedence() for a claim about `record` (null: a member we do not hold).
    [[nodiscard]] Verdict judge(const MemberRecord *record, const Claim &claim) const;
    void onSuspect(TimePoint now, const wire::Suspect &suspect);
    void confirmSuspicion(TimePoint now, const MemberRecord &record, const wire::Suspect &suspect);
    void onDead(TimePoint now, const wire::Dead &dead);
    // `accuser`: who claimed we are suspect or dead (empty: an alive about us that differs).
    void refute(TimePoint now, std::uint32_t accusedIncarnation, const std::string &accuser);
    const Suspicion &startSuspicion(TimePoint now, MemberRecord &record, const std::string &from);
    void onSuspicionTimer(TimePoint now, const Timer &timer);
    void leave(TimePoint now);
    void updateMeta(TimePoint now);
    void checkLeaveDone();
    void onLeaveTimeout();
    [[nodiscard]] wire::Bytes readMeta() const;
    void onOwnNameClaimed(const wire::Endpoint &other, bool heldThere);

    // probe.cpp
    void onProbeTick(TimePoint now);
    void runProbe(TimePoint now);
    void startProbe(TimePoint now, const MemberRecord &target);
    void onProbeTimeout(TimePoint now, std::uint32_t probeSeq);
    void sendIndirectPings(TimePoint now, const MemberRecord *target);
    void startTcpFallback(TimePoint now);
    void onProbeExpire(TimePoint now, std::uint32_t probeSeq);
    void finishProbe(TimePoint now, ProbeOutcome outcome, Duration rtt);
    void onFallbackReply(TimePoint now, const PendingStream &stream,
                         const wire::Result<wire::Message> &reply);

    // gossip.cpp
    void onGossipTick(TimePoint now);
    void queueBroadcast(std::string name, wire::Message message);
    // `alive`, just applied to `record`, queued for re-gossip as it arrived.
    void queueAlive(const MemberRecord &record, const wire::Alive &alive);
    // The queued broadcasts that fit in `limit` bytes, into packet.piggyback.
    void fillBroadcasts(int overhead, int limit, SendPacket &packet);
    void sendWithPiggyback(const wire::Endpoint &to, const std::string &toName,
                           wire::Message message);
    void emitPackets(SendPacket packet);
    void pushUser(const wire::Bytes &payload, int fanout, std::string_view except);
    void sendUser(TimePoint now, std::string_view member, wire::Bytes payload, bool reliable);

    // push_pull.cpp
    std::uint64_t join(TimePoint now, const std::vector<wire::Endpoint> &seeds);
    void onPushPullTick(TimePoint now);
    void onReconnectTick(TimePoint now);
    void syncNow(TimePoint now);
    // Reaped dead members stay reconnect targets (not left ones): see Config::reconnectTimeout.
    void onReaped(TimePoint now, const MemberRecord &record);
    void reconnectToEntry(TimePoint now, const ReconnectEntry &entry);
    void pushPullTo(TimePoint now, const std::string &name, const wire::Endpoint &to);
    [[nodiscard]] wire::PushPull localState(bool join) const;
    std::optional<wire::Message> handleStreamRequest(TimePoint now, const wire::Endpoint &from,
                                                     const wire::Message &request);
    void handleStreamReply(TimePoint now, std::uint64_t streamId,
                           const wire::Result<wire::Message> &reply);
    void onPushPullReply(TimePoint now, const PendingStream &stream,
                         const wire::Result<wire::Message> &reply);
    void finishJoinAttempt(const PendingStream &stream, const std::string &error);
    // answersUs: `remote` answers our push/pull (else it is a peer's request).
    std::string mergeRemote(TimePoint now, const wire::PushPull &remote, bool join, bool answersUs);
    [[nodiscard]] std::string verifyProtocol(const std::vector<wire::PushNodeState> &remote) const;
    // `known`: the record held under state.name (null: none).
    void mergeNodeState(TimePoint now, const wire::PushNodeState &state, const MemberRecord *known,
                        bool answersUs);
};

} // namespace grapevine::protocol
