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
    for (std::size_t i = hash & mask; m_slots[i].word; i = (i + 1) & mask) {
        if (mayHold(m_slots[i], hash)) {
            const auto *bytes = reinterpret_cast<const char *>(recordIn(m_slots[i]));
            __builtin_prefetch(bytes);
            __builtin_prefetch(bytes + 64);
            return;
        }
    }
}

MemberRecord *MemberTable::find(std::string_view name) const
{
    if (m_slots.empty())
        return nullptr;
    const std::size_t hash = hashOf(name);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (!slot.word)
            return nullptr;
        if (mayHold(slot, hash) && recordIn(slot)->name() == name)
            return recordIn(slot);
    }
}

void MemberTable::indexInsert(MemberRecord *record)
{
    const std::size_t hash = hashOf(record->name());
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = hash & mask;
    while (m_slots[i].word)
        i = (i + 1) & mask;
    const std::uint64_t tag = m_tagged ? std::uint64_t(hash) >> kTagShift << kTagShift : 0;
    m_slots[i] = Slot{addressOf(record) | tag};
}

void MemberTable::rebuildIndex(std::size_t capacity)
{
    m_slots.assign(capacity, Slot{});
    m_tagged = std::none_of(m_order.begin(), m_order.end(), [](const auto &r) {
        return (addressOf(r.get()) & ~kAddressMask) != 0;
    });
    for (const auto &r : m_order)
        indexInsert(r.get());
}

MemberRecord *MemberTable::insert(std::unique_ptr<MemberRecord> record, Rng &rng)
{
    MemberRecord *raw = record.get();
    if (raw->live())
        ++m_live;
    if (raw->state == wire::NodeState::Dead)
        ++m_dead;
    m_order.push_back(std::move(record));
    const bool fits = (addressOf(raw) & ~kAddressMask) == 0;
    if (m_order.size() * 2 > m_slots.size() || (m_tagged && !fits)) // load at most one half
        rebuildIndex(std::max<std::size_t>(16, m_slots.size() * 2));
    else
        indexInsert(raw);
    const std::size_t offset = rng() % m_order.size();
    std::swap(m_order[offset], m_order.back());
    return raw;
}

void MemberTable::setState(MemberRecord &record, wire::NodeState state)
{
    const bool wasLive = record.live();
    const bool wasDead = record.state == wire::NodeState::Dead;
    record.state = state;
    m_live += (record.live() ? 1 : 0) - (wasLive ? 1 : 0);
    m_dead += (state == wire::NodeState::Dead ? 1 : 0) - (wasDead ? 1 : 0);
}

void MemberTable::reap(TimePoint now, Duration reapAge, const MemberRecord *self,
                       const std::function<void(const MemberRecord &)> &onRemoved)
{
    auto expired = [&](const std::unique_ptr<MemberRecord> &r) {
        return r.get() != self && r->deadOrLeft() && now - r->stateChange > reapAge;
    };
    auto tail = std::stable_partition(m_order.begin(), m_order.end(),
                                      [&](const auto &r) { return !expired(r); });
    if (tail == m_order.end())
        return;
    for (auto it = tail; it != m_order.end(); ++it) {
        if ((*it)->state == wire::NodeState::Dead)
            --m_dead;
        if (onRemoved)
            onRemoved(**it);
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
        MemberRecord *candidate = m_order[m_probeIndex++].get();
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
        MemberRecord *candidate = m_order[rng() % n].get();
        if (!accept(*candidate))
            continue;
        if (std::find(chosen.begin(), chosen.end(), candidate) == chosen.end())
            chosen.push_back(candidate);
    }
    return chosen;
}

} // namespace grapevine::protocol
