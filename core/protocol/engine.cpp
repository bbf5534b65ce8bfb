// engine.cpp — Engine's public surface, start-up, timer dispatch and effect plumbing.
//
// Theory of operation: every input (a command, a packet, a stream reply, a timer) runs to
// completion synchronously and leaves its outputs in the effect queue; nothing blocks.
// Where memberlist blocks a goroutine (probeNode waiting for acks, Leave waiting for its
// broadcast) we keep the waiting state as data (ProbeState, leaveBroadcastId) and resume
// from a timer or a later input. Timers are never cancelled; stale ones are ignored.
#include "engine_impl.h"
#include "engine_sim.h"
#include "formulas.h"

#include <algorithm>

namespace grapevine::protocol {

Engine::Impl::Impl(Config cfg, std::uint64_t seed, Delegate *d, const SharedArena *arena)
    : members(arena ? arena->nodeIds : nullptr, arena ? arena->interner : nullptr)
    , config(std::move(cfg))
    , inArena(arena != nullptr)
    , delegate(d)
    , rng(seed)
    , awareness(config.awarenessMaxMultiplier)
{
    members.setOwner(config.name);
    reconnects.setLimit(config.reconnectTimeout.count() > 0
                            ? static_cast<std::size_t>(std::max(0, config.reconnectListLimit))
                            : 0);
}

wire::SmallBytes Engine::Impl::ownVsn() const
{
    const auto v = config.vsn();
    return wire::SmallBytes(v.begin(), v.end());
}

std::uint16_t Engine::Impl::portOrOwn(std::uint16_t port) const
{
    // Protocol 1 carried no ports; port 0 means "the same port as yours" (§7.2).
    return (port == 0 || config.protocolVersion < 2) ? config.advertise.port : port;
}

Duration Engine::Impl::randomOffset(Duration interval)
{
    if (interval.count() <= 0)
        return Duration::zero();
    return Duration(
        static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(interval.count())));
}

void Engine::Impl::start(TimePoint now)
{
    if (started)
        return;
    started = true;
    wire::Alive own{++incarnation,         config.name, config.advertise.ip,
                    config.advertise.port, readMeta(),  ownVsn()};
    onAlive(now, own, true);
    self = members.find(config.name);
    // Loops start at random offsets so a cluster started at once does not tick in step.
    if (config.probeInterval.count() > 0)
        timers.schedule(now + randomOffset(config.probeInterval),
                        {{}, TimerKind::ProbeTick, 0, {}});
    if (config.gossipInterval.count() > 0)
        timers.schedule(now + randomOffset(config.gossipInterval),
                        {{}, TimerKind::GossipTick, 0, {}});
    if (config.pushPullInterval.count() > 0)
        timers.schedule(now + randomOffset(config.pushPullInterval),
                        {{}, TimerKind::PushPullTick, 0, {}});
    if (config.reconnectInterval.count() > 0)
        timers.schedule(now + randomOffset(config.reconnectInterval),
                        {{}, TimerKind::ReconnectTick, 0, {}});
}

void Engine::Impl::onTimer(TimePoint now, const Timer &timer)
{
    switch (timer.kind) {
    case TimerKind::ProbeTick:
        timers.schedule(timer.at + config.probeInterval, {{}, TimerKind::ProbeTick, 0, {}});
        onProbeTick(now);
        break;
    case TimerKind::GossipTick:
        timers.schedule(timer.at + config.gossipInterval, {{}, TimerKind::GossipTick, 0, {}});
        onGossipTick(now);
        break;
    case TimerKind::PushPullTick:
        timers.schedule(timer.at + pushPullScale(config.pushPullInterval, members.size()),
                        {{}, TimerKind::PushPullTick, 0, {}});
        onPushPullTick(now);
        break;
    case TimerKind::ProbeTimeout:
        onProbeTimeout(now, static_cast<std::uint32_t>(timer.token));
        break;
    case TimerKind::ProbeExpire:
        onProbeExpire(now, static_cast<std::uint32_t>(timer.token));
        break;
    case TimerKind::RelayExpire:
        onRelayExpire(static_cast<std::uint32_t>(timer.token));
        break;
    case TimerKind::Suspicion:
        onSuspicionTimer(now, timer);
        break;
    case TimerKind::LeaveTimeout:
        onLeaveTimeout();
        break;
    case TimerKind::ReconnectTick:
        timers.schedule(timer.at + config.reconnectInterval, {{}, TimerKind::ReconnectTick, 0, {}});
        onReconnectTick(now);
        break;
    }
}

