#include "lab_action.h"

#include <array>
#include <charconv>
#include <utility>

namespace grapevine::lab {

namespace {

constexpr std::array<std::pair<ActionKind, const char *>, 12> kNames{{
    {ActionKind::Crash, "crash"},
    {ActionKind::Stall, "stall"},
    {ActionKind::Restart, "restart"},
    {ActionKind::Leave, "leave"},
    {ActionKind::SetValue, "set"},
    {ActionKind::Loss, "loss"},
    {ActionKind::Latency, "latency"},
    {ActionKind::Jitter, "jitter"},
    {ActionKind::Link, "link"},
    {ActionKind::Unlink, "unlink"},
    {ActionKind::Split, "split"},
    {ActionKind::Heal, "heal"},
}};

std::string doubleText(double value)
{
    std::array<char, 32> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return ec == std::errc() ? std::string(buffer.data(), end) : std::string("0");
}

std::string groupsText(const std::vector<std::vector<NodeId>> &groups)
{
    std::string text;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (g > 0)
            text += " |";
        for (NodeId id : groups[g])
            text += " " + sim::nodeName(id);
    }
    return text;
}

} // namespace

std::string quoteText(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    return out + "\"";
}

const char *actionName(ActionKind kind)
{
    for (const auto &[k, name] : kNames) {
        if (k == kind)
            return name;
    }
    return "?";
}

std::optional<ActionKind> parseActionName(std::string_view word)
{
    for (const auto &[k, name] : kNames) {
        if (word == name)
            return k;
    }
    return std::nullopt;
}

std::string durationText(Duration duration)
{
    const std::int64_t ns = duration.count();
    if (ns != 0 && ns % 1'000'000'000 == 0)
        return std::to_string(ns / 1'000'000'000) + "s";
    if (ns != 0 && ns % 1'000'000 == 0)
        return std::to_string(ns / 1'000'000) + "ms";
    if (ns != 0 && ns % 1'000 == 0)
        return std::to_string(ns / 1'000) + "us";
    return std::to_string(ns) + "ns";
}

std::string secondsText(TimePoint at)
{
    const std::int64_t ns = at.count();
    std::string text = std::to_string(ns / 1'000'000'000);
    std::string fraction = std::to_string(1'000'000'000 + ns % 1'000'000'000).substr(1);
    while (!fraction.empty() && fraction.back() == '0')
        fraction.pop_back();
    if (!fraction.empty())
        text += "." + fraction;
    return text;
}

std::string describeAction(const LabAction &action)
{
    std::string name = actionName(action.kind);
    const std::string node = sim::nodeName(action.node);
    switch (action.kind) {
    case ActionKind::Crash:
    case ActionKind::Restart:
    case ActionKind::Leave:
        return name + " " + node;
    case ActionKind::Stall:
        return name + " " + node + " " + durationText(action.duration);
    case ActionKind::SetValue:
        return name + " " + node + " " + quoteText(action.text);
    case ActionKind::Loss:
        return name + " " + doubleText(action.loss);
    case ActionKind::Latency:
    case ActionKind::Jitter:
        return name + " " + durationText(action.duration);
    case ActionKind::Link:
        return name + " " + node + " " + sim::nodeName(action.peer) +
               " loss=" + doubleText(action.link.loss) +
               " latency=" + durationText(action.link.latency) +
               " jitter=" + durationText(action.link.jitter);
    case ActionKind::Unlink:
        return name + " " + node + " " + sim::nodeName(action.peer);
    case ActionKind::Split:
        return name + groupsText(action.groups);
    case ActionKind::Heal:
        return name;
    }
    return name;
}

} // namespace grapevine::lab
