// suspicion.cpp — see suspicion.h.
#include "suspicion.h"
#include "formulas.h"

#include <algorithm>

namespace grapevine::protocol {

Suspicion::Suspicion(std::string from, int k, Duration min, Duration max, TimePoint start,
                     std::uint64_t generation)
    : m_k(k)
    , m_min(min)
    , m_max(max)
    , m_start(start)
    , m_deadline(start + (k < 1 ? min : max))
    , m_generation(generation)
{
    m_seen.push_back(std::move(from));
}

bool Suspicion::confirm(const std::string &from)
{
    if (m_n >= m_k)
        return false;
    if (std::find(m_seen.begin(), m_seen.end(), from) != m_seen.end())
        return false;
    m_seen.push_back(from);
    ++m_n;
    m_deadline = m_start + suspicionTimeoutAfter(m_n, m_k, m_min, m_max);
    return true;
}

} // namespace grapevine::protocol
