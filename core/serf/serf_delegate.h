// serf_delegate.h — SerfDelegate: a Grapevine node as a member of a Serf cluster (Serf mode).
// Owns: Serf's three Lamport clocks, the node's tags (its metadata), the intent and event
// and query de-duplication buffers, the shared value carried as the user event
// "grapevine-value", the answers to Serf's internal queries (_serf_ping, the key queries,
// _serf_conflict), the Vivaldi coordinate in ping acks, and what members' intents said.
// Never: reads a clock, touches sockets, or calls an Engine method from a Delegate callback:
// callbacks record, flush() performs (the same design as value::SharedValue).
// Follows serf 0.9.4 serf/delegate.go, serf/serf.go (handle*Intent, handleUserEvent,
// handleQuery), serf/internal_query.go, serf/ping_delegate.go, and serf-wire.md.
//
// The value. A set is Serf's UserEvent("grapevine-value", value): stamped with the event
// clock, applied locally, queued for gossip and pushed at once to a few peers. Any node
// (a Serf agent, `serf event grapevine-value X`) can set it. Last-writer-wins orders by
// (event Lamport time, payload bytes), so every node picks the same winner; events carry
// no sender, so every version's origin reads "serf-event". Recent events also ride in the
// push/pull state (Serf's event buffer), so a member that missed one gets it by anti-entropy.
#pragma once

