// member_table.h — the member map plus memberlist's probe order (state.go nodes/nodeMap).
// Owns: every MemberRecord (in a RecordPool), running suspicions, the round-robin probe
// index, random insertion, shuffle on wrap and reaping of long-dead entries. Never: protocol decisions (the engine makes those).
#pragma once

#include "member_record.h"
#include "record_pool.h"
#include "suspicion.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace grapevine::protocol {

class MemberTable {
public:
    using Rng = std::mt19937_64;
    // What a 24-bit index slot can address: far beyond any memberlist cluster (they are run
    // at thousands), so a table this full refuses new names rather than growing the slots.
    static constexpr std::uint32_t kMaxMembers = (std::uint32_t(1) << 24) - 1;

    [[nodiscard]] MemberRecord *find(std::string_view name) const
    {
        return find(name, hashOf(name));
    }
    // The same with hashOf(name) already known (a shared message carries its subject's).
    // With `origin`, the alive `name` came in: a record holding that very object is taken
    // without comparing names (the simulator's engines share alives: the common case).
    [[nodiscard]] MemberRecord *find(std::string_view name, std::size_t hash,
                                     const SharedMessage *origin = nullptr) const;
    [[nodiscard]] static std::size_t hashOf(std::string_view name);

    // Cache hints for a batch of lookups (one packet's broadcasts): first every slot, then
    // every record, so their memory loads overlap instead of each waiting in turn.
    void prefetchSlot(std::size_t hash) const;
    void prefetchRecord(std::size_t hash) const;
    // A new record holding `alive` (state dead until the engine applies it), inserted at a
    // random position of the probe order so failure detection stays fair. The pointer stays
    // valid until the record is reaped. nullptr when the table already holds kMaxMembers.
    MemberRecord *insert(SharedMessage alive, Rng &rng);
    [[nodiscard]] int size() const { return static_cast<int>(m_order.size()); }
    [[nodiscard]] int liveCount() const { return m_live; }
    [[nodiscard]] int deadCount() const { return m_dead; } // state dead (not left)

    // The only way to change a record's state, so liveCount() stays exact.
    void setState(MemberRecord &record, wire::NodeState state);

    // Lifeguard's suspicion of a member, if one runs (few do at any time, so they are kept
    // here rather than in every record).
    [[nodiscard]] Suspicion *suspicionOf(const MemberRecord &record) const;
    Suspicion &startSuspicion(const MemberRecord &record, std::unique_ptr<Suspicion> suspicion);
    void endSuspicion(const MemberRecord &record);

    // Next probe candidate (skipping `self`, dead and left), or nullptr after one full lap.
    // On wrap: removes dead/left entries older than `reapAge` (reported through
    // `onRemoved` before they are destroyed), then shuffles.
    MemberRecord *nextProbeTarget(TimePoint now, Duration reapAge, const MemberRecord *self,
                                  Rng &rng,
                                  const std::function<void(const MemberRecord &)> &onRemoved);

    // Up to k distinct random members for which `accept` is true (memberlist kRandomNodes:
    // at most 3n draws, so large tables cost O(k), small ones are searched exhaustively).
    std::vector<MemberRecord *> randomMembers(int k, Rng &rng,
                                              const std::function<bool(const MemberRecord &)> &accept) const;

    template <class F> void forEach(F &&f) const
    {
        for (const std::uint32_t index : m_order)
            f(m_records[index]);
    }

private:
    // Open addressing with linear probing: one contiguous array, so a lookup costs about
    // one cache miss plus the record itself (the simulator runs thousands of tables).
    // Rebuilt on growth and after a reap; never erased from singly. A slot is one 4-byte
    // word: the record's index + 1 in the low 24 bits (0: empty) and the top 8 bits of the
    // name's hash above it (the position uses the low bits), so probing past other names
    // rarely touches their records. 4 bytes, not 8: at 10,000 simulated nodes there are
    // 10^8 slots' worth of members.
    using Slot = std::uint32_t;
    static constexpr int kIndexBits = 24;
    static constexpr Slot kIndexMask = (Slot(1) << kIndexBits) - 1;
    [[nodiscard]] static Slot tagOf(std::size_t hash)
    {
        return Slot(std::uint64_t(hash) >> 56) << kIndexBits;
    }
    [[nodiscard]] static Slot slotFor(std::uint32_t index, std::size_t hash)
    {
        return tagOf(hash) | (index + 1);
    }
    [[nodiscard]] static std::uint32_t indexIn(Slot slot) { return (slot & kIndexMask) - 1; }
    // False only when the tags differ: the name must still be compared.
    [[nodiscard]] static bool mayHold(Slot slot, std::size_t hash)
    {
        return (slot & ~kIndexMask) == tagOf(hash);
    }
    void rebuildIndex(std::size_t capacity);
    void indexInsert(std::uint32_t index);
    void reap(TimePoint now, Duration reapAge, const MemberRecord *self,
              const std::function<void(const MemberRecord &)> &onRemoved);

    // mutable: find() is const but hands out a record the engine may change, as before.
    mutable RecordPool m_records;
    std::vector<std::uint32_t> m_order; // probe order, as record indices
    std::vector<Slot> m_slots;
    std::unordered_map<const MemberRecord *, std::unique_ptr<Suspicion>> m_suspicions;
    std::size_t m_probeIndex = 0;
    int m_live = 0;
    int m_dead = 0;
};

} // namespace grapevine::protocol
