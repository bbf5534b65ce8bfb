// member_table.h — the member map plus memberlist's probe order (state.go nodes/nodeMap).
// Owns: every MemberRecord, the round-robin probe index, random insertion, shuffle on wrap
// and reaping of long-dead entries. Never: protocol decisions (the engine makes those).
#pragma once

#include "member_record.h"

#include <functional>
#include <memory>
#include <random>
#include <string_view>
#include <vector>

namespace grapevine::protocol {

class MemberTable {
public:
    using Rng = std::mt19937_64;

    [[nodiscard]] MemberRecord *find(std::string_view name) const;
    [[nodiscard]] static std::size_t hashOf(std::string_view name);

    // Cache hints for a batch of lookups (one packet's broadcasts): first every slot, then
    // every record, so their memory loads overlap instead of each waiting in turn.
    void prefetchSlot(std::size_t hash) const;
    void prefetchRecord(std::size_t hash) const;
    // Inserts at a random position of the probe order so failure detection stays fair.
    MemberRecord *insert(std::unique_ptr<MemberRecord> record, Rng &rng);
    [[nodiscard]] int size() const { return static_cast<int>(m_order.size()); }
    [[nodiscard]] int liveCount() const { return m_live; }
    [[nodiscard]] int deadCount() const { return m_dead; } // state dead (not left)

    // The only way to change a record's state, so liveCount() stays exact.
    void setState(MemberRecord &record, wire::NodeState state);

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
        for (const auto &r : m_order)
            f(*r);
    }

private:
    // Open addressing with linear probing over record pointers: one contiguous array, so a
    // lookup costs about one cache miss plus the record itself (the simulator runs
    // thousands of tables). Rebuilt on growth and after a reap; never erased from singly.
    struct Slot {
        std::size_t hash = 0;
        MemberRecord *record = nullptr;
    };
    void rebuildIndex(std::size_t capacity);
    void indexInsert(MemberRecord *record);
    void reap(TimePoint now, Duration reapAge, const MemberRecord *self,
              const std::function<void(const MemberRecord &)> &onRemoved);

    std::vector<std::unique_ptr<MemberRecord>> m_order;
    std::vector<Slot> m_slots;
    std::size_t m_probeIndex = 0;
    int m_live = 0;
    int m_dead = 0;
};

} // namespace grapevine::protocol
