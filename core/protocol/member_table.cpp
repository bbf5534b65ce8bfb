// member_table.cpp — see member_table.h.
#include "member_table.h"
#include "name_hash.h"

#include <algorithm>

namespace grapevine::protocol {

std::size_t MemberTable::hashOf(std::string_view name)
{
    return static_cast<std::size_t>(hashName(name));
}

void MemberTable::prefetchSlot(std::size_t hash) const
{
    if (!m_slots.empty())
        __builtin_prefetch(&m_slots[hash & (m_slots.size() - 1)]);
}

void MemberTable::prefetchRecord(std::size_t hash) const
{
    if (m_slots.empty())
        return;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask; m_slots[i]; i = (i + 1) & mask) {
        if (mayHold(m_slots[i], hash)) {
            __builtin_prefetch(&m_records[indexIn(m_slots[i])]);
            return;
        }
    }
}

MemberRecord *MemberTable::find(std::string_view name, std::size_t hash,
                                const SharedMessage *origin) const
{
    if (m_slots.empty())
        return nullptr;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot slot = m_slots[i];
        if (!slot)
            return nullptr;
        if (!mayHold(slot, hash))
            continue;
        MemberRecord &record = m_records[indexIn(slot)];
        if ((origin && record.alive.get() == origin->get()) || record.name() == name)
            return &record;
    }
}

void MemberTable::indexInsert(std::uint32_t index)
{
    const std::size_t hash = hashOf(m_records[index].name());
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = hash & mask;
    while (m_slots[i])
        i = (i + 1) & mask;
    m_slots[i] = slotFor(index, hash);
}

void MemberTable::rebuildIndex(std::size_t capacity)
{
    m_slots.assign(capacity, Slot{});
    for (const std::uint32_t index : m_order)
        indexInsert(index);
}

MemberRecord *MemberTable::insert(SharedMessage alive, Rng &rng)
{
    if (m_order.size() >= kMaxMembers)
        return nullptr;
    const std::uint32_t index = m_records.allocate();
    MemberRecord &record = m_records[index];
    record.alive = std::move(alive);
    ++m_dead; // a new record is dead until the engine applies its alive
    m_order.push_back(index);
    // Load at most three quarters: the 8-bit tags keep long probe runs cheap (a run is
    // contiguous slots; foreign names are rarely compared), and the index is 4 bytes a
    // slot times 10^8 members at 10,000 simulated nodes.
    if (m_order.size() * 4 > m_slots.size() * 3)
        rebuildIndex(std::max<std::size_t>(16, m_slots.size() * 2));
    else
        indexInsert(index);
    const std::size_t offset = rng() % m_order.size();
    std::swap(m_order[offset], m_order.back());
    return &record;
}

void MemberTable::setState(MemberRecord &record, wire::NodeState state)
{
    const bool wasLive = record.live();
    const bool wasDead = record.state == wire::NodeState::Dead;
    record.state = state;
    m_live += (record.live() ? 1 : 0) - (wasLive ? 1 : 0);
    m_dead += (state == wire::NodeState::Dead ? 1 : 0) - (wasDead ? 1 : 0);
}

Suspicion *MemberTable::suspicionOf(const MemberRecord &record) const
{
    if (m_suspicions.empty()) // the usual case: spare the hash
        return nullptr;
    const auto it = m_suspicions.find(&record);
    return it == m_suspicions.end() ? nullptr : it->second.get();
}

Suspicion &MemberTable::startSuspicion(const MemberRecord &record,
                                       std::unique_ptr<Suspicion> suspicion)
{
    auto &held = m_suspicions[&record];
    held = std::move(suspicion);
    return *held;
}

void MemberTable::endSuspicion(const MemberRecord &record)
{
    if (!m_suspicions.empty())
        m_suspicions.erase(&record);
}

void MemberTable::reap(TimePoint now, Duration reapAge, const MemberRecord *self,
                       const std::function<void(const MemberRecord &)> &onRemoved)
{
    auto expired = [&](std::uint32_t index) {
        const MemberRecord &r = m_records[index];
        return &r != self && r.deadOrLeft() && now - r.stateChange > reapAge;
    };
    auto tail = std::stable_partition(m_order.begin(), m_order.end(),
                                      [&](std::uint32_t index) { return !expired(index); });
    if (tail == m_order.end())
        return;
    for (auto it = tail; it != m_order.end(); ++it) {
        const MemberRecord &record = m_records[*it];
        if (record.state == wire::NodeState::Dead)
            --m_dead;
        if (onRemoved)
            onRemoved(record);
        endSuspicion(record);
        m_records.release(*it);
    }
    m_order.erase(tail, m_order.end());
    rebuildIndex(m_slots.size());
}

MemberRecord *MemberTable::nextProbeTarget(
    TimePoint now, Duration reapAge, const MemberRecord *self, Rng &rng,
    const std::function<void(const MemberRecord &)> &onRemoved)
{
    std::size_t checked = 0;
    while (checked < m_order.size()) {
        if (m_probeIndex >= m_order.size()) {
            reap(now, reapAge, self, onRemoved);
            std::shuffle(m_order.begin(), m_order.end(), rng);
            m_probeIndex = 0;
            ++checked;
            continue;
        }
        MemberRecord *candidate = &m_records[m_order[m_probeIndex++]];
        if (candidate != self && !candidate->deadOrLeft())
            return candidate;
        ++checked;
    }
    return nullptr;
}

std::vector<MemberRecord *>
MemberTable::randomMembers(int k, Rng &rng,
                           const std::function<bool(const MemberRecord &)> &accept) const
{
    std::vector<MemberRecord *> chosen;
    const std::size_t n = m_order.size();
    for (std::size_t i = 0; i < 3 * n && static_cast<int>(chosen.size()) < k; ++i) {
        MemberRecord *candidate = &m_records[m_order[rng() % n]];
        if (!accept(*candidate))
            continue;
        if (std::find(chosen.begin(), chosen.end(), candidate) == chosen.end())
            chosen.push_back(candidate);
    }
    return chosen;
}

} // namespace grapevine::protocol
