// Scenarios without faults: join and broadcast; and the dispatcher.
#include "scenario_support.h"

namespace grapevine::sim {

using namespace std::chrono_literals;

namespace {

bool reachedAll(const Simulator &sim, const std::string &key)
{
    for (NodeId id = 0; id < sim.size(); ++id) {
        const auto *delegate = sim.delegate(id);
        if (delegate && !delegate->firstSeen(key))
            return false;
    }
    return true;
}

// Milliseconds from the broadcast to each live node's first delivery (origin excluded).
std::vector<double> reachTimes(const Simulator &sim, const std::string &key, NodeId origin,
                               protocol::TimePoint sentAt)
{
    std::vector<double> reach;
    for (NodeId id = 0; id < sim.size(); ++id) {
        const auto *delegate = sim.delegate(id);
        if (id == origin || !delegate)
            continue;
        if (auto at = delegate->firstSeen(key))
            reach.push_back(seconds(*at - sentAt) * 1000.0);
    }
    return reach;
}

} // namespace

ScenarioResult runScenario(const ScenarioOptions &options)
{
    switch (options.kind) {
    case ScenarioKind::Join:
        return runJoin(options);
    case ScenarioKind::Broadcast:
        return runBroadcast(options);
    case ScenarioKind::Crash:
        return runCrash(options);
    case ScenarioKind::Stall:
        return runStall(options);
    case ScenarioKind::Partition:
        return runPartition(options);
    case ScenarioKind::Value:
        return runValue(options);
    }
    return emptyResult(options);
}

ScenarioResult runJoin(const ScenarioOptions &options)
{
    Simulator sim(simOptionsFor(options));
    ScenarioResult result = emptyResult(options);
    std::optional<protocol::TimePoint> limit;
    if (options.duration)
        limit = protocol::TimePoint{*options.duration};
    formCluster(sim, options, result, limit);
    // A scale run keeps going for the whole requested time, converged or not.
    if (options.duration) {
        sim.runUntil(protocol::TimePoint{*options.duration});
        if (!result.converged)
            result.failure.clear(); // reported as converged = false, not as an error
    }
    finish(sim, result);
    return result;
}

ScenarioResult runBroadcast(const ScenarioOptions &options)
{
    Simulator sim(simOptionsFor(options));
    ScenarioResult result = emptyResult(options);
    formCluster(sim, options, result);
    if (!result.converged) {
        finish(sim, result);
        return result;
    }
    sim.runFor(1s); // let the join's own gossip die down first
    const NodeId origin = pickVictim(options, 2);
    const wire::Bytes payload = wire::toBytes("bcast-" + std::to_string(options.seed));
    const std::string key = wire::toString(payload);
    const protocol::TimePoint sentAt = sim.now();
    sim.broadcast(origin, payload);
    result.reachTargets = int(sim.liveCount()) - 1;
    sim.runUntilTrue([&] { return reachedAll(sim, key); }, 50ms,
                     sentAt + options.duration.value_or(60s));
    result.reachMs = reachTimes(sim, key, origin, sentAt);
    finish(sim, result);
    return result;
}

} // namespace grapevine::sim
