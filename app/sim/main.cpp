// grapevine-sim — runs core/sim scenarios and prints a table (and, with --json, one JSON
// object as the last line). Wall-clock reads live here, never in core/sim.
#include "cli_options.h"
#include "lab_run.h"
#include "observation_count.h"
#include "report.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <optional>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <unistd.h>
#endif

namespace {

// The simulator's heap grows and shrinks by megabytes as queues fill and drain during a
// join storm. By default glibc hands freed memory at the top of the heap back to the
// kernel and asks for it again a moment later: a page fault per page, ≈ 8 % of a
// 1,000-node run in the kernel. Growing the heap by 64 MiB at a time and keeping up to
// 256 MiB free halves that system time and costs no resident memory (pages are only
// resident once touched).
void keepHeapGrown()
{
#if defined(__GLIBC__)
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

// Transparent huge pages for the heap. The simulator reads thousands of engines' tables at
// random, and with 4 KiB pages most of those reads also missed the TLB: 2 MiB pages take
// × 0.90 of the wall time at 1,000 nodes for ~1 % more resident memory. glibc (2.35 and
// later) takes this only from the environment at start-up (GLIBC_TUNABLES
// glibc.malloc.hugetlb=1: madvise on every heap growth), so the program re-executes
// itself once with it set. Not when GLIBC_TUNABLES is set already (the user's choice wins,
// even empty, and it ends the loop), nor under valgrind, whose tools would not follow the
// exec. Where the kernel has THP off, the advice is simply ignored.
void useHugePages(char **argv)
{
#if defined(__GLIBC__) && defined(__linux__)
    if (std::getenv("GLIBC_TUNABLES"))
        return;
    if (const char *preload = std::getenv("LD_PRELOAD");
        preload && std::strstr(preload, "vgpreload"))
        return;
    if (setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) != 0)
        return;
    execv("/proc/self/exe", argv);
    unsetenv("GLIBC_TUNABLES"); // the exec failed: run as we are
#else
    (void)argv;
#endif
}

// Peak resident set (VmHWM) in MiB, from /proc; 0 where unavailable.
double peakRssMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    }
    return 0;
}

// One scenario run, timed by the wall clock; nothing when it ran out of memory.
std::optional<grapevine::simapp::RunRecord> runOnce(const grapevine::sim::ScenarioOptions &scenario,
                                                    bool observe)
{
    grapevine::simapp::ObservationCount count;
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
    if (observe)
        timed.observer = &count;
    try {
        run.result = grapevine::sim::runScenario(timed);
    } catch (const std::bad_alloc &) {
        // N engines each holding N members: a cluster too large for the memory limit.
        std::fprintf(stderr, "grapevine-sim: out of memory (seed %llu, peak RSS %.1f MiB)\n",
                     (unsigned long long)scenario.seed, peakRssMb());
        return std::nullopt;
    }
    run.wallSeconds = since();
    if (observe) {
        run.observations = count.total();
        run.observationsByKind = count.byKind();
    }
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    using namespace grapevine;
    useHugePages(argv);
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
    if (!options.labFile.empty())
        return simapp::runLabFile(options.labFile);
    simapp::printHeader(options);
    std::vector<simapp::RunRecord> runs;
    bool failed = false;
    for (int k = 0; k < options.runs; ++k) {
        sim::ScenarioOptions scenario = options.scenario;
        scenario.seed = options.scenario.seed + std::uint64_t(k);
        auto run = runOnce(scenario, options.observe);
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
