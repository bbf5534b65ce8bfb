#include "report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

namespace grapevine::simapp {

namespace {

using sim::ScenarioKind;

struct Aggregate {
    double simSeconds = 0, wallSeconds = 0;
    // Over the runs whose cluster formed: until then, and after it.
    int formedRuns = 0;
    double formSimSeconds = 0, formWallSeconds = 0, afterSimSeconds = 0, afterWallSeconds = 0;
    std::vector<double> reach;
    int reachTargets = 0;
    std::vector<double> converged, detectFirst, detectAll, heal;
    int convergedRuns = 0, undetectedRuns = 0, unhealedRuns = 0, failures = 0;
    int falsePositives = 0, stalledDeaths = 0, stalls = 0, partitionDeaths = 0;
    double detectBound = 0;
    std::uint64_t packets = 0, bytes = 0, streamBytes = 0;
    // value: every set's completion, every node's time, misses, and bytes per node per set
    std::vector<double> completion, valueNodeMs;
    int valueSets = 0, incompleteSets = 0, valueMissed = 0;
    double userBytesPerNode = 0, bytesPerNode = 0; // summed over sets; divided when printed
    // Every run's event trace folded in run order: equal for two builds exactly when they
    // replayed the same runs event for event (a refactor's check that behaviour is unchanged).
    std::uint64_t traceHash = 0;
    std::uint64_t observations = 0;
};

void addValueSets(Aggregate &a, const sim::ScenarioResult &r)
{
    const double nodes = std::max(1, r.nodes);
    for (const sim::ValueSetOutcome &set : r.valueSets) {
        ++a.valueSets;
        if (set.completionMs)
            a.completion.push_back(*set.completionMs);
        else
            ++a.incompleteSets;
        a.valueMissed += set.missed;
        a.valueNodeMs.insert(a.valueNodeMs.end(), set.nodeMs.begin(), set.nodeMs.end());
        a.userBytesPerNode += double(set.userBytes) / nodes;
        a.bytesPerNode += double(set.bytes) / nodes;
    }
}

Aggregate aggregate(const std::vector<RunRecord> &runs)
{
    Aggregate a;
    for (const auto &run : runs) {
        const auto &r = run.result;
        a.simSeconds += r.simSeconds;
        a.wallSeconds += run.wallSeconds;
        a.observations += run.observations;
        if (run.formed) {
            ++a.formedRuns;
            a.formSimSeconds += run.formSimSeconds;
            a.formWallSeconds += run.formWallSeconds;
            a.afterSimSeconds += r.simSeconds - run.formSimSeconds;
            a.afterWallSeconds += run.wallSeconds - run.formWallSeconds;
        }
        a.reach.insert(a.reach.end(), r.reachMs.begin(), r.reachMs.end());
        a.reachTargets += r.reachTargets;
        if (r.converged) {
            ++a.convergedRuns;
            a.converged.push_back(r.convergedS);
        }
        if (r.detectFirstS)
            a.detectFirst.push_back(*r.detectFirstS);
        if (r.detectAllS)
            a.detectAll.push_back(*r.detectAllS);
        else if (r.kind == ScenarioKind::Crash)
            ++a.undetectedRuns;
        if (r.healS)
            a.heal.push_back(*r.healS);
        else if (r.kind == ScenarioKind::Partition)
            ++a.unhealedRuns;
        a.failures += r.failure.empty() ? 0 : 1;
        a.falsePositives += r.falsePositives;
        a.stalledDeaths += r.stalledDeaths;
        a.stalls += r.stalls;
        a.partitionDeaths += r.partitionDeaths;
        a.detectBound = std::max(a.detectBound, r.detectBoundS);
        a.packets += r.counters.packetsSent;
        a.bytes += r.counters.bytesSent;
        a.streamBytes += r.counters.streamBytes;
        a.traceHash = (a.traceHash ^ r.traceHash) * 0x100000001b3ULL;
        addValueSets(a, r);
    }
    return a;
}

std::string hex16(std::uint64_t value)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

std::optional<double> mean(const std::vector<double> &v)
{
    if (v.empty())
        return std::nullopt;
    double sum = 0;
    for (double x : v)
        sum += x;
    return sum / double(v.size());
}

std::optional<double> maxOf(const std::vector<double> &v)
{
    if (v.empty())
        return std::nullopt;
    return *std::max_element(v.begin(), v.end());
}

std::string num(std::optional<double> value, int decimals = 3)
{
    if (!value || !std::isfinite(*value))
        return "null";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, *value);
    return buf;
}

// Simulated over wall seconds after the cluster formed: the cost of running a formed
// cluster, apart from its join storm. Unknown when nothing ran after forming.
std::optional<double> afterFormSpeedup(const Aggregate &a)
{
    if (a.afterSimSeconds <= 0 || a.afterWallSeconds <= 0)
        return std::nullopt;
    return a.afterSimSeconds / a.afterWallSeconds;
}

std::optional<double> ifFormed(const Aggregate &a, double value)
{
    return a.formedRuns > 0 ? std::optional<double>(value) : std::nullopt;
}

std::string text(std::optional<double> value, int decimals = 3)
{
    return value ? num(value, decimals) : "-";
}

void scenarioJson(std::ostringstream &out, ScenarioKind kind, const Aggregate &a)
{
    switch (kind) {
    case ScenarioKind::Join:
        out << ",\"converged_s\":" << num(mean(a.converged))
            << ",\"converged_max_s\":" << num(maxOf(a.converged))
            << ",\"converged_runs\":" << a.convergedRuns;
        break;
    case ScenarioKind::Broadcast:
        out << ",\"reach_p50_ms\":" << num(sim::percentile(a.reach, 50))
            << ",\"reach_p99_ms\":" << num(sim::percentile(a.reach, 99))
            << ",\"reach_max_ms\":" << num(maxOf(a.reach)) << ",\"reached_fraction\":"
            << num(a.reachTargets ? double(a.reach.size()) / a.reachTargets : 0.0, 6);
        break;
    case ScenarioKind::Crash:
        out << ",\"detect_first_s\":" << num(mean(a.detectFirst))
            << ",\"detect_all_s\":" << num(mean(a.detectAll))
            << ",\"detect_all_max_s\":" << num(maxOf(a.detectAll))
            << ",\"undetected_runs\":" << a.undetectedRuns
            << ",\"detect_bound_s\":" << num(a.detectBound);
        break;
    case ScenarioKind::Stall:
        out << ",\"false_positives\":" << a.falsePositives
            << ",\"stalled_node_deaths\":" << a.stalledDeaths << ",\"stalls\":" << a.stalls;
        break;
    case ScenarioKind::Value: {
        const double sets = std::max(1, a.valueSets);
        out << ",\"sets\":" << a.valueSets << ",\"incomplete_sets\":" << a.incompleteSets
            << ",\"missed_nodes\":" << a.valueMissed
            << ",\"completion_p50_ms\":" << num(sim::percentile(a.completion, 50))
            << ",\"completion_p99_ms\":" << num(sim::percentile(a.completion, 99))
            << ",\"completion_max_ms\":" << num(maxOf(a.completion))
            << ",\"node_p50_ms\":" << num(sim::percentile(a.valueNodeMs, 50))
            << ",\"node_p90_ms\":" << num(sim::percentile(a.valueNodeMs, 90))
            << ",\"node_p99_ms\":" << num(sim::percentile(a.valueNodeMs, 99))
            << ",\"node_max_ms\":" << num(maxOf(a.valueNodeMs))
            << ",\"value_bytes_per_node_per_set\":" << num(a.userBytesPerNode / sets, 1)
            << ",\"bytes_per_node_per_set\":" << num(a.bytesPerNode / sets, 1);
        break;
    }
    case ScenarioKind::Partition:
        out << ",\"heal_s\":" << num(mean(a.heal)) << ",\"heal_max_s\":" << num(maxOf(a.heal))
            << ",\"unhealed_runs\":" << a.unhealedRuns
            << ",\"partition_deaths\":" << a.partitionDeaths;
        break;
    }
}

std::string valueRunText(const sim::ScenarioResult &r)
{
    Aggregate a;
    addValueSets(a, r);
    return "sets=" + std::to_string(a.valueSets) +
           " completion p50=" + num(sim::percentile(a.completion, 50), 1) +
           "ms max=" + num(maxOf(a.completion), 1) +
           "ms incomplete=" + std::to_string(a.incompleteSets) +
           " missed=" + std::to_string(a.valueMissed);
}

// The value scenario's table (docs/benchmarks.md): per-set completion beside per-node times.
void printValueTable(const CliOptions &options, const Aggregate &a)
{
    const double sets = std::max(1, a.valueSets);
    std::printf("\n| N | loss | sets | completion p50 | p99 | max | node p50 | p90 | p99 | max | "
                "sets incomplete | nodes missed | value B/node/set | all B/node/set |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    std::printf(
        "| %d | %.1f %% | %d | %s | %s | %s | %s | %s | %s | %s | %d | %d | %.0f | %.0f |\n",
        options.scenario.nodes, 100.0 * options.scenario.loss.value_or(0.0), a.valueSets,
        num(sim::percentile(a.completion, 50), 1).c_str(),
        num(sim::percentile(a.completion, 99), 1).c_str(), num(maxOf(a.completion), 1).c_str(),
        num(sim::percentile(a.valueNodeMs, 50), 1).c_str(),
        num(sim::percentile(a.valueNodeMs, 90), 1).c_str(),
        num(sim::percentile(a.valueNodeMs, 99), 1).c_str(), num(maxOf(a.valueNodeMs), 1).c_str(),
        a.incompleteSets, a.valueMissed, a.userBytesPerNode / sets, a.bytesPerNode / sets);
    std::printf("(ms from the set; completion: the last node of a set; a node missed a set when "
                "it did not hold it %.1f s later, at the next set)\n",
                std::chrono::duration<double>(options.scenario.setInterval).count());
}

} // namespace