void Engine::Impl::memberEvent(MemberEventKind kind, const MemberRecord &record)
{
    if (!inArena) {
        emit(MemberChanged{kind, info(record)});
        return;
    }
    MemberChanged brief{kind, {}};
    brief.member.name = record.name();
    brief.member.incarnation = record.incarnation();
    brief.member.state = record.state();
    brief.member.stateChangedAt = record.stateChange;
    brief.member.isSelf = record.name() == config.name;
    emit(std::move(brief));
}

MemberInfo Engine::Impl::info(const MemberRecord &r) const
{
    MemberInfo m;
    m.name = r.name();
    m.address = r.endpoint();
    m.meta = r.meta();
    if (r.hasVsn()) {
        const auto vsn = r.vsn();
        m.vsn.assign(vsn.begin(), vsn.end());
    }
    m.incarnation = r.incarnation();
    m.state = r.state();
    m.stateChangedAt = r.stateChange;
    m.rtt = members.rttOf(r);
    m.isSelf = r.name() == config.name; // by name: start() reports itself before `self` is set
    if (const Suspicion *suspicion = members.suspicionOf(r)) {
        m.confirmations = suspicion->confirmations();
        m.confirmationsWanted = suspicion->wanted();
        m.suspicionDeadline = suspicion->deadline();
    }
    return m;
}

void Engine::Impl::applyAwareness(TimePoint now, int delta, HealthCause cause,
                                  const std::string &about)
{
    const int before = awareness.score();
    if (!awareness.applyDelta(delta))
        return;
    emit(HealthChanged{awareness.score()});
    observe([&] {
        return Observation{.at = now,
                           .kind = ObservationKind::HealthChanged,
                           .member = config.name,
                           .peer = about,
                           .health = awareness.score(),
                           .healthBefore = before,
                           .cause = cause};
    });
}

// --- Engine: thin forwarding ------------------------------------------------------------

Engine::Engine(Config config, std::uint64_t seed, Delegate *delegate)
    : Engine(std::move(config), seed, delegate, nullptr)
{
}

Engine::Engine(Config config, std::uint64_t seed, Delegate *delegate, const SharedArena *arena)
    : m_impl(std::make_unique<Impl>(std::move(config), seed, delegate, arena))
{
}

Engine::~Engine() = default;

void Engine::start(TimePoint now)
{
    m_impl->start(now);
}

std::uint64_t Engine::join(TimePoint now, const std::vector<wire::Endpoint> &seeds)
{
    return m_impl->join(now, seeds);
}

void Engine::setObserver(Observer *observer)
{
    m_impl->observer = observer;
}

void Engine::leave(TimePoint now)
{
    m_impl->leave(now);
}
void Engine::updateMeta(TimePoint now)
{
    m_impl->updateMeta(now);
}

void Engine::broadcastUser(wire::Bytes payload, std::string key)
{
    m_impl->userBroadcasts.queue(std::move(key), wire::UserMsg{std::move(payload)});
    ++m_impl->stats.broadcastsQueued;
}

void Engine::pushUser(TimePoint /*now*/, const wire::Bytes &payload, int fanout,
                      std::string_view except)
{
    m_impl->pushUser(payload, fanout, except);
}

void Engine::sendUser(TimePoint now, std::string_view member, wire::Bytes payload, bool reliable)
{
    m_impl->sendUser(now, member, std::move(payload), reliable);
}

void Engine::syncNow(TimePoint now)
{
    m_impl->syncNow(now);
}

