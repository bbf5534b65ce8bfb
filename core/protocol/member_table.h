// member_table.h — the member map plus memberlist's probe order (state.go nodes/nodeMap).
// Owns: every MemberRecord, the round-robin probe index, random insertion, shuffle on wrap
// and reaping of long-dead entries. Never: protocol decisions (the engine makes those).
#pragma once

#include "member_record.h"

#include <cstdint>
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
    // A slot is one 8-byte word: the record's address in the low 48 bits and 16 bits of the
    // name's hash above them, so probing past other names rarely touches their records.
    // (User-space addresses fit in 48 bits on x86-64 and arm64; should one not, the table
    // stops tagging and compares names instead.)
    struct Slot {
        std::uint64_t word = 0; // 0: empty
    };
    static constexpr int kTagShift = 48;
    static constexpr std::uint64_t kAddressMask = (std::uint64_t(1) << kTagShift) - 1;
    [[nodiscard]] static std::uint64_t addressOf(const MemberRecord *record)
    {
        return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(record));
    }
    [[nodiscard]] MemberRecord *recordIn(Slot slot) const
    {
        const std::uint64_t address = m_tagged ? slot.word & kAddressMask : slot.word;
        return reinterpret_cast<MemberRecord *>(static_cast<std::uintptr_t>(address));
    }
    // False only when the tags differ: the name must still be compared.
    [[nodiscard]] bool mayHold(Slot slot, std::size_t hash) const
    {
        return !m_tagged || (slot.word >> kTagShift) == (std::uint64_t(hash) >> kTagShift);
    }
    void rebuildIndex(std::size_t capacity);
    void indexInsert(MemberRecord *record);
    void reap(TimePoint now, Duration reapAge, const MemberRecord *self,
              const std::function<void(const MemberRecord &)> &onRemoved);

    std::vector<std::unique_ptr<MemberRecord>> m_order;
    std::vector<Slot> m_slots;
    bool m_tagged = true;
    std::size_t m_probeIndex = 0;
    int m_live = 0;
    int m_dead = 0;
};

} // namespace grapevine::protocol
