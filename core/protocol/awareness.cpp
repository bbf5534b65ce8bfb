// awareness.cpp — see awareness.h.
#include "awareness.h"

#include <algorithm>

namespace grapevine::protocol {

Awareness::Awareness(int maxMultiplier)
    : m_max(std::max(1, maxMultiplier))
{
}

bool Awareness::applyDelta(int delta)
{
    const int before = m_score;
    m_score = std::clamp(m_score + delta, 0, m_max - 1);
    return m_score != before;
}

Duration Awareness::scaleTimeout(Duration timeout) const
{
    return timeout * (m_score + 1);
}

} // namespace grapevine::protocol
