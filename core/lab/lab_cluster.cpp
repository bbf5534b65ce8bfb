#include "lab_cluster.h"

#include <algorithm>
#include <chrono>

namespace grapevine::lab {

using namespace std::chrono_literals;

namespace {

std::int64_t virtualMs(TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
}

// How far apart nodes start joining in a "joining" start: 10 ms, or 10 s over the cluster.
Duration joinStagger(int nodes)
{
    return std::min<Duration>(10ms, Duration(10s) / std::max(nodes, 1));
}

// A story is complete once every node that counts holds it, at the last of their infections
// (among the nodes that count).
template <typename Story, typename Counts>
void markCompleteWhenAllHold(Story &story, int nodes, const Counts &counts)
{
    if (story.empty() || story.completeAt())
        return;
    for (NodeId id = 0; id < NodeId(nodes); ++id) {
        if (counts(id) && !story.holds(id))
            return;
    }
    TimePoint last = story.startedAt();
    for (const Infection &infection : story.infections()) {
        if (counts(infection.node))
            last = std::max(last, infection.at);
    }
    story.markComplete(last);
}

} // namespace

const char *lifeName(NodeLife life)
{
    switch (life) {
    case NodeLife::Up:
        return "up";
    case NodeLife::Stalled:
        return "stalled";
    case NodeLife::Crashed:
        return "crashed";
    case NodeLife::Left:
        return "left";
    }
    return "?";
}

LabCluster::LabCluster(LabScenario scenario)
    : m_scenario(std::move(scenario))
{
    build();
}

LabCluster::~LabCluster() = default;

void LabCluster::build()
{
    const LabSetup &setup = m_scenario.setup;
    sim::SimOptions options;
    options.profile = setup.profile;
    options.seed = setup.seed;
    options.link = setup.effectiveLink();
    options.observer = this;
    options.observerFor = [this](NodeId id) -> protocol::Observer * {
        return m_watched == id ? &m_observations : nullptr;
    };
    options.makeDelegate = [this](NodeId id) { return makeValue(id); };
    options.attachDelegate = [](NodeId, protocol::Engine &engine, protocol::Delegate &app) {
        static_cast<value::SharedValue &>(app).attach(&engine);
    };
    const auto n = std::size_t(setup.nodes);
    m_stallSerial.assign(n, 0);
    m_arrival.assign(n, std::nullopt);
    m_sim = std::make_unique<sim::Simulator>(std::move(options));
    for (std::size_t i = 0; i < n; ++i)
        m_sim->addNode();
    if (setup.start == StartMode::Formed) {
        m_sim->formAtOnce();
        return;
    }
    const Duration stagger = joinStagger(setup.nodes);
    for (NodeId id = 1; id < n; ++id)
        m_pending.emplace(TimePoint(stagger * (id - 1)), Pending{Pending::Kind::Join, id, 0});
}

std::unique_ptr<protocol::Delegate> LabCluster::makeValue(NodeId id)
{
    auto value = std::make_unique<value::SharedValue>(sim::nodeName(id), false);
    if (auto it = m_persisted.find(id); it != m_persisted.end())
        value->restore(it->second.entry, it->second.clock);
    return value;
}

// --- time ---------------------------------------------------------------------------------

std::optional<TimePoint> LabCluster::nextScheduled() const
{
    std::optional<TimePoint> next;
    if (!m_pending.empty())
        next = m_pending.begin()->first;
    if (m_next < m_scenario.actions.size()) {
        const TimePoint at = m_scenario.actions[m_next].at;
        next = next ? std::min(*next, at) : at;
    }
    return next;
}

void LabCluster::runUntil(TimePoint until)
{
    while (const auto next = nextScheduled()) {
        if (*next > until)
            break;
        m_sim->runUntil(*next);
        applyDue(*next);
    }
    m_sim->runUntil(until);
    checkComplete();
}

bool LabCluster::stepEvent()
{
    std::optional<TimePoint> next = m_sim->nextEventTime();
    if (const auto scheduled = nextScheduled())
        next = next ? std::min(*next, *scheduled) : scheduled;
    if (!next)
        return false;
    runUntil(std::max(*next, now()));
    return true;
}

void LabCluster::applyDue(TimePoint at)
{
    checkComplete();
    while (!m_pending.empty() && m_pending.begin()->first <= at) {
        const Pending pending = m_pending.begin()->second;
        m_pending.erase(m_pending.begin());
        applyPending(pending);
    }
    while (m_next < m_scenario.actions.size() && m_scenario.actions[m_next].at <= at) {
        apply(m_scenario.actions[m_next]); // a recording replays as it was made, refusals too
        ++m_next;
    }
    checkComplete();
}

void LabCluster::applyPending(const Pending &pending)
{
    if (pending.kind == Pending::Kind::Join) {
        m_sim->join(pending.node, 0);
        return;
    }
    if (m_stallSerial[pending.node] == pending.serial)
        m_sim->unfreeze(pending.node);
}

// --- actions ------------------------------------------------------------------------------

std::optional<std::string> LabCluster::perform(LabAction action)
{
    action.at = now();
    if (auto err = check(action))
        return err;
    checkComplete();
    if (auto err = apply(action))
        return err;
    m_scenario.actions.resize(m_next);
    m_scenario.actions.push_back(std::move(action));
    ++m_next;
    checkComplete();
    return std::nullopt;
}

std::optional<std::string> LabCluster::check(const LabAction &action) const
{
    const auto n = NodeId(size());
    if (action.node >= n || action.peer >= n)
        return "no such node";
    for (const auto &group : action.groups) {
        for (NodeId id : group) {
            if (id >= n)
                return "no such node";
        }
    }
    const std::string name = sim::nodeName(action.node);
    const NodeLife state = life(action.node);
    switch (action.kind) {
    case ActionKind::SetValue:
    case ActionKind::Leave:
        if (state != NodeLife::Up)
            return name + " is " + lifeName(state);
        break;
    case ActionKind::Crash:
    case ActionKind::Stall:
        if (state == NodeLife::Crashed || state == NodeLife::Stalled)
            return name + " is " + lifeName(state);
        break;
    default:
        break;
    }
    if (action.kind == ActionKind::Stall && action.duration <= Duration::zero())
        return "a stall needs a positive duration";
    return std::nullopt;
}

std::optional<std::string> LabCluster::apply(const LabAction &action)
{
    if (action.kind == ActionKind::SetValue) {
        std::optional<std::string> refused;
        m_sim->command(action.node, [&](protocol::Engine &, TimePoint now) {
            value::SharedValue *v = mutableValue(action.node);
            v->setWallClockMs(virtualMs(now));
            refused = v->set(now, virtualMs(now), action.text);
        });
        return refused;
    }
    switch (action.kind) {
    case ActionKind::Crash:
    case ActionKind::Stall:
    case ActionKind::Restart:
    case ActionKind::Leave:
        applyNodeAction(action);
        break;
    default:
        applyNetworkAction(action);
    }
    return std::nullopt;
}

void LabCluster::applyNodeAction(const LabAction &action)
{
    const NodeId id = action.node;
    switch (action.kind) {
    case ActionKind::Crash:
        persist(id);
        m_sim->crash(id);
        break;
    case ActionKind::Stall:
        m_sim->freeze(id);
        m_stallSerial[id] = ++m_serials;
        m_pending.emplace(now() + action.duration, Pending{Pending::Kind::Thaw, id, m_serials});
        break;
    case ActionKind::Restart:
        persist(id);
        m_stallSerial[id] = 0; // a pending thaw belongs to the old process
        m_sim->restart(id, seedFor(id));
        break;
    case ActionKind::Leave:
        m_sim->leave(id);
        break;
    default:
        break;
    }
}

void LabCluster::applyNetworkAction(const LabAction &action)
{
    sim::LinkModel link = m_sim->network().link();
    switch (action.kind) {
    case ActionKind::Loss:
        link.loss = action.loss;
        return m_sim->setLink(link);
    case ActionKind::Latency:
        link.latency = action.duration;
        return m_sim->setLink(link);
    case ActionKind::Jitter:
        link.jitter = action.duration;
        return m_sim->setLink(link);
    case ActionKind::Link:
        return m_sim->setLinkOverride(action.node, action.peer, action.link);
    case ActionKind::Unlink:
        return m_sim->clearLinkOverride(action.node, action.peer);
    case ActionKind::Split: {
        std::vector<int> groupOf(std::size_t(size()), 0);
        for (std::size_t g = 0; g < action.groups.size(); ++g) {
            for (NodeId id : action.groups[g])
                groupOf[id] = int(g) + 1;
        }
        return m_sim->partition(std::move(groupOf));
    }
    case ActionKind::Heal:
        return m_sim->heal();
    default:
        return;
    }
}

void LabCluster::persist(NodeId node)
{
    if (const value::SharedValue *v = value(node))
        m_persisted[node] = {v->current(), v->clock()};
}

NodeId LabCluster::seedFor(NodeId node) const
{
    for (NodeId id = 0; id < NodeId(size()); ++id) {
        if (id != node && life(id) == NodeLife::Up)
            return id;
    }
    return node == 0 ? 1 : 0;
}

void LabCluster::checkComplete()
{
    const auto counts = [this](NodeId id) {
        const NodeLife state = life(id);
        return state != NodeLife::Crashed && state != NodeLife::Left;
    };
    markCompleteWhenAllHold(m_rumor, size(), counts);
    markCompleteWhenAllHold(m_membership, size(),
                            [&](NodeId id) { return id != m_membership.subject() && counts(id); });
}

// --- observation --------------------------------------------------------------------------

NodeLife LabCluster::life(NodeId node) const
{
    switch (m_sim->status(node)) {
    case sim::NodeStatus::Down:
        return NodeLife::Crashed;
    case sim::NodeStatus::Frozen:
        return NodeLife::Stalled;
    case sim::NodeStatus::Up:
        break;
    }
    const protocol::Engine *engine = m_sim->engine(node);
    return engine && engine->hasLeft() ? NodeLife::Left : NodeLife::Up;
}

value::SharedValue *LabCluster::mutableValue(NodeId node)
{
    return static_cast<value::SharedValue *>(m_sim->appDelegate(node));
}

const value::SharedValue *LabCluster::value(NodeId node) const
{
    const sim::Simulator &sim = *m_sim;
    return static_cast<const value::SharedValue *>(sim.appDelegate(node));
}

std::optional<wire::NodeState> LabCluster::viewOf(NodeId observer, NodeId subject) const
{
    const protocol::Engine *engine = std::as_const(*m_sim).engine(observer);
    if (!engine)
        return std::nullopt;
    const auto member = engine->member(sim::nodeName(subject));
    if (!member)
        return std::nullopt;
    return member->state;
}

int LabCluster::health(NodeId node) const
{
    const protocol::Engine *engine = std::as_const(*m_sim).engine(node);
    return engine ? engine->healthScore() : -1;
}

std::vector<protocol::MemberInfo> LabCluster::members(NodeId node) const
{
    const protocol::Engine *engine = std::as_const(*m_sim).engine(node);
    return engine ? engine->members() : std::vector<protocol::MemberInfo>{};
}

int LabCluster::groupOf(NodeId node) const
{
    const auto &groups = m_sim->network().groups();
    return node < groups.size() ? groups[node] : 0;
}

LabScenario LabCluster::recording() const
{
    LabScenario copy = m_scenario;
    copy.until = std::max(now(), m_scenario.until);
    return copy;
}

void LabCluster::followMember(NodeId subject)
{
    m_membership.follow(subject);
    m_subjectName = sim::nodeName(subject);
}

void LabCluster::watch(std::optional<NodeId> node)
{
    if (m_watched)
        setObserver(*m_watched, nullptr);
    m_watched = node;
    m_packets.clear();
    m_observations.clear();
    if (m_watched)
        setObserver(*m_watched, &m_observations);
}

void LabCluster::setObserver(NodeId node, protocol::Observer *observer)
{
    if (protocol::Engine *engine = m_sim->engine(node))
        engine->setObserver(observer);
}

std::vector<LabPacket> LabCluster::takePackets()
{
    std::vector<LabPacket> out(std::make_move_iterator(m_packets.begin()),
                               std::make_move_iterator(m_packets.end()));
    m_packets.clear();
    return out;
}

// --- sim::SimObserver ---------------------------------------------------------------------

void LabCluster::beforeCall(NodeId node, TimePoint now)
{
    if (value::SharedValue *v = mutableValue(node))
        v->setWallClockMs(virtualMs(now));
}

void LabCluster::afterCall(NodeId node, TimePoint now)
{
    value::SharedValue *v = mutableValue(node);
    if (!v)
        return;
    v->flush(now);
    const std::optional<Arrival> arrival = std::exchange(m_arrival[node], std::nullopt);
    m_handlingNode = node;
    m_handling = arrival;
    for (const value::Applied &applied : v->takeApplied()) {
        InfectionPath path = InfectionPath::Origin;
        std::optional<NodeId> from;
        if (applied.source == value::AppliedSource::Restored) {
            path = InfectionPath::Restored;
        } else if (applied.source != value::AppliedSource::LocalSet && arrival) {
            path = applied.source == value::AppliedSource::PushPull ? InfectionPath::PushPull
                                                                    : arrival->path;
            from = arrival->from;
        }
        m_rumor.onApplied(node, applied.entry.version, applied.entry.value, now, from, path);
    }
}

void LabCluster::packetArriving(const sim::PacketSeen &packet)
{
    InfectionPath path = InfectionPath::Gossip;
    if (packet.carrier == sim::Carrier::Stream)
        path = InfectionPath::PushPull;
    else if (std::any_of(
                 packet.messages.begin(), packet.messages.end(),
                 [](const wire::Message &m) { return std::holds_alternative<wire::UserMsg>(m); }))
        path = InfectionPath::EagerPush;
    m_arrival[packet.to] = Arrival{packet.from, path};
    if (m_watched == packet.to)
        record(false, packet);
}

void LabCluster::memberChanged(NodeId node, const protocol::MemberChanged &change)
{
    if (change.member.name != m_subjectName)
        return;
    std::optional<NodeId> from;
    InfectionPath path = InfectionPath::Origin; // its own detection, or the subject itself
    if (node != m_membership.subject() && node == m_handlingNode && m_handling) {
        from = m_handling->from;
        path = m_handling->path == InfectionPath::PushPull ? InfectionPath::PushPull
                                                           : InfectionPath::Gossip;
    }
    m_membership.onChanged(node, change.member.state, change.member.incarnation, now(), from, path);
}

void LabCluster::packetSent(const sim::PacketSeen &packet)
{
    if (m_watched == packet.from)
        record(true, packet);
}

void LabCluster::record(bool outgoing, const sim::PacketSeen &packet)
{
    LabPacket copy;
    copy.at = now();
    copy.outgoing = outgoing;
    copy.peer = outgoing ? packet.to : packet.from;
    copy.carrier = packet.carrier;
    copy.messages.assign(packet.messages.begin(), packet.messages.end());
    for (const protocol::SharedMessage &broadcast : packet.piggyback)
        copy.messages.push_back(*broadcast);
    copy.bytes = packet.bytes;
    copy.drop = packet.drop;
    if (m_packets.size() >= kMaxPackets)
        m_packets.pop_front();
    m_packets.push_back(std::move(copy));
}

} // namespace grapevine::lab
