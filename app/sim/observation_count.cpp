// observation_count.cpp — see the header.
#include "observation_count.h"

#include <numeric>

namespace grapevine::simapp {

void ObservationCount::observe(const protocol::Observation &observation)
{
    ++m_counts[std::size_t(observation.kind)];
}

std::uint64_t ObservationCount::total() const
{
    return std::accumulate(m_counts.begin(), m_counts.end(), std::uint64_t{0});
}

std::string ObservationCount::byKind() const
{
    std::string out;
    for (std::size_t k = 0; k < kKinds; ++k) {
        if (m_counts[k] == 0)
            continue;
        if (!out.empty())
            out += ' ';
        out += protocol::observationKindName(protocol::ObservationKind(k));
        out += '=' + std::to_string(m_counts[k]);
    }
    return out;
}

} // namespace grapevine::simapp
