#include "scenario_support.h"

#include <algorithm>
#include <cmath>

namespace grapevine::sim {

using namespace std::chrono_literals;

std::optional<ScenarioKind> parseScenario(std::string_view text)
{
    for (auto kind : {ScenarioKind::Join, ScenarioKind::Broadcast, ScenarioKind::Crash,
                      ScenarioKind::Stall, ScenarioKind::Partition, ScenarioKind::Value}) {
        if (text == scenarioName(kind))
            return kind;
    }
    return std::nullopt;
}

const char *scenarioName(ScenarioKind kind)
{
    switch (kind) {
    case ScenarioKind::Join:
        return "join";
    case ScenarioKind::Broadcast:
        return "broadcast";
    case ScenarioKind::Crash:
        return "crash";
    case ScenarioKind::Stall:
        return "stall";
    case ScenarioKind::Partition:
        return "partition";
    case ScenarioKind::Value:
        return "value";
    }
    return "?";
}

double ScenarioResult::reachedFraction() const
{
    return reachTargets == 0 ? 0.0 : double(reachMs.size()) / double(reachTargets);
}

double percentile(std::vector<double> values, double pct)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double rank = std::ceil(pct / 100.0 * double(values.size()));
    const auto index = std::size_t(std::clamp(rank, 1.0, double(values.size()))) - 1;
    return values[index];
}

// Every live node marks a crashed node dead within the sum of:
//  - (n-1)·2 probe intervals: each prober walks a shuffled round-robin list, so the victim
//    is probed at the latest at the end of the pass after the current one;
//  - one probe interval: direct ping, indirect pings and the TCP fallback all end by then;
//  - the suspicion max timeout, SuspicionMaxTimeoutMult × SuspicionMult ×
//    max(1, log10(n)) × ProbeInterval (what an unconfirmed suspicion waits; every node that
//    hears "suspect" runs its own timer, and hears it within the dissemination window);
//  - the dissemination window, RetransmitMult·⌈log10(n+1)⌉ gossip intervals: the dead (or
//    suspect) broadcast has used up its transmissions by then.
std::pair<protocol::Duration, protocol::Duration> suspicionTimeouts(const protocol::Config &config,
                                                                    int n)
{
    // memberlist: Duration(mult) * Duration(nodeScale*1000) * interval / 1000 (integers).
    const auto milli = std::int64_t(std::max(1.0, std::log10(double(std::max(1, n)))) * 1000.0);
    const protocol::Duration minTimeout =
        config.probeInterval * config.suspicionMult * milli / 1000;
    return {minTimeout, minTimeout * config.suspicionMaxTimeoutMult};
}

protocol::Duration crashDetectionBound(const protocol::Config &config, int n)
{
    const auto maxTimeout = suspicionTimeouts(config, n).second;
    const auto limit = config.retransmitMult * int(std::ceil(std::log10(double(n) + 1.0)));
    return config.probeInterval * (2 * (n - 1) + 1) + maxTimeout + config.gossipInterval * limit;
}

SimOptions simOptionsFor(const ScenarioOptions &options)
{
    SimOptions sim;
    sim.profile = options.profile;
    sim.seed = options.seed;
    LinkModel link = LinkModel::forProfile(options.profile);
    if (options.latency) {
        link.latency = *options.latency;
        link.jitter = *options.latency / 4;
    }
    link.loss = options.loss.value_or(0.0);
    sim.link = link;
    sim.useCodec = options.useCodec;
    sim.eagerPush = options.eagerPush;
    if (protocol::Observer *observer = options.observer)
        sim.observerFor = [observer](NodeId) { return observer; };
    return sim;
}

void formCluster(Simulator &sim, const ScenarioOptions &options, ScenarioResult &result,
                 std::optional<protocol::TimePoint> limit)
{
    const int n = std::max(1, options.nodes);
    const protocol::Duration stagger = options.joinStagger.value_or(std::min<protocol::Duration>(
        10ms, std::chrono::duration_cast<protocol::Duration>(10s) / n));
    const protocol::TimePoint start = sim.now();
    if (options.formedStart) {
        for (int i = 0; i < n; ++i)
            sim.addNode();
        sim.formAtOnce();
    } else {
        sim.addNode();
        for (int i = 1; i < n && sim.failure().empty(); ++i) {
            sim.runUntil(start + stagger * i);
            sim.join(sim.addNode(), 0);
        }
    }
    result.converged = sim.runUntilTrue([&] { return sim.allSee(n); }, 10ms,
                                        limit.value_or(sim.now() + options.convergeLimit));
    result.convergedS = seconds(sim.now() - start);
    if (result.converged && options.onFormed)
        options.onFormed(sim.now());
    if (!result.converged && result.failure.empty())
        result.failure = "the cluster did not converge (seed " + std::to_string(options.seed) + ")";
}

NodeId pickVictim(const ScenarioOptions &options, std::uint64_t salt)
{
    if (options.nodes < 2)
        return 0;
    return NodeId(1 + deriveSeed(options.seed, salt) % std::uint64_t(options.nodes - 1));
}

double seconds(protocol::Duration duration)
{
    return std::chrono::duration<double>(duration).count();
}

ScenarioResult emptyResult(const ScenarioOptions &options)
{
    ScenarioResult result;
    result.kind = options.kind;
    result.nodes = options.nodes;
    result.seed = options.seed;
    return result;
}

void finish(const Simulator &sim, ScenarioResult &result)
{
    result.simSeconds = seconds(sim.now());
    result.counters = sim.counters();
    result.traceHash = sim.traceHash();
    if (result.failure.empty())
        result.failure = sim.failure();
}

} // namespace grapevine::sim
