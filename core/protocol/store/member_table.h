// member_table.h — the member map plus memberlist's probe order (state.go nodes/nodeMap).
// Owns: every MemberRecord (in a RecordPool, at its name's NodeIds id), the last RTT and running
// suspicion of each member, the "applied" bits, the round-robin probe order (MemberOrder),
// random insertion, shuffle on wrap and reaping of long-dead entries. Never: protocol
// decisions (the engine makes those). Reference model: memberlist's nodes slice + nodeMap
// (store/README.md); tests/protocol/tst_record_pool.cpp and tst_membership.cpp hold it to it.
#pragma once

#include "core/protocol/suspicion.h"
#include "member_order.h"
#include "member_record.h"
#include "message_interner.h"
#include "node_ids.h"
#include "record_pool.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace grapevine::protocol {

class MemberTable {
public:
    using Rng = std::mt19937_64;
    // A cap on one table, far beyond any memberlist cluster (they are run at thousands): a
    // table this full refuses new names.
    static constexpr std::uint32_t kMaxMembers = (std::uint32_t(1) << 24) - 1;

    // `ids`: the process's shared NodeIds (the simulator's engines share one); null: a
    // table of its own. `interner`: the process's shared MessageInterner, through which
    // every alive a record holds is made (null: each is made on its own).
    explicit MemberTable(std::shared_ptr<NodeIds> ids = nullptr,
                         std::shared_ptr<MessageInterner> interner = nullptr);
    ~MemberTable(); // lets go of every id it holds
    MemberTable(const MemberTable &) = delete;
    MemberTable &operator=(const MemberTable &) = delete;

    [[nodiscard]] MemberRecord *find(std::string_view name) const
    {
        return find(name, hashOf(name));
    }
    // The same with hashOf(name) already known (a shared message carries its subject's).
    [[nodiscard]] MemberRecord *find(std::string_view name, std::size_t hash) const;
    [[nodiscard]] static std::size_t hashOf(std::string_view name);
    // The record `alive` is about (null: none).
    [[nodiscard]] MemberRecord *find(const wire::Alive &alive) const
    {
        const SharedMessage *arriving = arrivingAs(alive);
        return arriving ? find(alive.node, arriving->subjectHash()) : find(alive.node);
    }
    // An alive about `record` that would change nothing: an incarnation no later than the
    // record's, at the same address.
    [[nodiscard]] bool holds(const MemberRecord &record, const wire::Alive &alive) const
    {
        // The very object applied here (the simulator's engines share them) is known without
        // reading it: a cache miss per re-gossiped alive in a join storm.
        const SharedMessage *arriving = arrivingAs(alive);
        if (arriving && record.alive.holds(*arriving))
            return true;
        return record.holds(alive.incarnation, alive.addr, alive.port);
    }
    // The engine's own name: the alives about it are never skipped by forEachNews().
    void setOwner(std::string_view name) { m_ownerHash = hashOf(name); }

    // While one lives, the message the engine handles arrived as `message`, an object another
    // engine of the process holds too (the simulator's seam, engine_sim.cpp, sets it): an
    // alive the rules pass in that is this very message is then kept and re-gossiped as that
    // object (find, holds, insert, assign, asSent), not as a copy. Not nested.
    class Arriving {
    public:
        Arriving(MemberTable &table, const SharedMessage &message)
            : m_table(table)
        {
            m_table.m_arriving = &message;
        }
        ~Arriving() { m_table.m_arriving = nullptr; }
        Arriving(const Arriving &) = delete;
        Arriving &operator=(const Arriving &) = delete;

    private:
        MemberTable &m_table;
    };

