// Scenarios with faults: crash, stall, partition.
#include "scenario_support.h"

#include <algorithm>
#include <random>

namespace grapevine::sim {

using namespace std::chrono_literals;

namespace {

// Watches the death records for one subject and counts distinct observers.
class DeathWatch {
public:
    DeathWatch(const Recorder &recorder, NodeId subject, std::size_t nodes)
        : m_recorder(recorder)
        , m_subject(subject)
        , m_next(recorder.deaths().size())
        , m_seen(nodes, false) {}

    int update() {
        const auto &deaths = m_recorder.deaths();
        for (; m_next < deaths.size(); ++m_next) {
            const DeathRecord &d = deaths[m_next];
            if (d.subject != m_subject || m_seen[d.observer])
                continue;
            m_seen[d.observer] = true;
            ++m_count;
            m_first = m_first.value_or(d.at);
            m_last = d.at;
        }
        return m_count;
    }
    [[nodiscard]] std::optional<protocol::TimePoint> first() const { return m_first; }
    [[nodiscard]] protocol::TimePoint last() const { return m_last; }

private:
    const Recorder &m_recorder;
    NodeId m_subject;
    std::size_t m_next;
    std::vector<bool> m_seen;
    int m_count = 0;
    std::optional<protocol::TimePoint> m_first;
    protocol::TimePoint m_last{};
};

// Every member of every live view is alive (suspects do not count, unlike Simulator::allSee).
bool everyoneSeesEveryoneAlive(Simulator &sim, int n) {
    if (!sim.allSee(n))
        return false;
    for (NodeId id = 0; id < sim.size(); ++id) {
        auto *engine = sim.engine(id);
        if (!engine)
            continue;
        for (const auto &member : engine->members()) {
            if (member.state != wire::NodeState::Alive)
                return false;
        }
    }
    return true;
}

// Serf's reconnect loop, run for every node: each ReconnectInterval (first one at a random
// offset) join one random member the node holds as dead.
class Reconnector {
public:
    Reconnector(Simulator &sim, const ScenarioOptions &options)
        : m_sim(sim)
        , m_interval(options.reconnectInterval)
        , m_rng(deriveSeed(options.seed, 5)) {
        for (NodeId id = 0; id < sim.size(); ++id)
            m_due.push_back(sim.now() + protocol::Duration(std::int64_t(
                                            m_rng() % std::uint64_t(m_interval.count() + 1))));
    }

    void tick() {
        for (NodeId id = 0; id < m_sim.size(); ++id) {
            if (m_sim.now() < m_due[id])
                continue;
            m_due[id] += m_interval;
            if (auto peer = randomFailedPeer(id))
                m_sim.join(id, *peer);
        }
    }

private:
    std::optional<NodeId> randomFailedPeer(NodeId id) {
        auto *engine = m_sim.engine(id);
        if (!engine)
            return std::nullopt;
        std::vector<NodeId> failed;
        for (const auto &member : engine->members()) {
            const auto peer = parseNodeName(member.name);
            if (peer && (member.state == wire::NodeState::Dead ||
                         member.state == wire::NodeState::Left))
                failed.push_back(*peer);
        }
        if (failed.empty())
            return std::nullopt;
        return failed[m_rng() % failed.size()];
    }

    Simulator &m_sim;
    protocol::Duration m_interval;
    std::mt19937_64 m_rng;
    std::vector<protocol::TimePoint> m_due;
};

} // namespace

ScenarioResult runCrash(const ScenarioOptions &options) {
    Simulator sim(simOptionsFor(options));
    ScenarioResult result = emptyResult(options);
    formCluster(sim, options, result);
    if (!result.converged) {
        finish(sim, result);
        return result;
    }
    sim.runFor(2s);
    const NodeId victim = pickVictim(options, 3);
    const protocol::Duration bound = crashDetectionBound(sim.config(), options.nodes);
    result.detectBoundS = seconds(bound);
    result.observers = int(sim.liveCount()) - 1;
    DeathWatch watch(sim.recorder(), victim, sim.size());
    const protocol::TimePoint crashedAt = sim.now();
    sim.crash(victim);
    sim.runUntilTrue([&] { return watch.update() >= result.observers; }, 10ms,
                     crashedAt + bound + 30s);
    result.detectedBy = watch.update();
    if (watch.first())
        result.detectFirstS = seconds(*watch.first() - crashedAt);
    if (result.detectedBy >= result.observers)
        result.detectAllS = seconds(watch.last() - crashedAt);
    finish(sim, result);
    return result;
}

ScenarioResult runStall(const ScenarioOptions &options) {
    Simulator sim(simOptionsFor(options));
    ScenarioResult result = emptyResult(options);
    formCluster(sim, options, result);
    if (!result.converged) {
        finish(sim, result);
        return result;
    }
    sim.runFor(2s);
    const NodeId victim = pickVictim(options, 4);
    const std::size_t before = sim.recorder().deaths().size();
    const protocol::TimePoint end = sim.now() + options.duration.value_or(60s);
    while (sim.now() < end && sim.failure().empty()) {
        sim.freeze(victim);
        sim.runFor(options.stallFor);
        sim.unfreeze(victim);
        sim.runFor(options.stallGap);
        ++result.stalls;
    }
    // Suspicions raised during the last stall may still expire: wait out the longest one.
    sim.runFor(suspicionTimeouts(sim.config(), options.nodes).second + 5s);
    const auto &deaths = sim.recorder().deaths();
    for (std::size_t i = before; i < deaths.size(); ++i) {
        if (deaths[i].subject == victim)
            ++result.stalledDeaths;
        else
            ++result.falsePositives;
    }
    finish(sim, result);
    return result;
}

ScenarioResult runPartition(const ScenarioOptions &options) {
    Simulator sim(simOptionsFor(options));
    ScenarioResult result = emptyResult(options);
    formCluster(sim, options, result);
    if (!result.converged) {
        finish(sim, result);
        return result;
    }
    sim.runFor(2s);
    std::vector<int> groupOf(sim.size());
    for (std::size_t i = 0; i < groupOf.size(); ++i)
        groupOf[i] = i < groupOf.size() / 2 ? 0 : 1;
    const std::size_t before = sim.recorder().deaths().size();
    sim.partition(std::move(groupOf));
    sim.runFor(options.partitionHold);
    result.partitionDeaths = int(sim.recorder().deaths().size() - before);
    sim.heal();
    const protocol::TimePoint healedAt = sim.now();
    Reconnector reconnect(sim, options);
    const int n = options.nodes;
    const bool healed = sim.runUntilTrue(
        [&] {
            reconnect.tick();
            return everyoneSeesEveryoneAlive(sim, n);
        },
        100ms, healedAt + options.convergeLimit);
    if (healed)
        result.healS = seconds(sim.now() - healedAt);
    else
        result.failure = "the partition did not heal (seed " + std::to_string(options.seed) + ")";
    finish(sim, result);
    return result;
}

} // namespace grapevine::sim
