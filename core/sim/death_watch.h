// death_watch.h — follows the Recorder's death records for one subject and counts the
// distinct observers that declared it dead or left, with the first and last time.
// Internal to core/sim's scenarios.
#pragma once

#include "recorder.h"

#include <optional>
#include <vector>

namespace grapevine::sim {

class DeathWatch {
public:
    DeathWatch(const Recorder &recorder, NodeId subject, std::size_t nodes);

    // Reads records added since the last call; returns the distinct observers so far.
    int update();
    [[nodiscard]] std::optional<protocol::TimePoint> first() const { return m_first; }
    [[nodiscard]] protocol::TimePoint last() const { return m_last; }

private:
    const Recorder &m_recorder;
    NodeId m_subject;
    std::size_t m_next;
    std::vector<bool> m_seen;
    int m_count = 0;
    std::optional<protocol::TimePoint> m_first;
    protocol::TimePoint m_last{};
};

} // namespace grapevine::sim
