// member_table.cpp — see member_table.h.
#include "member_table.h"
#include "name_hash.h"

#include <algorithm>

namespace grapevine::protocol {
namespace {

// Where `id`'s RTT is in the sorted (id, µs) list, or where it would go.
template <class Rtts> auto rttSlot(Rtts &rtts, std::uint32_t id)
{
    return std::lower_bound(rtts.begin(), rtts.end(), std::pair{id, INT32_MIN});
}

} // namespace

std::size_t MemberTable::hashOf(std::string_view name)
{
    return static_cast<std::size_t>(hashName(name));
}

MemberTable::MemberTable(std::shared_ptr<NodeIds> ids, std::shared_ptr<MessageInterner> interner)
    : m_ids(ids ? std::move(ids) : std::make_shared<NodeIds>())
    , m_interner(std::move(interner))
{
}

SharedMessage MemberTable::messageFor(const wire::Alive &alive) const
{
    return m_interner ? m_interner->intern(alive) : SharedMessage::make(alive);
}

SharedMessage MemberTable::share(const wire::Alive &alive) const
{
    const SharedMessage *arriving = arrivingAs(alive);
    return arriving ? *arriving : messageFor(alive);
}

void MemberTable::assign(MemberRecord &record, const wire::Alive &alive)
{
    if (alive.vsn.size() >= 6 || !record.hasVsn()) {
        apply(record, share(alive));
        return;
    }
    const auto kept = record.vsn();
    wire::Alive copy = alive;
    copy.vsn = wire::SmallBytes(kept.begin(), kept.end());
    apply(record, messageFor(copy));
}

SharedMessage MemberTable::asSent(const MemberRecord &record, const wire::Alive &alive) const
{
    if (const SharedMessage *arriving = arrivingAs(alive))
        return *arriving;
    // The record holds `alive` itself unless assign() kept its Vsn: then a copy that differs
    // in the Vsn alone.
    if (record.identity().vsn == alive.vsn)
        return record.alive.share();
    return messageFor(alive);
}

void MemberTable::setIncarnation(MemberRecord &record, std::uint32_t incarnation)
{
    if (record.incarnation() == incarnation)
        return;
    wire::Alive copy = record.identity();
    copy.incarnation = incarnation;
    apply(record, messageFor(copy));
}

MemberTable::~MemberTable()
{
    for (std::size_t i = 0; i < m_order.size(); ++i)
        m_ids->release(m_order[i]);
}

void MemberTable::prefetchRecord(std::size_t hash) const
{
    const std::uint32_t id = m_ids->guess(hash);
    if (id == NodeIds::kNone)
        return;
    if (const MemberRecord *record = m_records.addressOf(id))
        __builtin_prefetch(record);
}

MemberRecord *MemberTable::find(std::string_view name, std::size_t hash) const
{
    const std::uint32_t id = m_ids->find(name, hash);
    if (id == NodeIds::kNone)
        return nullptr;
    MemberRecord *record = m_records.addressOf(id);
    // Another table of the process may hold the name: ours holds it iff its record is set.
    return record && record->alive ? record : nullptr;
}

MemberRecord *MemberTable::insert(SharedMessage alive, Rng &rng)
{
    if (m_order.size() >= kMaxMembers)
        return nullptr;
    const std::string &name = std::get<wire::Alive>(*alive).node;
    const std::uint32_t id = m_ids->acquire(name, hashOf(name));
    if (id == NodeIds::kNone)
        return nullptr;
    MemberRecord &record = m_records.at(id);
    record.alive.setTag(unsigned(wire::NodeState::Dead));
    apply(record, std::move(alive));
    ++m_dead; // a new record is dead until the engine applies its alive
    m_order.pushBack(id);
    const std::size_t offset = rng() % m_order.size();
    m_order.swap(offset, m_order.size() - 1);
    return &record;
}

void MemberTable::setApplied(std::uint32_t id, bool on)
{
    if (id == 0)
        return;
    if (id / 64 >= m_applied.size()) {
        if (!on)
            return;
        m_applied.resize(std::max<std::size_t>(id / 64 + 1, m_applied.size() * 2));
    }
    const std::uint64_t bit = std::uint64_t(1) << (id % 64);
    m_applied[id / 64] = on ? (m_applied[id / 64] | bit) : (m_applied[id / 64] & ~bit);
}

void MemberTable::apply(MemberRecord &record, SharedMessage alive)
{
    setApplied(record.alive.internId(), false);
    setApplied(alive.internId(), true);
    record.alive.reset(std::move(alive));
}

void MemberTable::setState(MemberRecord &record, wire::NodeState state)
{
    const bool wasLive = record.live();
    const bool wasDead = record.state() == wire::NodeState::Dead;
    record.alive.setTag(unsigned(state));
    m_live += (record.live() ? 1 : 0) - (wasLive ? 1 : 0);
    m_dead += (state == wire::NodeState::Dead ? 1 : 0) - (wasDead ? 1 : 0);
}

std::uint32_t MemberTable::idOf(const MemberRecord &record) const
{
    return m_ids->find(record.name(), record.alive.subjectHash());
}

std::optional<Duration> MemberTable::rttOf(const MemberRecord &record) const
{
    const std::uint32_t id = idOf(record);
    const auto it = rttSlot(m_rtts, id);
    if (it == m_rtts.end() || it->first != id)
        return std::nullopt;
    return std::chrono::duration_cast<Duration>(std::chrono::microseconds(it->second));
}

void MemberTable::setRtt(const MemberRecord &record, Duration rtt)
{
    const std::uint32_t id = idOf(record);
    if (id == NodeIds::kNone)
        return; // not a record of this table
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(rtt).count();
    const auto kept = std::int32_t(std::clamp<std::int64_t>(micros, 0, INT32_MAX));
    const auto it = rttSlot(m_rtts, id);
    if (it != m_rtts.end() && it->first == id)
        it->second = kept;
    else
        m_rtts.insert(it, {id, kept});
}

void MemberTable::forgetRtt(std::uint32_t id)
{
    if (const auto it = rttSlot(m_rtts, id); it != m_rtts.end() && it->first == id)
        m_rtts.erase(it);
}

void MemberTable::reserve(std::size_t members)
{
    m_order.reserve(members);
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
    const std::size_t kept =
        m_order.stablePartition([&](std::uint32_t index) { return !expired(index); });
    if (kept == m_order.size())
        return;
    for (std::size_t i = kept; i < m_order.size(); ++i) {
        const std::uint32_t id = m_order[i];
        const MemberRecord &record = m_records[id];
        if (record.state() == wire::NodeState::Dead)
            --m_dead;
        if (onRemoved)
            onRemoved(record);
        endSuspicion(record);
        setApplied(record.alive.internId(), false);
        forgetRtt(id);
        m_records.release(id);
        m_ids->release(id);
    }
    m_order.truncate(kept);
}

MemberRecord *
MemberTable::nextProbeTarget(TimePoint now, Duration reapAge, const MemberRecord *self, Rng &rng,
                             const std::function<void(const MemberRecord &)> &onRemoved)
{
    std::size_t checked = 0;
    while (checked < m_order.size()) {
        if (m_probeIndex >= m_order.size()) {
            reap(now, reapAge, self, onRemoved);
            m_order.shuffle(rng);
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

std::vector<MemberRecord *>
MemberTable::sampleMembers(int k, Rng &rng,
                           const std::function<bool(const MemberRecord &)> &accept) const
{
    std::vector<MemberRecord *> candidates;
    candidates.reserve(m_order.size());
    for (std::size_t i = 0; i < m_order.size(); ++i) {
        MemberRecord *record = &m_records[m_order[i]];
        if (accept(*record))
            candidates.push_back(record);
    }
    // A partial Fisher-Yates shuffle: the first `take` places are the sample.
    const std::size_t take = std::min(candidates.size(), std::size_t(std::max(k, 0)));
    for (std::size_t i = 0; i < take; ++i)
        std::swap(candidates[i], candidates[i + rng() % (candidates.size() - i)]);
    candidates.resize(take);
    return candidates;
}

} // namespace grapevine::protocol