    // True when this table applied exactly `alive` (the very interned object) to its
    // subject's record, which holds it still: a re-gossip of it would change nothing. Reads
    // one bit, no record: in a join storm an engine receives every alive ~16 times, and
    // reading the record, a cache miss, would be the largest cost of each (the bits of a
    // 10,000-member table fit in 1.3 KiB). Exact only among engines that share one MessageInterner
    // (the ids are its own), which every engine that shares messages does (SharedArena::interner).
    [[nodiscard]] bool applied(const SharedMessage &alive) const
    {
        const std::uint32_t id = alive.internId();
        return id != 0 && id / 64 < m_applied.size() && (m_applied[id / 64] >> (id % 64) & 1);
    }
    void prefetchApplied() const // a cache hint for the applied() bits
    {
        if (!m_applied.empty())
            __builtin_prefetch(m_applied.data());
    }
    // A cache hint for the table's own fields that every event reads (the records, the probe
    // order, the suspicions, the applied bits' vector), not for what they point at.
    void prefetchFields() const
    {
        __builtin_prefetch(&m_records);
        __builtin_prefetch(&m_order);
        __builtin_prefetch(&m_suspicions);
        __builtin_prefetch(&m_applied);
    }
    // Sets the record's alive to `alive`, applied now (see applied()). The only way to
    // change a record's alive once inserted, so the bits stay true.
    void apply(MemberRecord &record, SharedMessage alive);
    // The record takes `alive`'s incarnation, address, port and meta, and its Vsn when it
    // carries a full one (a shorter Vsn never replaces a full one: the record then holds a
    // copy of `alive` with its Vsn kept).
    void assign(MemberRecord &record, const wire::Alive &alive);
    // `alive`, just inserted in or assigned to `record`, as the message to re-gossip exactly
    // as received: the object the record holds when it holds `alive` unchanged, else one of
    // its own.
    [[nodiscard]] SharedMessage asSent(const MemberRecord &record, const wire::Alive &alive) const;
    // A claim about a later incarnation than the record's alive (a suspect or dead message,
    // or our own refutation) moves the record there: it holds a copy of its alive with the
    // new incarnation, an alive nobody sent and that is never gossiped.
    void setIncarnation(MemberRecord &record, std::uint32_t incarnation);
    // Calls f(message) for each of one packet's broadcasts, in order, except the alives this
    // table applied already that are not about its owner: re-gossip that would change
    // nothing, dropped from the message's first cache line and one bit. The records the
    // others will read are asked for first, a batch at a time, so their loads overlap.
    template <class F> void forEachNews(const std::vector<SharedMessage> &messages, F &&f) const
    {
        constexpr std::size_t kBatch = 64;
        for (std::size_t first = 0; first < messages.size(); first += kBatch) {
            const std::size_t n = std::min(kBatch, messages.size() - first);
            for (std::size_t i = 0; i < n; ++i)
                if (!applied(messages[first + i]))
                    prefetchRecord(messages[first + i].subjectHash());
            for (std::size_t i = 0; i < n; ++i) {
                const SharedMessage &m = messages[first + i];
                if (m.subjectHash() != m_ownerHash && applied(m))
                    continue;
                f(m);
            }
        }
    }
    // Calls f(item, record) for each of `items` (anything with a `name`: a push/pull's node
    // states) in order, with the record held for that name then (null: none). Each name is
    // hashed once; records are asked for a few items ahead and their alives half as far
    // ahead, since each is a cache miss of its own (a push/pull reads every one).
    template <class Items, class F> void forEachNamed(const Items &items, F &&f)
    {
        constexpr std::size_t kAhead = 8;
        std::array<std::size_t, kAhead + 1> hashes{};
        const auto hashAt = [&](std::size_t i) -> std::size_t & {
            return hashes[i % hashes.size()];
        };
        const std::size_t n = items.size();
        for (std::size_t i = 0; i < std::min(n, kAhead); ++i)
            hashAt(i) = hashOf(items[i].name);
        for (std::size_t i = 0; i < n; ++i) {
            if (i + kAhead < n) {
                hashAt(i + kAhead) = hashOf(items[i + kAhead].name);
                prefetchRecord(hashAt(i + kAhead));
            }
            const std::size_t half = i + kAhead / 2;
            if (half < n)
                if (const MemberRecord *ahead = find(items[half].name, hashAt(half)))
                    prefetchAlive(*ahead);
            f(items[i], find(items[i].name, hashAt(i)));
        }
    }

    // A cache hint for a batch of lookups (one packet's broadcasts): the record a name with
    // this hash most likely has, so the records' memory loads overlap instead of each
    // waiting in turn. Reads no record.
    void prefetchRecord(std::size_t hash) const;
    // A new record holding `alive`, applied (see applied()), with state dead until the engine
    // sets it; inserted at a random position of the probe order so failure detection stays
    // fair. The pointer stays valid until the record is reaped. nullptr when the table
    // already holds kMaxMembers.
    MemberRecord *insert(const wire::Alive &alive, Rng &rng) { return insert(share(alive), rng); }
    MemberRecord *insert(SharedMessage alive, Rng &rng);
    // Room for `members` in all, so a table filled at once (EngineSim::adoptMembers) holds no
    // growth slack: 10^8 probe-order entries at 10,000 simulated nodes.
    void reserve(std::size_t members);
    [[nodiscard]] int size() const { return static_cast<int>(m_order.size()); }
    [[nodiscard]] int liveCount() const { return m_live; }
    [[nodiscard]] int deadCount() const { return m_dead; } // state dead (not left)

