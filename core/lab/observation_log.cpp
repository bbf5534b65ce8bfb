// observation_log.cpp — see the header.
#include "observation_log.h"

#include <iterator>

namespace grapevine::lab {

void ObservationLog::observe(const protocol::Observation &observation)
{
    if (m_items.size() >= kMaxObservations)
        m_items.pop_front();
    m_items.push_back(observation);
}

std::vector<protocol::Observation> ObservationLog::take()
{
    std::vector<protocol::Observation> out(std::make_move_iterator(m_items.begin()),
                                           std::make_move_iterator(m_items.end()));
    m_items.clear();
    return out;
}

} // namespace grapevine::lab
