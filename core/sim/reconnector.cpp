#include "reconnector.h"

namespace grapevine::sim {

Reconnector::Reconnector(Simulator &sim, protocol::Duration interval, std::uint64_t seed)
    : m_sim(sim)
    , m_interval(interval)
    , m_rng(seed)
{
    const auto span = std::uint64_t(m_interval.count()) + 1;
    for (NodeId id = 0; id < sim.size(); ++id)
        m_due.push_back(sim.now() + protocol::Duration(std::int64_t(m_rng() % span)));
}

void Reconnector::tick()
{
    for (NodeId id = 0; id < m_sim.size(); ++id) {
        if (m_sim.now() < m_due[id])
            continue;
        m_due[id] += m_interval;
        if (auto peer = randomFailedPeer(id))
            m_sim.join(id, *peer);
    }
}

std::optional<NodeId> Reconnector::randomFailedPeer(NodeId id)
{
    auto *engine = m_sim.engine(id);
    if (!engine)
        return std::nullopt;
    std::vector<NodeId> failed;
    for (const auto &member : engine->members()) {
        const auto peer = parseNodeName(member.name);
        if (peer &&
            (member.state == wire::NodeState::Dead || member.state == wire::NodeState::Left))
            failed.push_back(*peer);
    }
    if (failed.empty())
        return std::nullopt;
    return failed[m_rng() % failed.size()];
}

bool everyoneSeesEveryoneAlive(Simulator &sim, int n)
{
    if (!sim.allSee(n))
        return false;
    for (NodeId id = 0; id < sim.size(); ++id) {
        auto *engine = sim.engine(id);
        if (!engine)
            continue;
        for (const auto &member : engine->members()) {
            if (member.state != wire::NodeState::Alive)
                return false;
        }
    }
    return true;
}

} // namespace grapevine::sim
