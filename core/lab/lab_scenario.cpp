#include "lab_scenario.h"

#include "scenario_text.h"

#include <charconv>
#include <sstream>

namespace grapevine::lab {

namespace {

using Words = std::vector<std::string>;

// Where an action's keyword is in its line: "at TIME ACTION …".
constexpr std::size_t kActionWord = 2;

// Empty when the line `w`, from its word `keyword` on, has n words (the keyword and n - 1
// values), else why not.
[[nodiscard]] std::string wordCount(const Words &w, std::size_t n, std::size_t keyword = 0)
{
    const std::size_t have = w.size() - keyword;
    if (have == n)
        return {};
    std::string err = "'" + w[keyword];
    err += "' takes " + std::to_string(n - 1) + " value(s), found " + std::to_string(have - 1);
    return err;
}

[[nodiscard]] std::string header(const Words &w)
{
    if (w.size() != 2 || w[0] != "grapevine-lab")
        return "not a lab scenario (the first line must be 'grapevine-lab " +
               std::to_string(kLabFormat) + "')";
    const auto version = readUnsigned(w[1]);
    if (!version || *version == 0)
        return "bad format version '" + w[1] + "'";
    if (*version > std::uint64_t(kLabFormat))
        return "format " + w[1] + " comes from a newer Grapevine; this one reads format " +
               std::to_string(kLabFormat);
    return {};
}

// The key=value fields of a link, from word `from` on, into `link`.
[[nodiscard]] std::string linkFields(const Words &w, std::size_t from, sim::LinkModel &link)
{
    for (std::size_t i = from; i < w.size(); ++i) {
        const auto eq = w[i].find('=');
        const std::string key = w[i].substr(0, eq);
        const std::string value = eq == std::string::npos ? std::string() : w[i].substr(eq + 1);
        if (key == "loss") {
            const auto loss = readFraction(value);
            if (!loss)
                return "loss must be a fraction 0 … 1, not '" + value + "'";
            link.loss = *loss;
        } else if (key == "latency" || key == "jitter") {
            const auto d = readDuration(value);
            if (!d) {
                std::string err = key;
                err += " must be a duration such as 20ms, not '" + value + "'";
                return err;
            }
            (key == "latency" ? link.latency : link.jitter) = *d;
        } else {
            return "unknown link field '" + w[i] + "' (loss=, latency=, jitter=)";
        }
    }
    return {};
}

// "loss FRACTION", "latency DURATION", "jitter DURATION": the whole cluster's links.
[[nodiscard]] std::string clusterLinkValue(const Words &w, LabAction &a)
{
    if (auto err = wordCount(w, 2, kActionWord); !err.empty())
        return err;
    if (a.kind == ActionKind::Loss) {
        const auto loss = readFraction(w[3]);
        if (!loss)
            return "loss must be a fraction 0 … 1, not '" + w[3] + "'";
        a.loss = *loss;
        return {};
    }
    const auto d = readDuration(w[3]);
    if (!d)
        return std::string(actionName(a.kind)) + " must be a duration such as 20ms, not '" + w[3] +
               "'";
    a.duration = *d;
    return {};
}

// Reads one file line into the scenario; an empty string when it was fine, else why not.
class LineReader {
public:
    explicit LineReader(LabScenario &scenario)
        : m_s(scenario)
    {
    }
    std::string setting(const Words &w);
    std::string action(const Words &w);

private:
    std::string node(const std::string &word, NodeId &out) const;
    std::string actionArgs(const Words &w, LabAction &a) const;
    std::string nodeAndValue(const Words &w, LabAction &a) const;
    std::string linkArgs(const Words &w, LabAction &a) const;
    std::string groups(const Words &w, LabAction &a) const;

