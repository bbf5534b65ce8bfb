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
    if (m_link.loss > 0.0) {
        // 53 random bits -> [0, 1): portable, unlike std::uniform_real_distribution.
        const double draw = double(m_rng() >> 11) * 0x1.0p-53;
        if (draw < m_link.loss)
            return Route{DropReason::Loss, {}};
    }
    return Route{DropReason::None, sampleDelay()};
}

Route Network::routeStream(NodeId from, NodeId to)
{
    if (!connected(from, to))
        return Route{DropReason::Partition, {}};
    return Route{DropReason::None, sampleDelay()};
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

Duration Network::sampleDelay()
{
    const auto jitter = m_link.jitter.count();
    if (jitter <= 0)
        return m_link.latency;
    return m_link.latency + Duration(std::int64_t(m_rng() % std::uint64_t(jitter + 1)));
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace grapevine::sim
