// probe.cpp — SWIM failure detection with Lifeguard (memberlist state.go probe/probeNode):
// round-robin target, direct ping (buddy compound for suspects), indirect pings with
// nacks, the TCP fallback, awareness updates, and suspicion on failure. §9.6, §8.2.
//
// memberlist blocks one goroutine per probe; here the probe is a ProbeState advanced by
// three inputs: the ack (any stage), ProbeTimeout (go indirect) and ProbeExpire (decide).
#include "engine_impl.h"

#include <algorithm>

namespace grapevine::protocol {

void Engine::Impl::onProbeTick(TimePoint now)
{
    if (left)
        return;
    if (probe) {
        probePending = true; // like Go's ticker channel: one buffered tick, the rest dropped
        return;
    }
    runProbe(now);
}

void Engine::Impl::runProbe(TimePoint now)
{
    if (left)
        return;
    const auto removed = [this, now](const MemberRecord &r) {
        emit(MemberChanged{MemberEventKind::Removed, info(r)});
        onReaped(now, r);
    };
    const MemberRecord *target =
        members.nextProbeTarget(now, config.gossipToTheDeadTime, self, rng, removed);
    if (target)
        startProbe(now, *target);
}

void Engine::Impl::startProbe(TimePoint now, const MemberRecord &target)
{
    ProbeState p;
    p.seq = ++seq;
    p.target = target.name();
    p.targetAddr = target.endpoint();
    p.targetIncarnation = target.incarnation();
    p.targetPmax = target.pmax();
    p.ping =
        wire::Ping{p.seq, target.name(), config.advertise.ip, config.advertise.port, config.name};
    p.start = now;
    probe = p;
    ++stats.probes;
    observe([&] {
        return Observation{.at = now, .kind = ObservationKind::ProbeSent, .member = p.target};
    });
    if (target.state() == wire::NodeState::Alive) {
        sendWithPiggyback(p.targetAddr, p.target, p.ping);
    } else {
        // Buddy system: tell the suspect it is suspected so it can refute at once.
        wire::Suspect accusation{target.incarnation(), target.name(), config.name};
        emit(SendPacket{p.targetAddr, p.target, {p.ping, accusation}, target.pmax() >= 5, {}, 0});
    }
    // The direct wait is not scaled by awareness; the whole probe's lifetime is.
    timers.schedule(now + config.probeTimeout, {{}, TimerKind::ProbeTimeout, p.seq, {}});
    timers.schedule(now + awareness.scaleTimeout(config.probeInterval),
                    {{}, TimerKind::ProbeExpire, p.seq, {}});
}

void Engine::Impl::onProbeTimeout(TimePoint now, std::uint32_t probeSeq)
{
    if (!probe || probe->seq != probeSeq || probe->indirect)
        return;
    probe->indirect = true;
    observe([&] {
        return Observation{.at = now, .kind = ObservationKind::AckMissed, .member = probe->target};
    });
    sendIndirectPings(now, members.find(probe->target));
    if (!config.disableTcpPings && probe->targetPmax >= 3)
        startTcpFallback(now);
}

void Engine::Impl::sendIndirectPings(TimePoint now, const MemberRecord *target)
{
    const auto relays =
        members.randomMembers(config.indirectChecks, rng, [this, target](const MemberRecord &r) {
            return &r != self && &r != target && r.name() != probe->target &&
                   r.state() == wire::NodeState::Alive;
        });
    for (const MemberRecord *relay : relays) {
        const bool nack = relay->pmax() >= 4;
        probe->expectedNacks += nack ? 1 : 0;
        ++probe->relaysAsked;
        wire::IndirectPing req{
            probe->seq, probe->targetAddr.ip, probe->targetAddr.port, probe->target,
            nack,       config.advertise.ip,  config.advertise.port,  config.name};
        sendWithPiggyback(relay->endpoint(), relay->name(), req);
        if (observer) {
            probe->relays.emplace_back(relay->endpoint(), relay->name());
            observe([&] {
                return Observation{.at = now,
                                   .kind = ObservationKind::IndirectProbeSent,
                                   .member = probe->target,
                                   .peer = relay->name()};
            });
        }
    }
}

void Engine::Impl::startTcpFallback(TimePoint now)
{
    observe([&] {
        return Observation{.at = now,
                           .kind = ObservationKind::ProbeSent,
                           .member = probe->target,
                           .path = ProbePath::Tcp};
    });
    const std::uint64_t id = ++nextStreamId;
    streams[id] = PendingStream{StreamPurpose::PingFallback, 0, probe->seq, probe->target};
    OpenStream open;
    open.id = id;
    open.to = probe->targetAddr;
    open.toName = probe->target;
    open.purpose = StreamPurpose::PingFallback;
    open.request = probe->ping; // the same ping as the UDP probe it backs up
    open.deadline = probe->start + awareness.scaleTimeout(config.probeInterval);
    emit(std::move(open));
}

void Engine::Impl::onFallbackReply(TimePoint now, const PendingStream &stream,
                                   const wire::Result<wire::Message> &reply)
{
    if (!probe || probe->seq != stream.seq || !reply.ok())
        return; // failing to dial is "no contact", not an error
    const auto *ack = std::get_if<wire::Ack>(&reply.value());
    if (!ack || ack->seqNo != stream.seq)
        return;
    probe->tcpContacted = true; // judged at expiry, after the UDP acks had their chance
    observe([&] {
        return Observation{.at = now,
                           .kind = ObservationKind::AckReceived,
                           .member = probe->target,
                           .path = ProbePath::Tcp,
                           .rtt = now - probe->start};
    });
}

void Engine::Impl::onProbeExpire(TimePoint now, std::uint32_t probeSeq)
{
    if (!probe || probe->seq != probeSeq)
        return;
    finishProbe(now, probe->tcpContacted ? ProbeOutcome::TcpAck : ProbeOutcome::Failed,
                Duration{-1});
}

void Engine::Impl::finishProbe(TimePoint now, ProbeOutcome outcome, Duration rtt)
{
    const ProbeState p = std::move(*probe);
    probe.reset();
    ProbeFinished done{p.target, outcome, rtt.count() >= 0 ? rtt : Duration{}, p.nacks,
                       p.relaysAsked};
    if (outcome != ProbeOutcome::Failed) {
        applyAwareness(now, -1, HealthCause::ProbeAcked, p.target);
        MemberRecord *rec = members.find(p.target);
        if (rec && rtt.count() >= 0) {
            members.setRtt(*rec, rtt);
            memberEvent(MemberEventKind::Updated, *rec);
        }
    } else {
        // With nack-capable relays, missing nacks blame us rather than the target (§8.2).
        const int delta = p.expectedNacks > 0 ? std::max(0, p.expectedNacks - p.nacks) : 1;
        observe([&] {
            return Observation{.at = now,
                               .kind = ObservationKind::ProbeFailed,
                               .member = p.target,
                               .nacks = p.nacks,
                               .relaysAsked = p.relaysAsked};
        });
        applyAwareness(now, delta,
                       p.expectedNacks > 0 ? HealthCause::MissedNacks : HealthCause::ProbeFailed,
                       p.target);
        ++stats.probeFailures;
        onSuspect(now, wire::Suspect{p.targetIncarnation, p.target, config.name});
    }
    emit(std::move(done));
    if (probePending) {
        probePending = false;
        runProbe(now);
    }
}

// The name of the relay at `from` among those the current probe asked (empty: not one).
std::string Engine::Impl::relayAt(const wire::Endpoint &from) const
{
    if (probe)
        for (const auto &[endpoint, name] : probe->relays)
            if (endpoint == from)
                return name;
    return {};
}

} // namespace grapevine::protocol
