// lamport_clock.h — Serf's Lamport clock: time() is the next time to stamp, witness()
// moves past any time seen on the wire. Follows serf/lamport.go (no atomics: one thread).
#pragma once

#include <cstdint>

namespace grapevine::serf {

class LamportClock {
public:
    [[nodiscard]] std::uint64_t time() const { return m_counter; }
    std::uint64_t increment() { return ++m_counter; }
    void witness(std::uint64_t seen)
    {
        if (seen >= m_counter)
            m_counter = seen + 1;
    }

private:
    std::uint64_t m_counter = 0;
};

} // namespace grapevine::serf
