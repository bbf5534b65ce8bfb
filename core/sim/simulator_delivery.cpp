// The event side of Simulator: delivering events to engines and turning effects into events.
#include "core/protocol/engine_sim.h"
#include "core/wire/overloaded.h"
#include "core/wire/packet.h"
#include "core/wire/stream.h"
#include "simulator.h"

#include <algorithm>

namespace grapevine::sim {

namespace {

// What memberlist's compound framing adds: type + count, then a 2-byte length per part.
std::size_t packetSize(const protocol::SendPacket &packet)
{
    std::size_t size = packet.crc ? 5 : 0;
    for (const auto &message : packet.messages)
        size += wire::encodedSize(message);
    size += packet.piggybackBytes; // the engine summed them from the queue's sizes
    const std::size_t parts = packet.messages.size() + packet.piggyback.size();
    if (parts > 1)
        size += 2 + 2 * parts;
    return size;
}

} // namespace

void Simulator::dispatch(SimEvent event)
{
    ++m_recorder.counters().events;
    m_recorder.mix(std::uint64_t(m_now.count()));
    m_recorder.mix((std::uint64_t(event.index()) << 32) | targetOf(event));
    if (m_options.observer)
        m_options.observer->beforeCall(targetOf(event), m_now);
    std::visit(Overloaded{[this](PacketArrival &e) { onPacket(e); },
                          [this](StreamArrival &e) { onStreamArrival(e); },
                          [this](StreamReply &e) { onStreamReply(e); },
                          [this](StreamDeadline &e) { onStreamDeadline(e); },
                          [this](Wakeup &e) { onWakeup(e); }},
               event);
}

void Simulator::defer(Node &node, SimEvent &&event, std::size_t bytes)
{
    // A stalled process's socket buffer fills up; the kernel drops what does not fit.
    if (bytes > 0 && node.backlogBytes + bytes > m_options.receiveBufferBytes) {
        ++m_recorder.counters().bufferDrops;
        return;
    }
    node.backlogBytes += bytes;
    node.backlog.push_back(std::move(event));
}

bool Simulator::takePending(Node &node, std::uint64_t streamId)
{
    auto it = std::find(node.pendingStreams.begin(), node.pendingStreams.end(), streamId);
    if (it == node.pendingStreams.end())
        return false;
    node.pendingStreams.erase(it);
    return true;
}

void Simulator::onPacket(PacketArrival &event)
{
    Node &node = m_nodes[event.to];
    if (node.status == NodeStatus::Down) {
        ++m_recorder.counters().downDrops;
        return;
    }
    if (node.status == NodeStatus::Frozen) {
        const std::size_t bytes = std::max<std::size_t>(event.bytes, 1);
        return defer(node, std::move(event), bytes);
    }
    ++m_recorder.counters().packetsDelivered;
    if (m_options.observer)
        m_options.observer->packetArriving(
            {event.from, event.to, Carrier::Udp, event.messages, event.piggyback, event.bytes});
    protocol::EngineSim::handlePacket(*node.engine, m_now, nodeAddress(event.from), event.messages,
                                      event.piggyback);
    drain(event.to);
}

void Simulator::onStreamArrival(StreamArrival &event)
{
    Node &node = m_nodes[event.to];
    if (node.status == NodeStatus::Down)
        return; // the origin's deadline reports the failure
    if (!event.expectsReply) {
        // The kernel accepts and acknowledges the write even for a stalled process; that
        // completes a one-way stream (a replay after a thaw repeats it; takePending ignores it).
        if (auto back = m_network.routeStream(event.to, event.from); back.delivered())
            m_queue.push(m_now + back.delay,
                         StreamReply{event.from, event.fromEpoch, event.streamId, wire::UserMsg{},
                                     event.to});
    }
    const NodeId to = event.to;
    if (node.status == NodeStatus::Frozen)
        return defer(node, std::move(event), 0);
    if (m_options.observer)
        m_options.observer->packetArriving(
            {event.from, to, Carrier::Stream, std::span(&event.request, 1), {}, 0});
    auto reply = node.engine->handleStreamRequest(m_now, nodeAddress(event.from), event.request);
    drain(to);
    if (!event.expectsReply || !reply)
        return;
    std::size_t bytes = 0;
    if (!passFrame(*reply, bytes))
        return;
    m_recorder.counters().streamBytes += bytes;
    if (auto back = m_network.routeStream(to, event.from); back.delivered())
        m_queue.push(m_now + back.delay, StreamReply{event.from, event.fromEpoch, event.streamId,
                                                     std::move(*reply), to});
}

void Simulator::onStreamReply(StreamReply &event)
{
    Node &node = m_nodes[event.to];
    if (node.status == NodeStatus::Down || node.epoch != event.epoch)
        return;
    const NodeId to = event.to;
    if (node.status == NodeStatus::Frozen)
        return defer(node, std::move(event), 0);
    if (!takePending(node, event.streamId))
        return; // already timed out
    if (m_options.observer)
        m_options.observer->packetArriving(
            {event.from, to, Carrier::Stream, std::span(&event.reply, 1), {}, 0});
    node.engine->handleStreamReply(m_now, event.streamId, std::move(event.reply));
    drain(to);
}

void Simulator::onStreamDeadline(const StreamDeadline &event)
{
    Node &node = m_nodes[event.to];
    if (node.status == NodeStatus::Down || node.epoch != event.epoch)
        return;
    if (node.status == NodeStatus::Frozen)
        return defer(node, StreamDeadline(event), 0);
    if (!takePending(node, event.streamId))
        return; // completed in time
    ++m_recorder.counters().streamsFailed;
    node.engine->handleStreamReply(m_now, event.streamId,
                                   wire::makeError("stream timed out (peer down or partitioned)"));
    drain(event.to);
}

void Simulator::onWakeup(const Wakeup &event)
{
    Node &node = m_nodes[event.to];
    if (node.status != NodeStatus::Up || node.generation != event.generation)
        return; // stale: a newer wakeup replaced it, or the node stalled or crashed
    node.wakeupAt.reset();
    node.engine->handleTimeout(m_now);
    drain(event.to);
}

// --- effects ------------------------------------------------------------------------------

void Simulator::drain(NodeId id)
{
    Node &node = m_nodes[id];
    if (m_options.observer && node.engine)
        m_options.observer->afterCall(id, m_now);
    while (node.engine && node.engine->hasEffects()) {
        node.engine->drainEffects(m_effects);
        for (auto &effect : m_effects)
            handleEffect(id, std::move(effect));
        m_effects.clear();
        if (m_options.eagerPush && node.relay && node.relay->hasFresh()) {
            for (const auto &payload : node.relay->takeFresh())
                node.engine->pushUser(m_now, payload, m_config.gossipNodes);
        }
    }
    reschedule(id);
}

void Simulator::handleEffect(NodeId from, protocol::Effect &&effect)
{
    std::visit(Overloaded{[&](protocol::SendPacket &e) { sendPacket(from, std::move(e)); },
                          [&](protocol::OpenStream &e) { openStream(from, std::move(e)); },
                          [&](protocol::MemberChanged &e) {
                              if (m_options.observer)
                                  m_options.observer->memberChanged(from, e);
                              m_recorder.onMemberChanged(m_now, from, e);
                          },
                          [&](auto &) { m_recorder.mix(0x1000 + effect.index()); }},
               effect);
}

void Simulator::sendPacket(NodeId from, protocol::SendPacket &&packet)
{
    auto &counters = m_recorder.counters();
    ++counters.packetsSent;
    counters.messagesSent += packet.messages.size() + packet.piggyback.size();
    const auto to = nodeAt(packet.to);
    if (!to || *to >= m_nodes.size()) {
        ++counters.unroutable;
        return;
    }
    std::size_t bytes = packetSize(packet);
    if (m_options.useCodec) {
        packet.messages = protocol::takeParts(packet);
        if (!passPacketCodec(packet.messages, packet.crc, bytes))
            return;
    }
    counters.bytesSent += bytes;
    countUserMessages(packet);
    const Route route = m_network.routePacket(from, *to);
    if (m_options.observer)
        m_options.observer->packetSent(
            {from, *to, Carrier::Udp, packet.messages, packet.piggyback, bytes, route.drop});
    if (route.drop == DropReason::Loss) {
        ++counters.lost;
        return;
    }
    if (route.drop == DropReason::Partition) {
        ++counters.partitionDrops;
        return;
    }
    m_queue.push(m_now + route.delay, PacketArrival{*to, from, std::move(packet.messages), bytes,
                                                    std::move(packet.piggyback)});
}

void Simulator::countUserMessages(const protocol::SendPacket &packet)
{
    auto &counters = m_recorder.counters();
    const auto count = [&counters](const wire::Message &message) {
        if (!std::holds_alternative<wire::UserMsg>(message))
            return;
        ++counters.userMessagesSent;
        counters.userBytesSent += wire::encodedSize(message);
    };
    for (const auto &message : packet.messages)
        count(message);
    for (const auto &message : packet.piggyback)
        count(*message);
}

void Simulator::openStream(NodeId from, protocol::OpenStream &&stream)
{
    Node &node = m_nodes[from];
    ++m_recorder.counters().streamsOpened;
    if (std::holds_alternative<wire::UserMsg>(stream.request)) {
        ++m_recorder.counters().userMessagesSent;
        m_recorder.counters().userBytesSent += wire::encodedSize(stream.request);
    }
    node.pendingStreams.push_back(stream.id);
    m_queue.push(std::max(stream.deadline, m_now), StreamDeadline{from, node.epoch, stream.id});
    const auto to = nodeAt(stream.to);
    if (!to || *to >= m_nodes.size()) {
        ++m_recorder.counters().unroutable;
        return;
    }
    std::size_t bytes = 0;
    if (!passFrame(stream.request, bytes))
        return;
    m_recorder.counters().streamBytes += bytes;
    const Route route = m_network.routeStream(from, *to);
    if (m_options.observer)
        m_options.observer->packetSent(
            {from, *to, Carrier::Stream, std::span(&stream.request, 1), {}, bytes, route.drop});
    if (!route.delivered())
        return; // connect times out: the deadline reports it
    m_queue.push(m_now + route.delay,
                 StreamArrival{*to, from, node.epoch, stream.id, std::move(stream.request),
                               stream.expectsReply});
}

void Simulator::reschedule(NodeId id)
{
    Node &node = m_nodes[id];
    if (node.status != NodeStatus::Up || !node.engine)
        return;
    const auto deadline = node.engine->nextDeadline();
    if (!deadline)
        return;
    const protocol::TimePoint at = std::max(*deadline, m_now);
    // An earlier live wakeup stays; it re-reads nextDeadline() when it fires.
    if (node.wakeupAt && *node.wakeupAt <= at)
        return;
    node.wakeupAt = at;
    m_queue.push(at, Wakeup{id, ++node.generation});
}

// Seals the packet with wire's real UDP pipeline (compound, LZW when smaller, CRC) and opens
// it again, as two transports would; counts the datagram's bytes. False (and an error
// counted) when the packet does not survive.
bool Simulator::passPacketCodec(std::vector<wire::Message> &messages, bool crc, std::size_t &bytes)
{
    wire::PacketOptions options;
    options.crc = crc;
    const wire::Bytes datagram = wire::sealPacket(messages, options, {});
    bytes = datagram.size();
    auto opened = wire::openPacket(datagram, options);
    if (datagram.empty() || !opened || !opened->partErrors.empty() || opened->truncatedParts > 0) {
        ++m_recorder.counters().codecErrors;
        return false;
    }
    messages = std::move(opened->messages);
    return true;
}

// One stream frame through wire's TCP framing (Go compresses every frame), or just its
// size when the codec is off.
bool Simulator::passFrame(wire::Message &message, std::size_t &bytes)
{
    if (!m_options.useCodec) {
        bytes += wire::encodedSize(message);
        return true;
    }
    const wire::StreamOptions options;
    const wire::Bytes frame = wire::encodeFrame(message, options, {});
    bytes += frame.size();
    auto decoded = wire::decodeFrame(frame, options);
    if (frame.empty() || !decoded) {
        ++m_recorder.counters().codecErrors;
        return false;
    }
    message = std::move(decoded).value();
    return true;
}

} // namespace grapevine::sim
