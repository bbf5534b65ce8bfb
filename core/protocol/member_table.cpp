// member_table.cpp — see member_table.h.
#include "member_table.h"

#include <algorithm>

namespace grapevine::protocol {

MemberRecord *MemberTable::find(std::string_view name) const
{
    auto it = m_byName.find(name);
    return it == m_byName.end() ? nullptr : it->second;
}

MemberRecord *MemberTable::insert(std::unique_ptr<MemberRecord> record, Rng &rng)
{
    MemberRecord *raw = record.get();
    if (raw->live())
        ++m_live;
    m_byName.emplace(std::string_view(raw->name), raw);
    m_order.push_back(std::move(record));
    const std::size_t offset = rng() % m_order.size();
    std::swap(m_order[offset], m_order.back());
    return raw;
}

void MemberTable::setState(MemberRecord &record, wire::NodeState state)
{
    const bool wasLive = record.live();
    record.state = state;
    m_live += (record.live() ? 1 : 0) - (wasLive ? 1 : 0);
}

void MemberTable::reap(TimePoint now, Duration reapAge, const MemberRecord *self,
                       const std::function<void(const MemberRecord &)> &onRemoved)
{
    auto expired = [&](const std::unique_ptr<MemberRecord> &r) {
        return r.get() != self && r->deadOrLeft() && now - r->stateChange > reapAge;
    };
    auto tail = std::stable_partition(m_order.begin(), m_order.end(),
                                      [&](const auto &r) { return !expired(r); });
    for (auto it = tail; it != m_order.end(); ++it) {
        if (onRemoved)
            onRemoved(**it);
        m_byName.erase(std::string_view((*it)->name));
    }
    m_order.erase(tail, m_order.end());
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
