// cli_options.h — grapevine-sim's command line: parsing into ScenarioOptions.
// Plain argv (no Qt): the program stays a thin shell over core/sim.
#pragma once

#include "core/sim/scenario.h"

#include <string>

namespace grapevine::simapp {

struct CliOptions {
    sim::ScenarioOptions scenario;
    std::string labFile; // --scenario FILE: a lab scenario to replay instead
    int runs = 1;
    bool json = false;
    bool observe = false; // count every engine's observations (the cost of listening)
    bool help = false;
    std::string error; // non-empty: what was wrong with the arguments
};

CliOptions parseCli(int argc, char **argv);
const char *usageText();

} // namespace grapevine::simapp
