#include "simulator.h"
#include "core/protocol/engine_sim.h"

#include <algorithm>
#include <stdexcept>

namespace grapevine::sim {

namespace {
// More events than this at one instant means engines keep asking to run "now" again.
constexpr std::uint64_t kMaxEventsAtOneInstant = 5'000'000;
} // namespace

Simulator::Simulator(SimOptions options)
    : m_options(std::move(options))
    , m_config(protocol::Config::forProfile(m_options.profile))
    , m_arena(std::make_unique<protocol::SharedArena>())
    , m_network(m_options.link.value_or(LinkModel::forProfile(m_options.profile)), m_options.seed)
{
    if (m_options.configure)
        m_options.configure(m_config);
}

Simulator::~Simulator() = default;

// --- the world ----------------------------------------------------------------------------

void Simulator::makeEngine(NodeId id)
{
    Node &node = m_nodes[id];
    protocol::Config config = m_config;
    config.name = nodeName(id);
    config.advertise = nodeAddress(id);
    node.relay = nullptr;
    if (m_options.makeDelegate) {
        node.app = m_options.makeDelegate(id);
    } else {
        auto relay = std::make_unique<RelayDelegate>(m_options.relay, m_options.eagerPush);
        node.relay = relay.get();
        node.app = std::move(relay);
    }
    const std::uint64_t seed = deriveSeed(m_options.seed, (std::uint64_t(node.epoch) << 32) | id);
    node.engine = protocol::EngineSim::make(std::move(config), seed, node.app.get(), *m_arena);
    if (node.relay)
        node.relay->attach(node.engine.get());
    if (m_options.attachDelegate && node.app)
        m_options.attachDelegate(id, *node.engine, *node.app);
    if (m_options.observerFor)
        node.engine->setObserver(m_options.observerFor(id));
    node.status = NodeStatus::Up;
    m_recorder.resetView(id);
    node.engine->start(m_now);
    drain(id);
}

NodeId Simulator::addNode()
{
    if (m_nodes.size() >= kMaxNodes)
        throw std::length_error("too many simulated nodes");
    const auto id = NodeId(m_nodes.size());
    m_nodes.emplace_back();
    m_recorder.addNode();
    makeEngine(id);
    return id;
}

void Simulator::join(NodeId node, NodeId seed)
{
    if (m_nodes[node].status != NodeStatus::Up)
        return;
    m_nodes[node].engine->join(m_now, {nodeAddress(seed)});
    drain(node);
}

void Simulator::formAtOnce()
{
    // Each node's own alive, as its engine announces it; interned, so every engine holds
    // the one object (the same one the node itself holds).
    std::vector<protocol::SharedMessage> alives;
    for (Node &node : m_nodes) {
        if (node.status != NodeStatus::Up)
            continue;
        const auto self = node.engine->member(node.engine->config().name);
        if (!self)
            continue;
        const wire::Alive alive{self->incarnation,
                                self->name,
                                wire::SmallBytes(self->address.ip.begin(), self->address.ip.end()),
                                self->address.port,
                                self->meta,
                                wire::SmallBytes(self->vsn.begin(), self->vsn.end())};
        alives.push_back(m_arena->interner->intern(alive));
    }
    for (NodeId id = 0; id < m_nodes.size(); ++id) {
        if (m_nodes[id].status != NodeStatus::Up)
            continue;
        protocol::EngineSim::adoptMembers(*m_nodes[id].engine, m_now, alives);
        drain(id);
    }
}

void Simulator::leave(NodeId node)
{
    if (m_nodes[node].status != NodeStatus::Up)
        return;
    m_nodes[node].engine->leave(m_now);
    drain(node);
}

void Simulator::broadcast(NodeId origin, const wire::Bytes &payload)
{
    Node &node = m_nodes[origin];
    if (node.status != NodeStatus::Up)
        return;
    if (node.relay)
        node.relay->markOrigin(m_now, payload);
    node.engine->broadcastUser(payload, wire::toString(payload));
    if (m_options.eagerPush)
        node.engine->pushUser(m_now, payload, m_config.gossipNodes);
    drain(origin);
}

void Simulator::command(NodeId node,
                        const std::function<void(protocol::Engine &, protocol::TimePoint)> &fn)
{
    if (m_nodes[node].status != NodeStatus::Up)
        return;
    fn(*m_nodes[node].engine, m_now);
    drain(node);
}

void Simulator::crash(NodeId id)
{
    Node &node = m_nodes[id];
    node.engine.reset();
    node.app.reset();
    node.relay = nullptr;
    node.status = NodeStatus::Down;
    node.pendingStreams.clear();
    node.backlog.clear();
    node.backlogBytes = 0;
    node.wakeupAt.reset();
    ++node.generation;
}

void Simulator::restart(NodeId id, NodeId seed)
{
    crash(id);
    ++m_nodes[id].epoch;
    makeEngine(id);
    join(id, seed);
}

void Simulator::freeze(NodeId id)
{
    Node &node = m_nodes[id];
    if (node.status != NodeStatus::Up)
        return;
    node.status = NodeStatus::Frozen;
    node.wakeupAt.reset();
    ++node.generation;
}

void Simulator::unfreeze(NodeId id)
{
    Node &node = m_nodes[id];
    if (node.status != NodeStatus::Frozen)
        return;
    node.status = NodeStatus::Up;
    // What queued up while stalled runs first, in arrival order, then the overdue timers.
    for (auto &event : node.backlog)
        m_queue.push(m_now, std::move(event));
    node.backlog.clear();
    node.backlogBytes = 0;
    node.wakeupAt = m_now;
    m_queue.push(m_now, Wakeup{id, ++node.generation});
}

void Simulator::partition(std::vector<int> groupOf)
{
    m_network.partition(std::move(groupOf));
}

void Simulator::heal()
{
    m_network.heal();
}

// --- time ---------------------------------------------------------------------------------

bool Simulator::runUntil(protocol::TimePoint until)
{
    protocol::TimePoint instant = m_now;
    std::uint64_t atInstant = 0;
    while (m_failure.empty() && !m_queue.empty() && m_queue.nextTime() <= until) {
        auto [at, event] = m_queue.pop();
        atInstant = at == instant ? atInstant + 1 : 0;
        instant = at;
        if (atInstant > kMaxEventsAtOneInstant)
            m_failure = "livelock: too many events at t=" + std::to_string(at.count()) + "ns";
        m_now = at;
        // The next events' engines are cold in cache (thousands of them): ask for the one
        // after next's first lines, and for what those lines point at in the next one's
        // (asked for one event ago), so it all arrives while this event runs.
        if (!m_queue.empty()) {
            if (const protocol::Engine *next = m_nodes[m_queue.nextTarget()].engine.get())
                protocol::EngineSim::prefetchDeep(*next);
            if (const auto second = m_queue.secondTarget())
                if (const protocol::Engine *after = m_nodes[*second].engine.get())
                    protocol::EngineSim::prefetch(*after);
        }
        dispatch(std::move(event));
    }
    m_now = std::max(m_now, until);
    return m_failure.empty();
}

bool Simulator::runUntilTrue(const std::function<bool()> &done, protocol::Duration step,
                             protocol::TimePoint limit)
{
    while (!done()) {
        if (m_now >= limit || !runUntil(std::min(limit, m_now + step)))
            return done();
    }
    return true;
}

// --- observation --------------------------------------------------------------------------

std::size_t Simulator::liveCount() const
{
    return std::size_t(std::count_if(m_nodes.begin(), m_nodes.end(),
                                     [](const Node &n) { return n.status != NodeStatus::Down; }));
}

const RelayDelegate *Simulator::delegate(NodeId node) const
{
    return m_nodes[node].relay;
}

bool Simulator::allSee(int count) const
{
    for (NodeId id = 0; id < m_nodes.size(); ++id) {
        if (m_nodes[id].status != NodeStatus::Down && m_recorder.aliveSeenBy(id) != count)
            return false;
    }
    return true;
}

int Simulator::viewMismatches()
{
    int mismatches = 0;
    for (NodeId id = 0; id < m_nodes.size(); ++id) {
        const auto &engine = m_nodes[id].engine;
        if (engine && engine->aliveCount() != m_recorder.aliveSeenBy(id))
            ++mismatches;
    }
    return mismatches;
}

} // namespace grapevine::sim