    LabScenario &m_s;
    bool m_anyAction = false;
};

std::string LineReader::setting(const Words &w)
{
    if (m_anyAction && w[0] != "until")
        return "'" + w[0] + "' must come before the first action";
    if (w[0] == "link")
        return linkFields(w, 1, m_s.setup.link.emplace(m_s.setup.effectiveLink()));
    if (auto err = wordCount(w, 2); !err.empty())
        return err;
    if (w[0] == "nodes") {
        const auto n = readUnsigned(w[1]);
        if (!n || *n < std::uint64_t(kMinNodes) || *n > std::uint64_t(kMaxNodes))
            return "nodes must be " + std::to_string(kMinNodes) + " … " +
                   std::to_string(kMaxNodes) + ", not '" + w[1] + "'";
        m_s.setup.nodes = int(*n);
    } else if (w[0] == "seed") {
        const auto seed = readUnsigned(w[1]);
        if (!seed)
            return "seed must be a whole number, not '" + w[1] + "'";
        m_s.setup.seed = *seed;
    } else if (w[0] == "profile") {
        const auto profile = protocol::parseProfile(w[1]);
        if (!profile)
            return "profile must be local, lan or wan, not '" + w[1] + "'";
        m_s.setup.profile = *profile;
    } else if (w[0] == "start") {
        if (w[1] != "formed" && w[1] != "joining")
            return "start must be formed or joining, not '" + w[1] + "'";
        m_s.setup.start = w[1] == "formed" ? StartMode::Formed : StartMode::Joining;
    } else if (w[0] == "until") {
        const auto until = readSeconds(w[1]);
        if (!until)
            return "until must be a time in seconds, not '" + w[1] + "'";
        m_s.until = *until;
    } else {
        return "unknown setting '" + w[0] + "'";
    }
    return {};
}

std::string LineReader::node(const std::string &word, NodeId &out) const
{
    const auto id = sim::parseNodeName(word);
    const int n = m_s.setup.nodes;
    if (!id || *id >= NodeId(n))
        return "no node '" + word + "' in a cluster of " + std::to_string(n) + " (n0 … n" +
               std::to_string(n - 1) + ")";
    out = *id;
    return {};
}

std::string LineReader::groups(const Words &w, LabAction &a) const
{
    a.groups.assign(1, {});
    for (std::size_t i = 3; i < w.size(); ++i) {
        if (w[i] == "|") {
            a.groups.emplace_back();
            continue;
        }
        NodeId id = 0;
        if (auto err = node(w[i], id); !err.empty())
            return err;
        a.groups.back().push_back(id);
    }
    for (const auto &group : a.groups) {
        if (group.empty())
            return "split has an empty group";
    }
    return {};
}

// The words after "at TIME ACTION": an action's own arguments, by its kind.
std::string LineReader::actionArgs(const Words &w, LabAction &a) const
{
    switch (a.kind) {
    case ActionKind::Crash:
    case ActionKind::Restart:
    case ActionKind::Leave:
        if (auto err = wordCount(w, 2, kActionWord); !err.empty())
            return err;
        return node(w[3], a.node);
    case ActionKind::Stall:
    case ActionKind::SetValue:
        return nodeAndValue(w, a);
    case ActionKind::Loss:
    case ActionKind::Latency:
    case ActionKind::Jitter:
        return clusterLinkValue(w, a);
    case ActionKind::Link:
    case ActionKind::Unlink:
        return linkArgs(w, a);
    case ActionKind::Split:
        return groups(w, a);
    case ActionKind::Heal:
        return wordCount(w, 1, kActionWord);
    }
    return {};
}

// "stall NODE DURATION", "set NODE TEXT".
std::string LineReader::nodeAndValue(const Words &w, LabAction &a) const
{
    if (auto err = wordCount(w, 3, kActionWord); !err.empty())
        return err;
    if (a.kind == ActionKind::SetValue) {
        a.text = w[4];
    } else {
        const auto d = readDuration(w[4]);
        if (!d || d->count() <= 0)
            return "stall needs a positive duration such as 3s, not '" + w[4] + "'";
        a.duration = *d;
    }
    return node(w[3], a.node);
}

// "link A B [loss=… latency=… jitter=…]", "unlink A B".
std::string LineReader::linkArgs(const Words &w, LabAction &a) const
{
    if (w.size() < 5 || (a.kind == ActionKind::Unlink && w.size() != 5))
        return std::string(actionName(a.kind)) + " needs two nodes";
    if (auto err = node(w[3], a.node); !err.empty())
        return err;
    if (auto err = node(w[4], a.peer); !err.empty())
        return err;
    if (a.node == a.peer)
        return "a link joins two different nodes";
    if (a.kind == ActionKind::Unlink)
        return {};
    a.link = m_s.setup.effectiveLink(); // fields not named keep the cluster's
    return linkFields(w, 5, a.link);
}

std::string LineReader::action(const Words &w)
{
    if (w.size() < 3)
        return "'at' needs a time and an action";
    LabAction a;
    const auto at = readSeconds(w[1]);
    if (!at)
        return "bad time '" + w[1] + "' (seconds, such as 2.5)";
    if (!m_s.actions.empty() && *at < m_s.actions.back().at)
        return "actions must be in time order (" + w[1] + " s comes after " +
               secondsText(m_s.actions.back().at) + " s)";
    const auto kind = parseActionName(w[2]);
    if (!kind)
        return "unknown action '" + w[2] + "'";
    a.at = *at;
    a.kind = *kind;
    if (auto err = actionArgs(w, a); !err.empty())
        return err;
    m_anyAction = true;
    m_s.actions.push_back(std::move(a));
    return {};
}

} // namespace

std::variant<LabScenario, ScenarioError> parseLabScenario(std::string_view text)
{
    LabScenario scenario;
    LineReader reader(scenario);
    bool sawHeader = false;
    int lineNo = 0;
    while (!text.empty() || lineNo == 0) {
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const auto words = splitWords(line);
        if (!words)
            return ScenarioError{lineNo, "unterminated quote or unknown escape"};
        if (words->empty() || (*words)[0].starts_with('#'))
            continue;
        std::string err;
        if (!sawHeader)
            err = header(*words);
        else if ((*words)[0] == "at")
            err = reader.action(*words);
        else
            err = reader.setting(*words);
        if (!err.empty())
            return ScenarioError{lineNo, err};
        sawHeader = true;
    }
    if (!sawHeader)
        return ScenarioError{1, "empty file: not a lab scenario"};
    if (!scenario.actions.empty() && scenario.until < scenario.actions.back().at)
        scenario.until = scenario.actions.back().at;
    return scenario;
}

std::string writeLabScenario(const LabScenario &scenario)
{
    const LabSetup &s = scenario.setup;
    std::ostringstream out;
    out << "grapevine-lab " << kLabFormat << "\n";
    out << "nodes " << s.nodes << "\nseed " << s.seed << "\nprofile "
        << protocol::profileName(s.profile) << "\nstart "
        << (s.start == StartMode::Formed ? "formed" : "joining") << "\n";
    if (s.link) {
        LabAction link;
        link.kind = ActionKind::Link;
        link.link = *s.link;
        const std::string text = describeAction(link); // "link n0 n0 loss=… latency=… …"
        out << "link" << text.substr(text.find(" loss=")) << "\n";
    }
    out << "until " << secondsText(scenario.until) << "\n";
    for (const LabAction &a : scenario.actions)
        out << "at " << secondsText(a.at) << " " << describeAction(a) << "\n";
    return out.str();
}

} // namespace grapevine::lab
