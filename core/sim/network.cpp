#include "network.h"

namespace grapevine::sim {

using namespace std::chrono_literals;

LinkModel LinkModel::forProfile(protocol::Profile profile)
{
    switch (profile) {
    case protocol::Profile::Local:
        return LinkModel{50us, 20us, 0.0};
    case protocol::Profile::Lan:
        return LinkModel{500us, 200us, 0.0};
    case protocol::Profile::Wan:
        return LinkModel{40ms, 10ms, 0.0};
    }
    return LinkModel{};
}

Network::Network(LinkModel link, std::uint64_t seed)
    : m_link(link)
    , m_rng(deriveSeed(seed, 0x6e6574))
{
}

Route Network::routePacket(NodeId from, NodeId to)
{
    if (!connected(from, to))
        return Route{DropReason::Partition, {}};
    const LinkModel &link = linkBetween(from, to);
    if (link.loss > 0.0) {
        // 53 random bits -> [0, 1): portable, unlike std::uniform_real_distribution.
        const double draw = double(m_rng() >> 11) * 0x1.0p-53;
        if (draw < link.loss)
            return Route{DropReason::Loss, {}};
    }
    return Route{DropReason::None, sampleDelay(link)};
}

Route Network::routeStream(NodeId from, NodeId to)
{
    if (!connected(from, to))
        return Route{DropReason::Partition, {}};
    return Route{DropReason::None, sampleDelay(linkBetween(from, to))};
}

void Network::partition(std::vector<int> groupOf)
{
    m_groupOf = std::move(groupOf);
}

void Network::heal()
{
    m_groupOf.clear();
}

bool Network::connected(NodeId a, NodeId b) const
{
    return groupOf(a) == groupOf(b);
}

int Network::groupOf(NodeId id) const
{
    return id < m_groupOf.size() ? m_groupOf[id] : 0;
}

void Network::setOverride(NodeId a, NodeId b, const LinkModel &link)
{
    m_overrides[pairKey(a, b)] = link;
}

void Network::clearOverride(NodeId a, NodeId b)
{
    m_overrides.erase(pairKey(a, b));
}

const LinkModel &Network::linkBetween(NodeId a, NodeId b) const
{
    if (m_overrides.empty())
        return m_link;
    const auto it = m_overrides.find(pairKey(a, b));
    return it == m_overrides.end() ? m_link : it->second;
}

Duration Network::sampleDelay(const LinkModel &link)
{
    const auto jitter = link.jitter.count();
    if (jitter <= 0)
        return link.latency;
    return link.latency + Duration(std::int64_t(m_rng() % std::uint64_t(jitter + 1)));
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace grapevine::sim
