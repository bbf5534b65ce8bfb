// The value scenario: core/value's SharedValue (the delegate a real Node runs) on every
// simulated node, flushed after every engine call as a Node flushes it. A set every
// setInterval from a node chosen by the seed; each node's first holding of the set's version
// (or a newer one) is timed where it happens, in the flush after the engine call that
// applied it, so a step size never rounds the figures.
#include "core/value/shared_value.h"
#include "scenario_support.h"
#include "sim_observer.h"

#include <algorithm>

namespace grapevine::sim {

using namespace std::chrono_literals;

namespace {

// The nodes' SharedValues and, for the set being watched, when each first held it. The
// simulator's observer seam is where a Node's flush-after-every-engine-call happens.
struct ValueWatch final : SimObserver {
    std::vector<value::SharedValue *> values; // by node id
    std::vector<std::optional<protocol::TimePoint>> heldAt;
    value::Version target; // null: nothing watched

    void attach(NodeId id, protocol::Engine &engine, protocol::Delegate &delegate)
    {
        auto &shared = static_cast<value::SharedValue &>(delegate);
        shared.attach(&engine);
        if (values.size() <= id) {
            values.resize(id + 1, nullptr);
            heldAt.resize(id + 1);
        }
        values[id] = &shared;
    }

    void afterCall(NodeId id, protocol::TimePoint now) override
    {
        value::SharedValue &shared = *values[id];
        shared.setWallClockMs(now / 1ms);
        shared.flush(now);
        shared.takeApplied(); // nobody shows them; only what is held matters here
        if (!heldAt[id] && !target.isNull() && shared.current().version >= target)
            heldAt[id] = now;
    }
};

SimOptions valueSimOptions(const ScenarioOptions &options, ValueWatch &watch)
{
    SimOptions sim = simOptionsFor(options);
    sim.makeDelegate = [](NodeId id) -> std::unique_ptr<protocol::Delegate> {
        return std::make_unique<value::SharedValue>(nodeName(id), /*plainValues=*/false);
    };
    sim.attachDelegate = [&watch](NodeId id, protocol::Engine &engine,
                                  protocol::Delegate &delegate) {
        watch.attach(id, engine, delegate);
    };
    sim.observer = &watch;
    return sim;
}

ValueSetOutcome oneSet(Simulator &sim, ValueWatch &watch, const ScenarioOptions &options, int round)
{
    const auto setter =
        NodeId(deriveSeed(options.seed, 0x76616c7565ULL + std::uint64_t(round)) % sim.size());
    std::fill(watch.heldAt.begin(), watch.heldAt.end(), std::nullopt);
    const SimCounters before = sim.counters();
    const protocol::TimePoint setAt = sim.now();
    sim.command(setter, [&](protocol::Engine &, protocol::TimePoint now) {
        (void)watch.values[setter]->set(now, now / 1ms, "value-" + std::to_string(round));
    });
    watch.target = watch.values[setter]->current().version;
    watch.heldAt[setter] = setAt;
    // The whole interval runs, so the bytes include the gossip that follows the epidemic.
    sim.runUntil(setAt + options.setInterval);

    ValueSetOutcome outcome;
    for (NodeId id = 0; id < sim.size(); ++id) {
        if (sim.status(id) == NodeStatus::Down || id == setter)
            continue;
        if (watch.heldAt[id])
            outcome.nodeMs.push_back(seconds(*watch.heldAt[id] - setAt) * 1000.0);
        else
            ++outcome.missed;
    }
    if (outcome.missed == 0)
        outcome.completionMs = outcome.nodeMs.empty() ? 0.0
                                                      : *std::max_element(outcome.nodeMs.begin(),
                                                                          outcome.nodeMs.end());
    outcome.userBytes = sim.counters().userBytesSent - before.userBytesSent;
    outcome.bytes = sim.counters().bytesSent - before.bytesSent;
    watch.target = {};
    return outcome;
}

} // namespace

ScenarioResult runValue(const ScenarioOptions &options)
{
    ValueWatch watch;
    Simulator sim(valueSimOptions(options, watch));
    ScenarioResult result = emptyResult(options);
    formCluster(sim, options, result);
    if (!result.converged) {
        finish(sim, result);
        return result;
    }
    sim.runFor(1s); // let the join's own gossip die down first
    for (int round = 0; round < options.rounds && sim.failure().empty(); ++round)
        result.valueSets.push_back(oneSet(sim, watch, options, round));
    finish(sim, result);
    return result;
}

} // namespace grapevine::sim