void printHeader(const CliOptions &options)
{
    const auto &s = options.scenario;
    std::printf("grapevine-sim: scenario %s, %d nodes%s, profile %s, loss %.3f, seeds %llu..%llu\n",
                sim::scenarioName(s.kind), s.nodes, s.formedStart ? " (formed start)" : "",
                protocol::profileName(s.profile), s.loss.value_or(0.0), (unsigned long long)s.seed,
                (unsigned long long)(s.seed + std::uint64_t(options.runs) - 1));
    std::printf("%6s %9s %9s %8s %11s %12s  %s\n", "seed", "sim_s", "wall_s", "x_real", "packets",
                "bytes", "result");
}

void printRun(const RunRecord &run)
{
    const auto &r = run.result;
    std::string what;
    switch (r.kind) {
    case ScenarioKind::Join:
        what = "converged_s=" + (r.converged ? num(r.convergedS) : std::string("no"));
        break;
    case ScenarioKind::Broadcast:
        what = "reach p50=" + num(sim::percentile(r.reachMs, 50), 1) +
               "ms p99=" + num(sim::percentile(r.reachMs, 99), 1) +
               "ms reached=" + num(r.reachedFraction(), 4);
        break;
    case ScenarioKind::Crash:
        what = "detect first=" + text(r.detectFirstS) + "s all=" + text(r.detectAllS) + "s (" +
               std::to_string(r.detectedBy) + "/" + std::to_string(r.observers) + ", bound " +
               num(r.detectBoundS, 1) + "s)";
        break;
    case ScenarioKind::Stall:
        what = "false_positives=" + std::to_string(r.falsePositives) +
               " stalled_node_deaths=" + std::to_string(r.stalledDeaths) +
               " stalls=" + std::to_string(r.stalls);
        break;
    case ScenarioKind::Partition:
        what =
            "heal_s=" + text(r.healS) + " deaths_during_split=" + std::to_string(r.partitionDeaths);
        break;
    case ScenarioKind::Value:
        what = valueRunText(r);
        break;
    }
    if (!r.failure.empty())
        what += "  FAILED: " + r.failure;
    const double speed = run.wallSeconds > 0 ? r.simSeconds / run.wallSeconds : 0;
    std::printf("%6llu %9.2f %9.2f %8.1f %11llu %12llu  %s\n", (unsigned long long)r.seed,
                r.simSeconds, run.wallSeconds, speed, (unsigned long long)r.counters.packetsSent,
                (unsigned long long)r.counters.bytesSent, what.c_str());
    if (!run.observationsByKind.empty())
        std::printf("%6s observations: %llu (%s)\n", "", (unsigned long long)run.observations,
                    run.observationsByKind.c_str());
    std::fflush(stdout);
}

