// report.h — grapevine-sim's output: a readable table per run, a summary, and the one-line
// JSON object (keys named in issue 3) that scripts read from the last line.
#pragma once

#include "cli_options.h"

#include <string>
#include <vector>

namespace grapevine::simapp {

struct RunRecord {
    sim::ScenarioResult result;
    double wallSeconds = 0;
    // When the cluster had formed (if it did): simulated and wall seconds since the start.
    bool formed = false;
    double formSimSeconds = 0;
    double formWallSeconds = 0;
    // With --observe: the observations every engine reported, in total and by kind.
    std::uint64_t observations = 0;
    std::string observationsByKind;
};

void printHeader(const CliOptions &options);
void printRun(const RunRecord &run);
void printSummary(const CliOptions &options, const std::vector<RunRecord> &runs, double peakRssMb);
std::string jsonLine(const CliOptions &options, const std::vector<RunRecord> &runs,
                     double peakRssMb);

} // namespace grapevine::simapp
