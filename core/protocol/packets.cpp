// packets.cpp — one received UDP packet: the dispatch switch and the handlers that answer
// (ping → ack, indirect ping → relay, ack/nack matching, user messages).
// Follows memberlist net.go handleCommand / handlePing / handleIndirectPing / handleAck.
#include "engine_impl.h"

#include <algorithm>

namespace grapevine::protocol {
namespace {

// Acks go to SourceAddr:SourcePort only when both are set (§2.2); else to the UDP source.
wire::Endpoint replyAddress(const wire::Endpoint &from, const wire::Bytes &sourceAddr,
                            std::uint16_t sourcePort)
{
    if (!sourceAddr.empty() && sourcePort > 0)
        return wire::Endpoint{sourceAddr, sourcePort};
    return from;
}

} // namespace

void Engine::Impl::handlePacket(TimePoint now, const wire::Endpoint &from,
                                const std::vector<wire::Message> &messages)
{
    if (!started)
        return;
    for (const wire::Message &m : messages)
        handleMessage(now, from, m);
}

void Engine::Impl::handleMessage(TimePoint now, const wire::Endpoint &from, const wire::Message &m)
{
    switch (wire::typeOf(m)) {
    case wire::MessageType::Ping:
        onPing(from, std::get<wire::Ping>(m));
        break;
    case wire::MessageType::IndirectPing:
        onIndirectPing(now, from, std::get<wire::IndirectPing>(m));
        break;
    case wire::MessageType::Ack:
        onAck(now, from, std::get<wire::Ack>(m));
        break;
    case wire::MessageType::Nack:
        onNack(now, from, std::get<wire::Nack>(m));
        break;
    case wire::MessageType::Suspect:
        onSuspect(now, std::get<wire::Suspect>(m));
        break;
    case wire::MessageType::Alive:
        onAliveMessage(now, std::get<wire::Alive>(m));
        break;
    case wire::MessageType::Dead:
        onDead(now, std::get<wire::Dead>(m));
        break;
    case wire::MessageType::User:
        onUser(now, from, std::get<wire::UserMsg>(m));
        break;
    default:
        break; // push/pull and errors only travel on streams
    }
}

void Engine::Impl::onAliveMessage(TimePoint now, const wire::Alive &alive)
{
    const std::uint16_t port = portOrOwn(alive.port);
    if (port == alive.port) {
        onAlive(now, alive, false);
        return;
    }
    // Port 0 or protocol 1: stored and re-gossiped with the port filled in (a copy, so the
    // store no longer takes it for the message as it arrived).
    wire::Alive fixed = alive;
    fixed.port = port;
    onAlive(now, fixed, false);
}

void Engine::Impl::onPing(const wire::Endpoint &from, const wire::Ping &ping)
{
    if (!ping.node.empty() && ping.node != config.name)
        return; // meant for a previous owner of this address
    sendWithPiggyback(replyAddress(from, ping.sourceAddr, ping.sourcePort), ping.sourceNode,
                      wire::Ack{ping.seqNo, delegate ? delegate->ackPayload() : wire::Bytes{}});
}

void Engine::Impl::onIndirectPing(TimePoint now, const wire::Endpoint &from,
                                  const wire::IndirectPing &req)
{
    const std::uint32_t relaySeq = ++seq;
    relays[relaySeq] = RelayState{replyAddress(from, req.sourceAddr, req.sourcePort),
                                  req.sourceNode, req.seqNo, req.nack};
    wire::Ping ping{relaySeq, req.node, config.advertise.ip, config.advertise.port, config.name};
    sendWithPiggyback(wire::Endpoint{req.target, portOrOwn(req.port)}, req.node, ping);
    timers.schedule(now + config.probeTimeout, {{}, TimerKind::RelayExpire, relaySeq, {}});
}

void Engine::Impl::onRelayExpire(std::uint32_t relaySeq)
{
    auto it = relays.find(relaySeq);
    if (it == relays.end())
        return;
    const RelayState relay = std::move(it->second);
    relays.erase(it);
    if (relay.nack)
        sendWithPiggyback(relay.requester, relay.requesterName, wire::Nack{relay.requesterSeq});
}

void Engine::Impl::onAck(TimePoint now, const wire::Endpoint &from, const wire::Ack &ack)
{
    if (probe && probe->seq == ack.seqNo) {
        observe([&] {
            // A relay forwards its target's ack: then `from` is that relay.
            const std::string relay = probe->indirect ? relayAt(from) : std::string();
            return Observation{.at = now,
                               .kind = ObservationKind::AckReceived,
                               .member = probe->target,
                               .peer = relay,
                               .path = relay.empty() ? ProbePath::Direct : ProbePath::Indirect,
                               .rtt = now - probe->start};
        });
        if (probe->indirect) {
            finishProbe(now, ProbeOutcome::IndirectAck, Duration{-1});
        } else {
            if (delegate)
                delegate->notifyPingComplete(now, probe->target, now - probe->start, ack.payload);
            finishProbe(now, ProbeOutcome::DirectAck, now - probe->start);
        }
        return;
    }
    auto it = relays.find(ack.seqNo);
    if (it == relays.end())
        return; // late or unknown: acks are matched by sequence number only
    const RelayState relay = std::move(it->second);
    relays.erase(it);
    sendWithPiggyback(relay.requester, relay.requesterName, wire::Ack{relay.requesterSeq, {}});
}

void Engine::Impl::onNack(TimePoint now, const wire::Endpoint &from, const wire::Nack &nack)
{
    if (!probe || probe->seq != nack.seqNo)
        return;
    ++probe->nacks;
    observe([&] {
        return Observation{.at = now,
                           .kind = ObservationKind::NackReceived,
                           .member = probe->target,
                           .peer = relayAt(from)};
    });
}

void Engine::Impl::onUser(TimePoint now, const wire::Endpoint &from, const wire::UserMsg &msg)
{
    if (delegate && !msg.payload.empty())
        delegate->notifyUserMessage(now, from, msg.payload);
}

} // namespace grapevine::protocol
