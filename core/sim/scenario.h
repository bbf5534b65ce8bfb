// scenario.h — the canned experiments grapevine-sim and the sim tests run.
// Owns: scenario options and results, and runScenario(), which builds a Simulator from the
// options, forms a cluster (every node joins node 0, staggered) and runs one experiment:
//   join       converged_s: from the first start until every node sees N alive
//   broadcast  reach per node (first delivery of one user payload, relayed epidemically)
//   crash      detect_first_s / detect_all_s: crash -> first / last live node marks it dead
//   stall      false_positives: healthy nodes declared dead while one node stalls 2 s at a time
//   partition  heal_s: from lifting a two-halves split until everyone sees everyone alive
//              (not suspect), with Serf-style reconnects to failed members after the heal
//              (the engines' own reconnect tick and, for members still listed, Reconnector)
//   value      the real shared value (core/value's SharedValue on every node): `rounds` sets
//              from seeded nodes, one every setInterval; per set, when each node first held
//              it, when the last one did (completion), who missed it, and what it cost
// Never: reads a real clock; results depend on the options alone.
#pragma once

#include <functional>

#include "core/protocol/config.h"
#include "core/protocol/observation.h"
#include "recorder.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace grapevine::sim {

enum class ScenarioKind { Join, Broadcast, Crash, Stall, Partition, Value };
std::optional<ScenarioKind> parseScenario(std::string_view text);
const char *scenarioName(ScenarioKind kind);

struct ScenarioOptions {
    ScenarioKind kind = ScenarioKind::Join;
    int nodes = 30;
    std::uint64_t seed = 1;
    protocol::Profile profile = protocol::Profile::Lan;
    std::optional<double> loss;                // default 0
    std::optional<protocol::Duration> latency; // default: LinkModel::forProfile
    // Join: total simulated time (runs on after convergence). Stall: length of the stalling.
    std::optional<protocol::Duration> duration;
    bool useCodec = false;
    bool eagerPush = false;
    std::optional<protocol::Duration> joinStagger; // default min(10 ms, 10 s / N)
    // Start formed (Simulator::formAtOnce) instead of every node joining node 0: no join
    // storm, so converged_s is 0 and large clusters reach their steady state at once.
    bool formedStart = false;
    protocol::Duration convergeLimit = std::chrono::seconds(300);
    protocol::Duration stallFor = std::chrono::seconds(2);
    protocol::Duration stallGap = std::chrono::seconds(2);
    protocol::Duration partitionHold = std::chrono::seconds(20);
    // memberlist never retries members it declared dead; the layer above does (Serf's
    // reconnect: every ReconnectInterval, 30 s by default, join one random failed member).
    protocol::Duration reconnectInterval = std::chrono::seconds(30);
    // value: how many sets, and the time from one to the next (a node that does not hold a
    // set's value when the next set is made missed it).
    int rounds = 20;
    protocol::Duration setInterval = std::chrono::seconds(2);
    // Called once when the cluster has formed (every node sees every other alive), with the
    // simulated time; never if it did not form. Lets a caller time the join storm apart from
    // what follows (core/sim reads no clock itself).
    std::function<void(protocol::TimePoint)> onFormed;
    // Every engine of the run reports its observations here (null: nobody listens).
    // grapevine-sim --observe counts them, to measure what listening costs.
    protocol::Observer *observer = nullptr;
};

// One set of the value scenario.
struct ValueSetOutcome {
    std::vector<double> nodeMs;         // each other node: ms from the set to its first holding it
    std::optional<double> completionMs; // the last node's, when every live node held it
    int missed = 0;                     // live nodes that did not hold it by the next set
    std::uint64_t userBytes = 0;        // user-message bytes sent by all nodes meanwhile
    std::uint64_t bytes = 0;            // every UDP byte sent by all nodes meanwhile
};

struct ScenarioResult {
    ScenarioKind kind = ScenarioKind::Join;
    int nodes = 0;
    std::uint64_t seed = 0;
    double simSeconds = 0;
    bool converged = false;
    double convergedS = 0;
    // broadcast: ms from the broadcast to each other live node's first delivery
    std::vector<double> reachMs;
    int reachTargets = 0;
    // crash
    std::optional<double> detectFirstS, detectAllS;
    int detectedBy = 0, observers = 0;
    double detectBoundS = 0;
    // stall
    int falsePositives = 0, stalledDeaths = 0, stalls = 0;
    // partition
    std::optional<double> healS;
    int partitionDeaths = 0;
    // (viewer, member) pairs still held as dead when the split is lifted. Zero after a split
    // longer than GossipToTheDeadTime: every death was reaped, so only the engines' reconnect
    // lists (Config::reconnectTimeout) know whom to try.
    int deadAtHeal = 0;
    // value
    std::vector<ValueSetOutcome> valueSets;

    SimCounters counters;
    std::uint64_t traceHash = 0;
    std::string failure; // empty when the run completed

    [[nodiscard]] double reachedFraction() const;
};

ScenarioResult runScenario(const ScenarioOptions &options);

// Lifeguard's suspicion timeout range (min, max) for a cluster of n (memberlist util.go
// suspicionTimeout: SuspicionMult × max(1, log10(n)) × ProbeInterval, max = MaxTimeoutMult × min).
std::pair<protocol::Duration, protocol::Duration> suspicionTimeouts(const protocol::Config &config,
                                                                    int n);

// memberlist's bound for "every live node marks a crashed node dead", from config.go and
// util.go's formulas (see scenario_support.cpp for the derivation), for a cluster of n.
protocol::Duration crashDetectionBound(const protocol::Config &config, int n);

// Percentile (0..100) of values by nearest rank; 0 when empty.
double percentile(std::vector<double> values, double pct);

} // namespace grapevine::sim
