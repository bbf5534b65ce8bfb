// event_queue.h — the simulator's agenda: a min-heap on (time, insertion sequence).
// The sequence makes ties deterministic (first scheduled, first run). Payloads live in a
// slab so heap moves shuffle 24-byte keys, not message vectors.
#pragma once

#include "core/protocol/config.h"
#include "sim_event.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace grapevine::sim {

class EventQueue {
public:
    void push(protocol::TimePoint at, SimEvent event);
    // Precondition: !empty().
    std::pair<protocol::TimePoint, SimEvent> pop();
    [[nodiscard]] bool empty() const { return m_heap.empty(); }
    [[nodiscard]] std::size_t size() const { return m_heap.size(); }
    [[nodiscard]] protocol::TimePoint nextTime() const { return m_heap.front().at; }
    // The node the next event happens to. Precondition: !empty().
    [[nodiscard]] NodeId nextTarget() const { return targetOf(m_slots[m_heap.front().slot]); }
    // The node the event after that happens to, as things stand (a child of the heap's
    // root), if there is one.
    [[nodiscard]] std::optional<NodeId> secondTarget() const
    {
        if (m_heap.size() < 2)
            return std::nullopt;
        std::size_t i = 1;
        if (m_heap.size() > 2 && Later{}(m_heap[1], m_heap[2]))
            i = 2;
        return targetOf(m_slots[m_heap[i].slot]);
    }

private:
    struct Key {
        protocol::TimePoint at;
        std::uint64_t seq;
        std::uint32_t slot;
    };
    struct Later {
        bool operator()(const Key &a, const Key &b) const
        {
            return a.at != b.at ? a.at > b.at : a.seq > b.seq;
        }
    };

    std::vector<Key> m_heap;
    std::vector<SimEvent> m_slots;
    std::vector<std::uint32_t> m_free;
    std::uint64_t m_seq = 0;
};

} // namespace grapevine::sim
