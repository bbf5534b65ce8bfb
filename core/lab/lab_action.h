// lab_action.h — one thing a user does to a lab cluster, at a point of virtual time.
// Owns: the action's plain data and its one-line description. Never: applies itself
// (LabCluster does) or reads a clock. Actions are what a lab scenario file records.
#pragma once

#include "core/protocol/config.h"
#include "core/sim/network.h"
#include "core/sim/sim_address.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grapevine::lab {

using protocol::Duration;
using protocol::TimePoint;
using sim::NodeId;

enum class ActionKind {
    Crash,    // the process dies: its engine and value are gone until restart
    Stall,    // the process freezes for `duration` (packets queue in its socket buffer)
    Restart,  // a new process with the same name and address, its value restored, joins
    Leave,    // graceful leave
    SetValue, // the node sets the shared value to `text`
    Loss,     // the cluster's UDP loss fraction becomes `loss`
    Latency,  // the cluster's one-way latency becomes `duration`
    Jitter,   // the cluster's jitter becomes `duration`
    Link,     // the link node <-> peer behaves as `link` (both ways)
    Unlink,   // the link node <-> peer follows the cluster's settings again
    Split,    // the network splits into `groups` (nodes in no group form one more)
    Heal,     // every split is lifted
};

const char *actionName(ActionKind kind); // "crash", "stall", …, the scenario file's word
std::optional<ActionKind> parseActionName(std::string_view word);

struct LabAction {
    TimePoint at{};
    ActionKind kind = ActionKind::Heal;
    NodeId node = 0;
    NodeId peer = 0;
    Duration duration{};
    double loss = 0;
    sim::LinkModel link;
    std::string text;
    std::vector<std::vector<NodeId>> groups;

    friend bool operator==(const LabAction &, const LabAction &) = default;
};

// The text in double quotes, with backslash, quote, \n, \t and \r escaped (UTF-8 kept).
std::string quoteText(std::string_view text);

// "stall n4 3s", "split n1 n2 | n3" — for the action list and headless output.
std::string describeAction(const LabAction &action);

// Duration text as the file writes it: the largest unit that keeps it exact ("500us", "3s").
std::string durationText(Duration duration);
// "12.5" (seconds, exact to the nanosecond; trailing zeros dropped).
std::string secondsText(TimePoint at);

} // namespace grapevine::lab
