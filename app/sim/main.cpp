// grapevine-sim — runs core/sim scenarios and prints a table (and, with --json, one JSON
// object as the last line). Wall-clock reads live here, never in core/sim.
#include "cli_options.h"
#include "report.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <new>
#include <optional>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

// The simulator's heap grows and shrinks by megabytes as queues fill and drain during a
// join storm. By default glibc hands freed memory at the top of the heap back to the
// kernel and asks for it again a moment later: a page fault per page, ≈ 8 % of a
// 1,000-node run in the kernel. Growing the heap by 64 MiB at a time and keeping up to
// 256 MiB free halves that system time and costs no resident memory (pages are only
// resident once touched).
void keepHeapGrown() {
#if defined(__GLIBC__)
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

// Peak resident set (VmHWM) in MiB, from /proc; 0 where unavailable.
double peakRssMb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    }
    return 0;
}

// One scenario run, timed by the wall clock; nothing when it ran out of memory.
std::optional<grapevine::simapp::RunRecord> runOnce(const grapevine::sim::ScenarioOptions &scenario) {
    const auto started = std::chrono::steady_clock::now();
    const auto since = [&started] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    grapevine::simapp::RunRecord run;
    grapevine::sim::ScenarioOptions timed = scenario;
    timed.onFormed = [&](grapevine::protocol::TimePoint at) {
        run.formed = true;
        run.formSimSeconds = std::chrono::duration<double>(at).count();
        run.formWallSeconds = since();
    };
    try {
        run.result = grapevine::sim::runScenario(timed);
    } catch (const std::bad_alloc &) {
        // N engines each holding N members: a cluster too large for the memory limit.
        std::fprintf(stderr, "grapevine-sim: out of memory (seed %llu, peak RSS %.1f MiB)\n",
                     (unsigned long long)scenario.seed, peakRssMb());
        return std::nullopt;
    }
    run.wallSeconds = since();
    return run;
}

} // namespace

int main(int argc, char **argv) {
    using namespace grapevine;
    const simapp::CliOptions options = simapp::parseCli(argc, argv);
    if (options.help) {
        std::fputs(simapp::usageText(), stdout);
        return 0;
    }
    if (!options.error.empty()) {
        std::fprintf(stderr, "grapevine-sim: %s\n%s", options.error.c_str(), simapp::usageText());
        return 2;
    }
    keepHeapGrown();
    simapp::printHeader(options);
    std::vector<simapp::RunRecord> runs;
    bool failed = false;
    for (int k = 0; k < options.runs; ++k) {
        sim::ScenarioOptions scenario = options.scenario;
        scenario.seed = options.scenario.seed + std::uint64_t(k);
        auto run = runOnce(scenario);
        if (!run)
            return 3;
        failed = failed || !run->result.failure.empty();
        simapp::printRun(*run);
        runs.push_back(std::move(*run));
    }
    simapp::printSummary(options, runs, peakRssMb());
    if (options.json)
        std::printf("%s\n", simapp::jsonLine(options, runs, peakRssMb()).c_str());
    return failed ? 1 : 0;
}
