#include "value_register.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace grapevine::value {

Version ValueRegister::set(std::string value, const std::string &self, std::int64_t nowMs)
{
    // Saturate rather than wrap: a wrapped clock would make our next set lose to everything.
    if (m_clock < std::numeric_limits<std::uint64_t>::max())
        ++m_clock;
    m_current = Entry{std::move(value), Version{m_clock, self}, nowMs};
    return m_current.version;
}

bool ValueRegister::apply(const Entry &entry)
{
    observe(entry.version.lamport);
    if (!(entry.version > m_current.version))
        return false;
    m_current = entry;
    return true;
}

void ValueRegister::observe(std::uint64_t lamport)
{
    m_clock = std::max(m_clock, lamport);
}

void ValueRegister::restore(const Entry &entry, std::uint64_t clock)
{
    m_current = entry;
    m_clock = std::max(clock, entry.version.lamport);
}

} // namespace grapevine::value
