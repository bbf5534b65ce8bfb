// timer_queue.h — the engine's timers as data: {deadline, kind, token, name}.
// Nothing is ever cancelled: a handler checks the token/generation when the timer fires
// and ignores stale ones (foca's habit). Never: reads a clock.
#pragma once

#include "config.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
        m_heap.push_back(Entry{at, ++m_seq, std::move(timer)});
        std::push_heap(m_heap.begin(), m_heap.end(), Later{});
    }

    [[nodiscard]] std::optional<TimePoint> next() const
    {
        if (m_heap.empty())
            return std::nullopt;
        return m_heap.front().at;
    }

    // Removes and returns the earliest timer due at or before now.
    std::optional<Timer> popDue(TimePoint now)
    {
        if (m_heap.empty() || m_heap.front().at > now)
            return std::nullopt;
        std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
        Timer timer = std::move(m_heap.back().timer);
        m_heap.pop_back();
        return timer;
    }

    [[nodiscard]] std::size_t size() const { return m_heap.size(); }
    void prefetch() const // a cache hint for the earliest timer
    {
        if (!m_heap.empty())
            __builtin_prefetch(m_heap.data());
    }

private:
    // A binary heap in one vector rather than a tree: scheduling a timer (several per
    // second per engine, thousands of engines in the simulator) then allocates nothing.
    struct Entry {
        TimePoint at;
        std::uint64_t seq; // equal deadlines fire in scheduling order
        Timer timer;
    };
    struct Later {
        bool operator()(const Entry &a, const Entry &b) const
        {
            return a.at != b.at ? a.at > b.at : a.seq > b.seq;
        }
    };
    std::vector<Entry> m_heap;
    std::uint64_t m_seq = 0;
};

} // namespace grapevine::protocol
