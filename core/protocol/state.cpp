// state.cpp — membership transitions: alive / suspect / dead / left, refutation, leave and
// meta updates. Follows memberlist state.go aliveNode / suspectNode / deadNode / refute and
// memberlist.go Leave / UpdateNode; rules in memberlist-wire.md §9.1–9.5.
#include "engine_impl.h"
#include "formulas.h"
#include "precedence.h"

#include <algorithm>

namespace grapevine::protocol {
namespace {

constexpr std::size_t kMetaMaxSize = 512;

bool badVersions(const wire::SmallBytes &vsn)
{
    return vsn.size() >= 3 && (vsn[0] == 0 || vsn[1] == 0 || vsn[0] > vsn[1]);
}

// Lifeguard's state after a suspicion step: the whole timeout as it stands now.
Observation suspicionObservation(TimePoint now, ObservationKind kind, const Suspicion &suspicion,
                                 const wire::Suspect &s)
{
    return Observation{.at = now,
                       .kind = kind,
                       .member = s.node,
                       .peer = s.from,
                       .incarnation = s.incarnation,
                       .confirmations = suspicion.confirmations(),
                       .confirmationsWanted = suspicion.wanted(),
                       .timeout = suspicion.deadline() - suspicion.start(),
                       .deadline = suspicion.deadline()};
}

} // namespace

wire::Bytes Engine::Impl::readMeta() const
{
    if (!delegate)
        return {};
    wire::Bytes meta = delegate->nodeMeta(kMetaMaxSize);
    if (meta.size() > kMetaMaxSize)
        meta.resize(kMetaMaxSize); // a Go peer would reject a longer alive outright
    return meta;
}

// The record an alive is about: found, created (unknown name), or nullptr when the alive
// must be ignored (a phantom incarnation 0, another address while ours is in use, or a
// table already at MemberTable::kMaxMembers).
// `reclaim` is set when a left or long-dead entry takes the new address.
MemberRecord *Engine::Impl::recordForAlive(TimePoint now, const wire::Alive &a, MemberRecord *known,
                                           bool &reclaim)
{
    if (!known) {
        if (a.incarnation == 0)
            return nullptr; // would be ignored anyway; don't leave a phantom entry behind
        return members.insert(a, rng);
    }
    if (known->addr() == a.addr && known->port() == a.port)
        return known;
    const bool canReclaim = config.deadNodeReclaimTime.count() > 0 &&
                            now - known->stateChange > config.deadNodeReclaimTime;
    if (known->state() == wire::NodeState::Left ||
        (known->state() == wire::NodeState::Dead && canReclaim)) {
        reclaim = true;
        return known;
    }
    if (known == self)
        onOwnNameClaimed(wire::Endpoint{a.addr.toBytes(), a.port}, false);
    else
        emit(NameConflict{a.node, known->endpoint(), wire::Endpoint{a.addr.toBytes(), a.port}});
    return nullptr;
}

void Engine::Impl::onAlive(TimePoint now, const wire::Alive &a, bool bootstrap, bool regossip)
{
    if (badVersions(a.vsn))
        return;
    MemberRecord *known = members.find(a);
    const bool isSelf = known ? known == self : a.node == config.name;
    // After leave() no alive about us counts (precedence: SelfLeaving), decided here so
    // that it raises no name conflict either.
    if (left && isSelf)
        return;
    if (known && !isSelf && members.holds(*known, a))
        return; // the common case, before anything is built or shared
    bool reclaim = false;
    MemberRecord *rec = recordForAlive(now, a, known, reclaim);
    if (!rec)
        return;
    // A record made just now holds `a` itself (state dead until applied below): it holds
    // nothing yet as far as precedence goes.
    const bool fresh = !known;
    const Verdict verdict =
        judge(fresh ? nullptr : rec, Claim{ClaimKind::Alive, a.incarnation, reclaim});
    if (verdict == Verdict::Ignore)
        return;
    members.endSuspicion(*rec);
    if (verdict == Verdict::Refute && !bootstrap) {
        // Unless it is what we announce, back from a peer.
        if (a.incarnation != rec->incarnation() || a.meta != rec->meta() || a.vsn != ownVsn())
            refute(now, a.incarnation, {});
        return;
    }
    const wire::NodeState before = rec->state();
    applyAlive(now, *rec, a, fresh, regossip);
    if (!fresh && before != wire::NodeState::Alive)
        observeRevival(now, a, before);
}

// A suspect member refuted, or a dead or left one back.
void Engine::Impl::observeRevival(TimePoint now, const wire::Alive &a, wire::NodeState before)
{
    observe([&] {
        return Observation{.at = now,
                           .kind = before == wire::NodeState::Suspect ? ObservationKind::Refuted
                                                                      : ObservationKind::Rejoined,
                           .member = a.node,
                           .incarnation = a.incarnation};
    });
}

// SWIM's precedence for a claim about `rec` (null: a member we do not hold).
Verdict Engine::Impl::judge(const MemberRecord *rec, const Claim &claim) const
{
    if (!rec)
        return precedence(std::nullopt, claim, Subject::Member);
    Subject subject = Subject::Member;
    if (rec == self)
        subject = left ? Subject::SelfLeaving : Subject::Self;
    return precedence(Held{rec->state(), rec->incarnation()}, claim, subject);
}

bool Engine::Impl::holdsAlready(const MemberRecord *known, std::uint32_t incarnation,
                                const wire::SmallBytes &addr, std::uint16_t port) const
{
    return known && known != self && known->holds(incarnation, addr, port);
}

void Engine::Impl::applyAlive(TimePoint now, MemberRecord &rec, const wire::Alive &a, bool fresh,
                              bool regossip)
{
    const wire::NodeState oldState = rec.state();
    if (!fresh)
        members.assign(rec, a); // as announced, but a full Vsn is kept
    if (regossip)
        queueAlive(rec, a);    // re-gossiped exactly as received (§9.9)
    reconnects.remove(a.node); // heard alive: nothing left to reconnect to
    if (rec.state() != wire::NodeState::Alive) {
        members.setState(rec, wire::NodeState::Alive);
        rec.stateChange = now;
    }
    const bool rejoined = oldState == wire::NodeState::Dead || oldState == wire::NodeState::Left;
    memberEvent(rejoined ? MemberEventKind::Joined : MemberEventKind::Updated, rec);
}

void Engine::Impl::onSuspect(TimePoint now, const wire::Suspect &s)
{
    MemberRecord *rec = members.find(s.node);
    switch (judge(rec, Claim{ClaimKind::Suspect, s.incarnation})) {
    case Verdict::Ignore:
        return;
    case Verdict::Refute:
        refute(now, s.incarnation, s.from);
        return;
    case Verdict::Confirm:
        confirmSuspicion(now, *rec, s);
        return;
    case Verdict::Apply:
        break;
    }
    queueBroadcast(s.node, s);
    members.setIncarnation(*rec, s.incarnation);
    members.setState(*rec, wire::NodeState::Suspect);
    rec->stateChange = now;
    const Suspicion &suspicion = startSuspicion(now, *rec, s.from);
    memberEvent(MemberEventKind::Updated, *rec);
    observe(
        [&] { return suspicionObservation(now, ObservationKind::SuspicionRaised, suspicion, s); });
}

// Lifeguard: an independent confirmation shortens the timeout and is re-gossiped.
void Engine::Impl::confirmSuspicion(TimePoint now, const MemberRecord &rec, const wire::Suspect &s)
{
    Suspicion *suspicion = members.suspicionOf(rec);
    if (!suspicion || !suspicion->confirm(s.from))
        return;
    queueBroadcast(s.node, s);
    memberEvent(MemberEventKind::Updated, rec);
    timers.schedule(suspicion->deadline(),
                    {{}, TimerKind::Suspicion, suspicion->generation(), rec.name()});
    observe([&] {
        return suspicionObservation(now, ObservationKind::SuspicionConfirmed, *suspicion, s);
    });
}

const Suspicion &Engine::Impl::startSuspicion(TimePoint now, MemberRecord &rec,
                                              const std::string &from)
{
    // k confirmations put the nominal timeout two probe intervals short of SuspicionMult;
    // with too few other members to confirm (n − 2 excludes us and the suspect) want none.
    const int n = members.size();
    int k = config.suspicionMult - 2;
    if (n - 2 < k)
        k = 0;
    const Duration min = suspicionTimeout(config.suspicionMult, n, config.probeInterval);
    const Duration max = min * config.suspicionMaxTimeoutMult;
    const Suspicion &suspicion = members.startSuspicion(
        rec, std::make_unique<Suspicion>(from, k, min, max, now, ++nextSuspicionGeneration));
    timers.schedule(suspicion.deadline(),
                    {{}, TimerKind::Suspicion, suspicion.generation(), rec.name()});
    ++stats.suspicionsRaised;
    return suspicion;
}

void Engine::Impl::onSuspicionTimer(TimePoint now, const Timer &timer)
{
    MemberRecord *rec = members.find(timer.name);
    const Suspicion *suspicion = rec ? members.suspicionOf(*rec) : nullptr;
    if (!suspicion || suspicion->generation() != timer.token)
        return; // refuted, declared dead or replaced since
    if (suspicion->deadline() > now || rec->state() != wire::NodeState::Suspect)
        return;
    onDead(now, wire::Dead{rec->incarnation(), rec->name(), config.name});
}

void Engine::Impl::onDead(TimePoint now, const wire::Dead &d)
{
    const bool leaving = d.from == d.node;
    if (leaving)
        reconnects.removeIfNotOlder(d.node, d.incarnation); // a graceful leave is never retried
    MemberRecord *rec = members.find(d.node);
    switch (judge(rec, Claim{leaving ? ClaimKind::Left : ClaimKind::Dead, d.incarnation})) {
    case Verdict::Ignore:
    case Verdict::Confirm:
        return;
    case Verdict::Refute:
        refute(now, d.incarnation, d.from);
        return;
    case Verdict::Apply:
        break;
    }
    members.endSuspicion(*rec);
    if (rec == self) {
        // Leave waits until this very broadcast was handed out retransmitLimit times.
        leaveBroadcastId = broadcasts.queue(d.node, d);
        ++stats.broadcastsQueued;
    } else {
        queueBroadcast(d.node, d);
    }
    members.setIncarnation(*rec, d.incarnation);
    members.setState(*rec, leaving ? wire::NodeState::Left : wire::NodeState::Dead);
    rec->stateChange = now;
    memberEvent(MemberEventKind::Left, *rec);
    observe([&] {
        return Observation{.at = now,
                           .kind = leaving ? ObservationKind::Left : ObservationKind::DeclaredDead,
                           .member = d.node,
                           .peer = d.from,
                           .incarnation = d.incarnation};
    });
}

void Engine::Impl::refute(TimePoint now, std::uint32_t accusedIncarnation,
                          const std::string &accuser)
{
    std::uint32_t inc = ++incarnation;
    if (accusedIncarnation >= inc) {
        incarnation = accusedIncarnation + 1;
        inc = incarnation;
    }
    members.setIncarnation(*self, inc);
    observe([&] {
        return Observation{.at = now,
                           .kind = ObservationKind::Refuted,
                           .member = config.name,
                           .peer = accuser,
                           .incarnation = inc};
    });
    applyAwareness(now, 1, HealthCause::Refuting, accuser);
    ++stats.refutations;
    wire::Alive alive{inc, self->name(), self->addr(), self->port(), self->meta(), ownVsn()};
    // memberlist queues this one under the IP text, so it does not replace a queued alive
    // about us (both are sent; seen live in Appendix A.4).
    queueBroadcast(self->endpoint().ipText(), std::move(alive));
    memberEvent(MemberEventKind::Updated, *self);
}

void Engine::Impl::leave(TimePoint now)
{
    if (!started || left)
        return;
    left = true;
    onDead(now, wire::Dead{self->incarnation(), self->name(), self->name()});
    if (members.liveCount() == 0) { // nobody to tell
        leaveDone = true;
        emit(LeaveFinished{});
        return;
    }
    const int limit = retransmitLimit(config.retransmitMult, members.size());
    const Duration wait = std::max(config.probeInterval * 3, config.gossipInterval * (limit + 1));
    timers.schedule(now + wait, {{}, TimerKind::LeaveTimeout, 0, {}});
}

void Engine::Impl::checkLeaveDone()
{
    if (left && !leaveDone && leaveBroadcastId && !broadcasts.contains(*leaveBroadcastId)) {
        leaveDone = true;
        emit(LeaveFinished{});
    }
}

void Engine::Impl::onLeaveTimeout()
{
    if (left && !leaveDone) {
        leaveDone = true;
        emit(LeaveFinished{});
    }
}

// memberlist only logs a conflict where it is seen, so the first holder of a name never hears
// that a later node took it (the members refuse that node's alive and never relay it). We tell
// the other address once, with our own alive: it raises the same conflict there.
void Engine::Impl::onOwnNameClaimed(const wire::Endpoint &other, bool heldThere)
{
    constexpr std::size_t kMaxClaims = 64; // a flood of forged alives must not grow this
    bool tell = false;
    bool impostor = heldThere;
    if (const auto it = ownNameClaims.find(other.toString()); it != ownNameClaims.end()) {
        it->second = it->second || heldThere;
        impostor = it->second;
    } else if (ownNameClaims.size() < kMaxClaims) {
        ownNameClaims.emplace(other.toString(), heldThere);
        tell = true;
    }
    emit(NameConflict{self->name(), self->endpoint(), other, true, impostor});
    if (!tell || left)
        return;
    SendPacket packet;
    packet.to = other;
    packet.messages.emplace_back(wire::Alive{self->incarnation(), self->name(), self->addr(),
                                             self->port(), self->meta(), ownVsn()});
    emit(std::move(packet));
}

void Engine::Impl::updateMeta(TimePoint now)
{
    if (!started || left)
        return;
    wire::Alive alive{++incarnation, self->name(), self->addr(),
                      self->port(),  readMeta(),   ownVsn()};
    onAlive(now, alive, true);
}

} // namespace grapevine::protocol
