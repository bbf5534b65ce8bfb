// lab_scenario.h — a lab run as a file: the cluster's setup, then the timed user actions.
// Owns: the text format (line-based, version 1) and its parser and writer. Never: runs
// anything. The same file replays bit-exactly (LabCluster) and runs headless
// (grapevine-sim --scenario FILE). Bad input is an error naming the line, never a crash.
//
//   grapevine-lab 1              first line: format version
//   nodes 50                     3 … 2000
//   seed 1
//   profile lan                  local | lan | wan
//   start formed                 formed | joining
//   link loss=0 latency=500us jitter=200us    (optional; default: the profile's)
//   until 30                     where the recording ends (seconds)
//   at 2.5 crash n3              actions, in time order (see lab_action.h)
//   at 3 set n1 "hello"
#pragma once

#include "lab_action.h"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace grapevine::lab {

inline constexpr int kLabFormat = 1;
inline constexpr int kMinNodes = 3;
inline constexpr int kMaxNodes = 2000;

enum class StartMode { Formed, Joining };

struct LabSetup {
    int nodes = 50;
    std::uint64_t seed = 1;
    protocol::Profile profile = protocol::Profile::Lan;
    StartMode start = StartMode::Formed;
    std::optional<sim::LinkModel> link; // default: LinkModel::forProfile(profile)

    [[nodiscard]] sim::LinkModel effectiveLink() const
    {
        return link.value_or(sim::LinkModel::forProfile(profile));
    }
};

struct LabScenario {
    LabSetup setup;
    std::vector<LabAction> actions; // in time order
    TimePoint until{};
};

struct ScenarioError {
    int line = 0; // 1-based
    std::string message;
    [[nodiscard]] std::string text() const
    {
        return "line " + std::to_string(line) + ": " + message;
    }
};

std::variant<LabScenario, ScenarioError> parseLabScenario(std::string_view text);
std::string writeLabScenario(const LabScenario &scenario);

} // namespace grapevine::lab