#include "coordinate.h"
#include "core/value/value_delegate.h"
#include "core/wire/keyring.h"
#include "lamport_clock.h"
#include "serf_messages.h"
#include "tags.h"
#include "vivaldi_client.h"

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace grapevine::serf {

inline constexpr const char *kValueEventName = "grapevine-value";
inline constexpr const char *kSerfOrigin = "serf-event";
inline constexpr std::size_t kEventBufferSize = 512;    // serf Config.EventBuffer
inline constexpr std::size_t kQueryBufferSize = 512;    // serf Config.QueryBuffer
inline constexpr std::size_t kUserEventSizeLimit = 512; // serf Config.UserEventSizeLimit
inline constexpr std::size_t kQueryResponseSizeLimit = 1024;

// Something the window and the agent's log should show (never a value change: those are
// value::Applied).
struct SerfNotice {
    enum class Kind { UserEvent, Query, KeyringChanged, Intent, Problem };
    Kind kind = Kind::UserEvent;
    std::string name;    // event or query name; the member an intent is about
    wire::Bytes payload; // event or query payload
    LamportTime ltime = 0;
    std::string text; // one line for logs
};

// A member's status as Serf's intents describe it.
enum class IntentStatus { None, Alive, Leaving, Left };

class SerfDelegate : public value::ValueDelegate {
public:
    // `keyring`: the transport's keyring, changed in place by the key queries; null or
    // empty means no encryption (key queries are then answered with Serf's refusal).
    SerfDelegate(std::string selfName, Tags tags, std::uint64_t seed, wire::Keyring *keyring);
    ~SerfDelegate() override;

    // --- value::ValueDelegate ---------------------------------------------------------------
    void attach(protocol::Engine *engine) override;
    void restore(const value::ValueRegister::Entry &entry, std::uint64_t clock) override;
    std::optional<std::string> set(protocol::TimePoint now, std::int64_t nowMs,
                                   std::string value) override;
    void syncNow(protocol::TimePoint now) override;
    void flush(protocol::TimePoint now) override;
    [[nodiscard]] const value::ValueRegister::Entry &current() const override { return m_current; }
    [[nodiscard]] std::uint64_t clock() const override { return m_eventClock.time(); }
    std::vector<value::Applied> takeApplied() override;
    [[nodiscard]] value::ConvergenceStatus
    convergence(const std::vector<protocol::MemberInfo> &members) const override;
    void setWallClockMs(std::int64_t nowMs) override { m_nowMs = nowMs; }

    // --- protocol::Delegate -----------------------------------------------------------------
    wire::Bytes nodeMeta(std::size_t limit) override;
    void notifyUserMessage(protocol::TimePoint now, const wire::Endpoint &from,
                           wire::ByteView payload) override;
    wire::Bytes localState(bool join) override;
    void mergeRemoteState(protocol::TimePoint now, wire::ByteView state, bool join) override;
    wire::Bytes ackPayload() override;
    void notifyPingComplete(protocol::TimePoint now, const std::string &member,
                            protocol::Duration rtt, wire::ByteView payload) override;

    // --- Serf commands ------------------------------------------------------------------------
    // After a successful join: Serf's join intent, so members learn our status time.
    void announceJoin(protocol::TimePoint now);
    // Before the memberlist leave: Serf's leave intent, gossiped and pushed to every live
    // member. Returns false when no other member is alive (nothing to wait for).
    bool announceLeave(protocol::TimePoint now);
    // New tags; refused (with the reason) when they do not fit the 512-byte metadata.
    std::string setTags(protocol::TimePoint now, Tags tags);
    // A user event of our own (not the value): `serf event NAME PAYLOAD` from the window.
    std::string sendUserEvent(protocol::TimePoint now, const std::string &name,
                              wire::Bytes payload);

    // --- queries ------------------------------------------------------------------------------
    [[nodiscard]] const Tags &tags() const { return m_tags; }
    [[nodiscard]] const Coordinate &coordinate() const { return m_vivaldi.coordinate(); }
    [[nodiscard]] const std::map<std::string, Coordinate> &coordinates() const
    {
        return m_coordinates;
    }
    [[nodiscard]] IntentStatus intentStatus(const std::string &member) const;
    [[nodiscard]] LamportTime memberClock() const { return m_clock.time(); }
    [[nodiscard]] LamportTime queryClock() const { return m_queryClock.time(); }
    std::vector<SerfNotice> takeNotices();
    // Members whose intent status changed since the last call (the Node re-reports them).
    std::vector<std::string> takeTouchedMembers();
    // Members a new leave intent asked to prune (`serf force-leave -prune`) since the last
    // call: Serf erases them from its member list (handlePrune in serf.go), and so does the
    // Node. Never this node: it refutes instead.
    std::vector<std::string> takePruned();

private:
    struct Out {
        enum class Kind { Broadcast, SendTo, Push } kind = Kind::Broadcast;
        std::string target; // broadcast key, or member name
        wire::Bytes payload;
    };
    struct MemberIntent {
        LamportTime ltime = 0;
        IntentStatus status = IntentStatus::None;
    };

    void onMessage(const Message &message, wire::ByteView raw);
    bool onJoinIntent(const JoinIntent &join);
    bool onLeaveIntent(const LeaveIntent &leave);
    bool onUserEvent(const UserEvent &event);
    bool onQuery(const Query &query);
    void onQueryResponse(const QueryResponse &response);
    void onRelay(const Relay &relay);
    bool rememberEvent(const UserEvent &event);
    void applyValueEvent(const UserEvent &event, value::AppliedSource source);
    [[nodiscard]] bool passesFilters(const Query &query) const;
    void answerInternalQuery(const Query &query);
    void respond(const Query &query, wire::Bytes payload, std::uint32_t flags = 0);
    [[nodiscard]] KeyResponse keyOperation(const std::string &op, wire::ByteView payload);
    [[nodiscard]] KeyResponse listKeys() const;
    void answerConflict(const Query &query);
    void broadcast(std::string key, wire::Bytes message);
    void notice(SerfNotice::Kind kind, std::string name, wire::Bytes payload, LamportTime ltime,
                std::string text);
    void setIntent(const std::string &member, LamportTime ltime, IntentStatus status);
    JoinIntent stampJoin();

    std::string m_self;
    Tags m_tags;
    wire::Keyring *m_keyring;
    protocol::Engine *m_engine = nullptr;
    LamportClock m_clock;      // member status (intents)
    LamportClock m_eventClock; // user events, so the value's version
    LamportClock m_queryClock;
    value::ValueRegister::Entry m_current;
    std::int64_t m_nowMs = 0;
    bool m_metaDirty = false;
    bool m_leaving = false;
    std::vector<value::Applied> m_applied;
    std::vector<SerfNotice> m_notices;
    std::vector<Out> m_out;
    std::map<std::string, MemberIntent> m_intents;
    std::set<std::string> m_touched;
    std::vector<std::string> m_pruned;
    std::map<LamportTime, std::vector<EventItem>> m_events;      // recent, <= kEventBufferSize
    std::map<LamportTime, std::vector<std::uint32_t>> m_queries; // recent, <= kQueryBufferSize
    VivaldiClient m_vivaldi;
    std::map<std::string, Coordinate> m_coordinates; // the last coordinate each member acked
};

} // namespace grapevine::serf
