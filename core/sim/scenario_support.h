// scenario_support.h — the pieces every scenario shares: building the simulator from the
// options, forming the cluster, picking nodes from the seed. Internal to core/sim.
#pragma once

#include "scenario.h"
#include "simulator.h"

namespace grapevine::sim {

SimOptions simOptionsFor(const ScenarioOptions &options);

// Adds options.nodes nodes; node i starts at i * stagger and joins node 0. Runs until every
// node sees all of them alive (sets result.converged / convergedS) or until `limit`
// (default: convergeLimit after the last join).
void formCluster(Simulator &sim, const ScenarioOptions &options, ScenarioResult &result,
                 std::optional<protocol::TimePoint> limit = std::nullopt);

ScenarioResult runJoin(const ScenarioOptions &options);
ScenarioResult runBroadcast(const ScenarioOptions &options);
ScenarioResult runCrash(const ScenarioOptions &options);
ScenarioResult runStall(const ScenarioOptions &options);
ScenarioResult runPartition(const ScenarioOptions &options);
ScenarioResult runValue(const ScenarioOptions &options);
ScenarioResult emptyResult(const ScenarioOptions &options);

// A node other than node 0 (the join seed), chosen from the seed.
NodeId pickVictim(const ScenarioOptions &options, std::uint64_t salt);

double seconds(protocol::Duration duration);

// Copies the simulator's final state (time, counters, hash, failure) into the result.
void finish(const Simulator &sim, ScenarioResult &result);

} // namespace grapevine::sim
