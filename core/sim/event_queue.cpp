#include "event_queue.h"

#include <algorithm>

namespace grapevine::sim {

void EventQueue::push(protocol::TimePoint at, SimEvent event)
{
    std::uint32_t slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
        m_slots[slot] = std::move(event);
    } else {
        slot = std::uint32_t(m_slots.size());
        m_slots.push_back(std::move(event));
    }
    m_heap.push_back(Key{at, m_seq++, slot});
    std::push_heap(m_heap.begin(), m_heap.end(), Later{});
}

std::pair<protocol::TimePoint, SimEvent> EventQueue::pop()
{
    std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
    const Key key = m_heap.back();
    m_heap.pop_back();
    SimEvent event = std::move(m_slots[key.slot]);
    // Leave a cheap alternative behind so the slot holds no message storage.
    m_slots[key.slot] = Wakeup{};
    m_free.push_back(key.slot);
    return {key.at, std::move(event)};
}

} // namespace grapevine::sim