void printSummary(const CliOptions &options, const std::vector<RunRecord> &runs, double peakRssMb)
{
    const Aggregate a = aggregate(runs);
    std::printf("total: %.2f simulated s in %.2f wall s (%.1fx real time), peak RSS %.1f MiB",
                a.simSeconds, a.wallSeconds, a.wallSeconds > 0 ? a.simSeconds / a.wallSeconds : 0,
                peakRssMb);
    if (options.scenario.kind == ScenarioKind::Broadcast)
        std::printf(", reach p50 %.1f ms p99 %.1f ms over %zu deliveries",
                    sim::percentile(a.reach, 50), sim::percentile(a.reach, 99), a.reach.size());
    std::printf("\n");
    if (options.scenario.kind == ScenarioKind::Value)
        printValueTable(options, a);
    if (const auto after = afterFormSpeedup(a))
        std::printf("forming the cluster: %.2f simulated s in %.2f wall s; after it: %.2f "
                    "simulated s at %.1fx real time\n",
                    a.formSimSeconds, a.formWallSeconds, a.afterSimSeconds, *after);
}

std::string jsonLine(const CliOptions &options, const std::vector<RunRecord> &runs,
                     double peakRssMb)
{
    const Aggregate a = aggregate(runs);
    const auto &s = options.scenario;
    std::ostringstream out;
    out << R"({"scenario":")" << sim::scenarioName(s.kind) << R"(","nodes":)" << s.nodes
        << R"(,"runs":)" << runs.size() << R"(,"seed":)" << s.seed << R"(,"profile":")"
        << protocol::profileName(s.profile) << R"(","loss":)" << num(s.loss.value_or(0.0), 4)
        << R"(,"start":")" << (s.formedStart ? "formed" : "joins") << '"' << R"(,"sim_seconds":)"
        << num(a.simSeconds) << R"(,"wall_seconds":)" << num(a.wallSeconds) << R"(,"speedup":)"
        << num(a.wallSeconds > 0 ? a.simSeconds / a.wallSeconds : 0.0, 1) << R"(,"peak_rss_mb":)"
        << num(peakRssMb, 1) << R"(,"packets":)" << a.packets << R"(,"bytes":)" << a.bytes
        << R"(,"stream_bytes":)" << a.streamBytes << R"(,"failed_runs":)" << a.failures
        << R"(,"form_sim_seconds":)" << num(ifFormed(a, a.formSimSeconds))
        << R"(,"form_wall_seconds":)" << num(ifFormed(a, a.formWallSeconds))
        << R"(,"after_form_speedup":)" << num(afterFormSpeedup(a), 1) << R"(,"trace_hash":")"
        << hex16(a.traceHash) << '"';
    if (options.observe)
        out << R"(,"observations":)" << a.observations;
    scenarioJson(out, s.kind, a);
    out << "}";
    return out.str();
}

} // namespace grapevine::simapp
