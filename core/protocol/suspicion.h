// suspicion.h — one Lifeguard suspicion timer as data (memberlist suspicion.go).
// Owns: k, min, max, the start time and who has confirmed. Never: a real timer; the engine
// schedules a wake-up at deadline() and asks again when it fires (stale wake-ups are no-ops).
#pragma once

#include "config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace grapevine::protocol {

class Suspicion {
public:
    // `from` is the original accuser: it never counts as a confirmation.
    Suspicion(std::string from, int k, Duration min, Duration max, TimePoint start,
              std::uint64_t generation);

    // A suspect message from `from`. Returns true when it is a new confirmation (the
    // caller re-gossips it); the deadline then moves earlier.
    bool confirm(const std::string &from);

    [[nodiscard]] TimePoint deadline() const { return m_deadline; }
    [[nodiscard]] TimePoint start() const { return m_start; }
    [[nodiscard]] int confirmations() const { return m_n; }
    [[nodiscard]] int wanted() const { return m_k; }
    [[nodiscard]] std::uint64_t generation() const { return m_generation; }

private:
    int m_k;
    int m_n = 0;
    Duration m_min;
    Duration m_max;
    TimePoint m_start;
    TimePoint m_deadline;
    std::uint64_t m_generation;
    std::vector<std::string> m_seen; // at most k + 1 names: a linear scan beats a set
};

} // namespace grapevine::protocol
