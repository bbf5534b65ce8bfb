// Scenarios with faults: crash, stall, partition.
#include "death_watch.h"
#include "reconnector.h"
#include "scenario_support.h"

namespace grapevine::sim {

using namespace std::chrono_literals;

namespace {

int deadPairs(Simulator &sim)
{
    int dead = 0;
    for (NodeId id = 0; id < sim.size(); ++id) {
        if (auto *engine = sim.engine(id)) {
            for (const auto &member : engine->members())
                dead += member.state == wire::NodeState::Dead ? 1 : 0;
        }
    }
    return dead;
}

} // namespace

ScenarioResult runCrash(const ScenarioOptions &options)
{
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

ScenarioResult runStall(const ScenarioOptions &options)
{
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

ScenarioResult runPartition(const ScenarioOptions &options)
{
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
    result.deadAtHeal = deadPairs(sim);
    sim.heal();
    const protocol::TimePoint healedAt = sim.now();
    Reconnector reconnect(sim, options.reconnectInterval, deriveSeed(options.seed, 5));
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
