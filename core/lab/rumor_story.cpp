#include "rumor_story.h"

#include <algorithm>
#include <cmath>

namespace grapevine::lab {

const char *pathName(InfectionPath path)
{
    switch (path) {
    case InfectionPath::Origin:
        return "origin";
    case InfectionPath::EagerPush:
        return "eager push";
    case InfectionPath::Gossip:
        return "gossip";
    case InfectionPath::PushPull:
        return "push/pull";
    case InfectionPath::Restored:
        return "restored";
    }
    return "?";
}

void RumorStory::onApplied(sim::NodeId node, const value::Version &version,
                           const std::string &value, protocol::TimePoint at,
                           std::optional<sim::NodeId> from, InfectionPath path)
{
    if (version < m_version || (version == m_version && holds(node)))
        return;
    if (version > m_version || m_infections.empty()) {
        m_version = version;
        m_value = value;
        m_infections.clear();
        m_holds.clear();
        m_startedAt = at;
        m_completeAt.reset();
    }
    if (m_holds.size() <= node)
        m_holds.resize(node + 1, false);
    m_holds[node] = true;
    m_infections.push_back({node, from, path, at});
    ++m_generation;
}

bool RumorStory::holds(sim::NodeId node) const
{
    return node < m_holds.size() && m_holds[node];
}

int RumorStory::countBy(InfectionPath path) const
{
    return int(std::count_if(m_infections.begin(), m_infections.end(),
                             [path](const Infection &i) { return i.path == path; }));
}

double serfModelFraction(int n, double seconds, double intervalSeconds, int fanout, double loss,
                         double failed)
{
    if (n <= 0 || intervalSeconds <= 0)
        return 0;
    const double k = fanout * (1 - loss) * (1 - failed) / 2;
    const double x = seconds / intervalSeconds;
    return 1 / (1 + (n + 1) * std::exp(-k * x));
}

double serfModelSecondsTo(double fraction, int n, double intervalSeconds, int fanout, double loss,
                          double failed)
{
    const double k = fanout * (1 - loss) * (1 - failed) / 2;
    if (n <= 0 || k <= 0 || fraction <= 0 || fraction >= 1)
        return 0;
    const double x = std::log((n + 1) / (1 / fraction - 1)) / k;
    return std::max(0.0, x * intervalSeconds);
}

} // namespace grapevine::lab
