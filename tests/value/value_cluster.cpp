#include "value_cluster.h"

#include "core/sim/sim_address.h"
#include "core/value/limits.h"

#include <chrono>

namespace grapevine::test {

using namespace std::chrono_literals;

ValueCluster::ValueCluster(std::uint64_t seed, sim::LinkModel link, bool plainValues)
    : m_seed(seed)
    , m_plainValues(plainValues)
    , m_network(link, seed)
{
}

ValueCluster::~ValueCluster() = default;

void PlainProgram::notifyUserMessage(protocol::TimePoint, const wire::Endpoint &,
                                     wire::ByteView payload)
{
    const std::string text(payload.begin(), payload.end());
    if (value::isValidUtf8(text))
        m_last = text;
    else
        ++m_envelopes; // what a plain program that checks UTF-8 skips
}

namespace {

protocol::Config configFor(sim::NodeId id)
{
    protocol::Config config = protocol::Config::forProfile(protocol::Profile::Lan);
    config.name = sim::nodeName(id);
    config.advertise = sim::nodeAddress(id);
    return config;
}

} // namespace

sim::NodeId ValueCluster::addNode()
{
    const auto id = static_cast<sim::NodeId>(m_nodes.size());
    Node node;
    node.value = std::make_unique<value::SharedValue>(sim::nodeName(id), m_plainValues);
    return start(std::move(node), configFor(id));
}

sim::NodeId ValueCluster::addPlainNode()
{
    Node node;
    node.plain = std::make_unique<PlainProgram>();
    return start(std::move(node), configFor(static_cast<sim::NodeId>(m_nodes.size())));
}

sim::NodeId ValueCluster::start(Node node, protocol::Config config)
{
    const auto id = static_cast<sim::NodeId>(m_nodes.size());
    protocol::Delegate *delegate =
        node.value ? static_cast<protocol::Delegate *>(node.value.get()) : node.plain.get();
    node.engine =
        std::make_unique<protocol::Engine>(config, sim::deriveSeed(m_seed, id + 1), delegate);
    if (node.value)
        node.value->attach(node.engine.get());
    m_nodes.push_back(std::move(node));
    touch(id);
    m_nodes[id].engine->start(m_now);
    afterCall(id);
    return id;
}

void ValueCluster::setPlain(sim::NodeId node, const std::string &text)
{
    m_nodes[node].engine->broadcastUser(wire::toBytes(text), "plain");
    afterCall(node);
}

void ValueCluster::inject(sim::NodeId to, const wire::Endpoint &from,
                          std::vector<wire::Message> messages)
{
    touch(to);
    m_nodes[to].engine->handlePacket(m_now, from, messages);
    afterCall(to);
}

void ValueCluster::join(sim::NodeId node, sim::NodeId seed)
{
    touch(node);
    m_nodes[node].engine->join(m_now, {sim::nodeAddress(seed)});
    afterCall(node);
}

std::optional<std::string> ValueCluster::set(sim::NodeId node, std::string value)
{
    touch(node);
    auto err = m_nodes[node].value->set(m_now, m_now / 1ms, std::move(value));
    afterCall(node);
    return err;
}

void ValueCluster::touch(sim::NodeId id)
{
    if (m_nodes[id].value)
        m_nodes[id].value->setWallClockMs(m_now / 1ms);
}

void ValueCluster::afterCall(sim::NodeId id)
{
    Node &node = m_nodes[id];
    if (node.value)
        node.value->flush(m_now);
    for (protocol::Effect &effect : node.engine->drainEffects())
        handleEffect(id, effect);
    const auto deadline = node.engine->nextDeadline();
    if (deadline && deadline != node.wakeupAt) {
        node.wakeupAt = deadline;
        m_queue.push(std::max(*deadline, m_now), sim::Wakeup{id, ++node.generation});
    }
}

void ValueCluster::handleEffect(sim::NodeId id, protocol::Effect &effect)
{
    if (auto *packet = std::get_if<protocol::SendPacket>(&effect))
        sendPacket(id, *packet);
    else if (auto *stream = std::get_if<protocol::OpenStream>(&effect))
        openStream(id, *stream);
}

void ValueCluster::sendPacket(sim::NodeId from, protocol::SendPacket &packet)
{
    const auto to = sim::nodeAt(packet.to);
    if (!to || *to >= m_nodes.size())
        return;
    const sim::Route route = m_network.routePacket(from, *to);
    if (route.delivered())
        m_queue.push(m_now + route.delay,
                     sim::PacketArrival{*to, from, protocol::takeParts(packet), 0});
}

void ValueCluster::openStream(sim::NodeId from, protocol::OpenStream &stream)
{
    m_nodes[from].pendingStreams.insert(stream.id);
    m_queue.push(std::max(stream.deadline, m_now), sim::StreamDeadline{from, 0, stream.id});
    const auto to = sim::nodeAt(stream.to);
    if (!to || *to >= m_nodes.size())
        return; // nobody there: the deadline reports the failure
    const sim::Route route = m_network.routeStream(from, *to);
    if (route.delivered())
        m_queue.push(m_now + route.delay,
                     sim::StreamArrival{*to, from, 0, stream.id, std::move(stream.request),
                                        stream.expectsReply});
}

void ValueCluster::onStreamArrival(sim::StreamArrival &event)
{
    touch(event.to);
    auto reply = m_nodes[event.to].engine->handleStreamRequest(m_now, sim::nodeAddress(event.from),
                                                               event.request);
    afterCall(event.to);
    if (!event.expectsReply) {
        finishStream(event.from, event.streamId, wire::Message{wire::UserMsg{}});
        return;
    }
    const sim::Route route = m_network.routeStream(event.to, event.from);
    if (reply && route.delivered())
        m_queue.push(m_now + route.delay,
                     sim::StreamReply{event.from, 0, event.streamId, std::move(*reply)});
}

void ValueCluster::finishStream(sim::NodeId id, std::uint64_t streamId,
                                const wire::Result<wire::Message> &outcome)
{
    Node &node = m_nodes[id];
    if (node.pendingStreams.erase(streamId) == 0)
        return; // already reported (reply raced the deadline)
    touch(id);
    node.engine->handleStreamReply(m_now, streamId, outcome);
    afterCall(id);
}

void ValueCluster::dispatch(sim::SimEvent &event)
{
    if (auto *p = std::get_if<sim::PacketArrival>(&event)) {
        for (const wire::Message &m : p->messages)
            m_userDelivered += std::holds_alternative<wire::UserMsg>(m) ? 1 : 0;
        touch(p->to);
        m_nodes[p->to].engine->handlePacket(m_now, sim::nodeAddress(p->from), p->messages);
        afterCall(p->to);
    } else if (auto *a = std::get_if<sim::StreamArrival>(&event)) {
        onStreamArrival(*a);
    } else if (auto *r = std::get_if<sim::StreamReply>(&event)) {
        finishStream(r->to, r->streamId, wire::Result<wire::Message>(std::move(r->reply)));
    } else if (auto *d = std::get_if<sim::StreamDeadline>(&event)) {
        finishStream(d->to, d->streamId, wire::makeError("stream timed out"));
    } else if (auto *w = std::get_if<sim::Wakeup>(&event)) {
        Node &node = m_nodes[w->to];
        if (w->generation != node.generation)
            return; // superseded by a later deadline
        node.wakeupAt.reset();
        touch(w->to);
        node.engine->handleTimeout(m_now);
        afterCall(w->to);
    }
}

void ValueCluster::runUntil(protocol::TimePoint until)
{
    while (!m_queue.empty() && m_queue.nextTime() <= until) {
        auto [at, event] = m_queue.pop();
        m_now = at;
        dispatch(event);
    }
    m_now = until;
}

bool ValueCluster::runUntilTrue(const std::function<bool()> &done, protocol::Duration step,
                                protocol::TimePoint limit)
{
    while (!done()) {
        if (m_now >= limit)
            return false;
        runUntil(std::min(m_now + step, limit));
    }
    return true;
}

bool ValueCluster::allSee(int members) const
{
    for (const Node &n : m_nodes)
        if (n.engine->aliveCount() != members)
            return false;
    return true;
}

int ValueCluster::holding(const value::Version &version) const
{
    int count = 0;
    for (const Node &n : m_nodes)
        count += n.value && n.value->current().version == version ? 1 : 0;
    return count;
}

bool ValueCluster::allHold(const value::Version &version) const
{
    int grapevine = 0;
    for (const Node &n : m_nodes)
        grapevine += n.value ? 1 : 0;
    return holding(version) == grapevine;
}

} // namespace grapevine::test