    // The only way to change a record's state, so liveCount() stays exact.
    void setState(MemberRecord &record, wire::NodeState state);

    // The last direct probe's round trip to a member (an hour fits), if one was measured.
    [[nodiscard]] std::optional<Duration> rttOf(const MemberRecord &record) const;
    void setRtt(const MemberRecord &record, Duration rtt);

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
    std::vector<MemberRecord *>
    randomMembers(int k, Rng &rng, const std::function<bool(const MemberRecord &)> &accept) const;
    // Exactly min(k, accepted) distinct members, uniformly: every accepted one is a candidate
    // (O(n)). For a fanout near the table's size, where kRandomNodes' 3n draws miss about
    // e^-3 of the members (a coupon collector), e.g. a setter's push to every peer.
    std::vector<MemberRecord *>
    sampleMembers(int k, Rng &rng, const std::function<bool(const MemberRecord &)> &accept) const;

    // In probe order. Asks for the records (and then their alives) a few steps ahead: the
    // order is random, so each is a cache miss of its own (a push/pull reads every one).
    template <class F> void forEach(F &&f) const
    {
        constexpr std::size_t kAhead = 8;
        const std::size_t n = m_order.size();
        for (std::size_t i = 0; i < n; ++i) {
            if (i + kAhead < n)
                __builtin_prefetch(&m_records[m_order[i + kAhead]]);
            if (i + kAhead / 2 < n)
                prefetchAlive(m_records[m_order[i + kAhead / 2]]);
            f(m_records[m_order[i]]);
        }
    }
    // Every member in memory order, which no decision may depend on: for order-free sums
    // over the whole table. Sequential reads, where probe order is a cache miss a record.
    template <class F> void forEachUnordered(F &&f) const
    {
        m_records.forEachSlot([&](const MemberRecord &record) {
            if (record.alive) // in the table (released records are reset)
                f(record);
        });
    }
    // A cache hint for the alive a record holds (read after the record itself).
    static void prefetchAlive(const MemberRecord &record)
    {
        if (record.alive)
            __builtin_prefetch(record.alive.get());
    }

private:
    // The arriving message when `alive` is that very object (see Arriving), else null.
    [[nodiscard]] const SharedMessage *arrivingAs(const wire::Alive &alive) const
    {
        if (m_arriving && std::get_if<wire::Alive>(m_arriving->get()) == &alive)
            return m_arriving;
        return nullptr;
    }
    // `alive` as a message a record can hold: the arriving object, the interned one, or a new
    // one.
    [[nodiscard]] SharedMessage share(const wire::Alive &alive) const;
    [[nodiscard]] SharedMessage messageFor(const wire::Alive &alive) const;
    [[nodiscard]] std::uint32_t idOf(const MemberRecord &record) const;
    void forgetRtt(std::uint32_t id);
    void setApplied(std::uint32_t internId, bool on);
    void reap(TimePoint now, Duration reapAge, const MemberRecord *self,
              const std::function<void(const MemberRecord &)> &onRemoved);

    std::shared_ptr<NodeIds> m_ids;
    std::shared_ptr<MessageInterner> m_interner;
    std::size_t m_ownerHash = 0;
    const SharedMessage *m_arriving = nullptr; // see Arriving
    // mutable: find() is const but hands out a record the engine may change, as before.
    mutable RecordPool m_records; // by id
    MemberOrder m_order;          // probe order, as ids
    std::unordered_map<const MemberRecord *, std::unique_ptr<Suspicion>> m_suspicions;
    // (id, RTT in microseconds) of the members probed so far, sorted by id: 8 bytes each,
    // and a large table probes few of its members in a short run (10,000 simulated nodes
    // probe ~30 each in 30 s). Found by binary search, once per probe.
    std::vector<std::pair<std::uint32_t, std::int32_t>> m_rtts;
    std::vector<std::uint64_t> m_applied; // a bit per internId: applied() and apply()
    std::size_t m_probeIndex = 0;
    int m_live = 0;
    int m_dead = 0;
};

} // namespace grapevine::protocol
