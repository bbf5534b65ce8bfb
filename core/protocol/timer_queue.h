// timer_queue.h — the engine's timers as data: {deadline, kind, token, name}.
// Nothing is ever cancelled: a handler checks the token/generation when the timer fires
// and ignores stale ones (foca's habit). Never: reads a clock.
#pragma once

#include "config.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace grapevine::protocol {

enum class TimerKind : std::uint8_t {
    ProbeTick,     // periodic: start the next probe
    GossipTick,    // periodic: one gossip round
    PushPullTick,  // periodic: anti-entropy with one random member
    ProbeTimeout,  // direct ack wait over: go indirect (token = seq)
    ProbeExpire,   // the probe's scaled interval is over (token = seq)
    RelayExpire,   // an indirect ping we relay timed out (token = our seq)
    Suspicion,     // suspicion deadline (token = generation, name = member)
    LeaveTimeout,  // stop waiting for the leave broadcast
    ReconnectTick, // periodic: push/pull with one random dead member
};

struct Timer {
    TimePoint at{};
    TimerKind kind = TimerKind::ProbeTick;
    std::uint64_t token = 0;
    std::string name;
};

class TimerQueue {
public:
    void schedule(TimePoint at, Timer timer)
    {
        timer.at = at;
        m_timers.emplace(at, std::move(timer));
    }
    [[nodiscard]] std::optional<TimePoint> next() const
    {
        if (m_timers.empty())
            return std::nullopt;
        return m_timers.begin()->first;
    }
    // Removes and returns the earliest timer due at or before now.
    std::optional<Timer> popDue(TimePoint now)
    {
        if (m_timers.empty() || m_timers.begin()->first > now)
            return std::nullopt;
        auto node = m_timers.extract(m_timers.begin());
        return std::move(node.mapped());
    }
    [[nodiscard]] std::size_t size() const { return m_timers.size(); }

private:
    std::multimap<TimePoint, Timer> m_timers; // equal deadlines fire in scheduling order
};

} // namespace grapevine::protocol