void Engine::handlePacket(TimePoint now, const wire::Endpoint &from,
                          const std::vector<wire::Message> &messages)
{
    m_impl->handlePacket(now, from, messages);
}

std::optional<wire::Message> Engine::handleStreamRequest(TimePoint now, const wire::Endpoint &from,
                                                         const wire::Message &request)
{
    return m_impl->handleStreamRequest(now, from, request);
}

void Engine::handleStreamReply(TimePoint now, std::uint64_t streamId,
                               const wire::Result<wire::Message> &reply)
{
    m_impl->handleStreamReply(now, streamId, reply);
}

void Engine::handleTimeout(TimePoint now)
{
    while (auto timer = m_impl->timers.popDue(now))
        m_impl->onTimer(now, *timer);
}

std::optional<TimePoint> Engine::nextDeadline() const
{
    return m_impl->timers.next();
}

bool Engine::hasEffects() const
{
    return m_impl->effectsHead < m_impl->effects.size();
}

std::optional<Effect> Engine::pollEffect()
{
    Impl &d = *m_impl;
    if (d.effectsHead >= d.effects.size())
        return std::nullopt;
    Effect e = std::move(d.effects[d.effectsHead++]);
    if (d.effectsHead == d.effects.size()) {
        d.effects.clear();
        d.effectsHead = 0;
    }
    return e;
}

std::vector<Effect> Engine::drainEffects()
{
    std::vector<Effect> out;
    drainEffects(out);
    return out;
}

void Engine::drainEffects(std::vector<Effect> &out)
{
    Impl &d = *m_impl;
    out.clear();
    if (d.effectsHead > 0) { // a pollEffect() loop was left half way
        d.effects.erase(d.effects.begin(),
                        d.effects.begin() + static_cast<std::ptrdiff_t>(d.effectsHead));
        d.effectsHead = 0;
    }
    out.swap(d.effects);
    // The swap hands the engine the caller's emptied buffer. One grown by a burst is not
    // kept: thousands of simulated engines must not each hold the largest burst any saw.
    constexpr std::size_t kKeptCapacity = 16;
    if (d.effects.capacity() > kKeptCapacity)
        std::vector<Effect>().swap(d.effects);
}

const Config &Engine::config() const
{
    return m_impl->config;
}

std::vector<MemberInfo> Engine::members() const
{
    std::vector<MemberInfo> out;
    out.reserve(static_cast<std::size_t>(m_impl->members.size()));
    m_impl->members.forEach([&](const MemberRecord &r) { out.push_back(m_impl->info(r)); });
    return out;
}

std::optional<MemberInfo> Engine::member(std::string_view name) const
{
    const MemberRecord *r = m_impl->members.find(name);
    if (!r)
        return std::nullopt;
    return m_impl->info(*r);
}

std::optional<MemberInfo> Engine::memberAt(const wire::Endpoint &address) const
{
    const MemberRecord *found = nullptr;
    m_impl->members.forEach([&](const MemberRecord &r) {
        // Byte-wise first (no copy: this runs over the whole table); the 4- versus 16-byte
        // forms of one IPv4 address only when the lengths differ.
        if (r.port() != address.port)
            return;
        const wire::SmallBytes &ip = r.addr();
        const bool same = ip.size() == address.ip.size()
                              ? std::equal(ip.begin(), ip.end(), address.ip.begin())
                              : r.endpoint().sameAddress(address);
        if (same)
            found = &r;
    });
    if (!found)
        return std::nullopt;
    return m_impl->info(*found);
}

int Engine::aliveCount() const
{
    return m_impl->members.liveCount();
}
int Engine::healthScore() const
{
    return m_impl->awareness.score();
}
bool Engine::hasLeft() const
{
    return m_impl->left;
}
EngineStats Engine::stats() const
{
    return m_impl->stats;
}

std::vector<ReconnectEntry> Engine::reconnectTargets() const
{
    return m_impl->reconnects.entries();
}

} // namespace grapevine::protocol
