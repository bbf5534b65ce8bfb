// node_ids.h — a dense 32-bit id for every member name, shared by the engines of one process
// that hold the same pointer (the simulator: SharedArena::nodeIds). MemberTable keeps its record
// for a name at that id in a plain array, so finding a member is a lookup here plus an index.
// Owns: the names, their hashes and how many tables hold each. Never: records or any
// protocol decision; never thread-safe (engines sharing one run on one thread).
//
// Why shared: an index of its own in each engine would be a cache miss for every broadcast
// the engine receives and 8 bytes per (engine, member) pair, 10^8 pairs at 10,000
// simulated nodes (docs/benchmarks.md has the figures). One table per process is
// small (a word and an entry per name) and stays in cache because every engine reads it.
//
// An id is counted: held once by each table that holds the name, and freed for reuse when
// the last one lets go, so a long-running node whose members come and go under new names
// does not grow this table (or its record array) without bound.
#pragma once

#include "flat_name_index.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace grapevine::protocol {

class NodeIds {
public:
    static constexpr std::uint32_t kNone = FlatNameIndex::kNone;
    // What FlatNameIndex can address (2^24 - 1 ids): far beyond any memberlist cluster.
    static constexpr std::uint32_t kMaxIds = FlatNameIndex::kMaxSlot + 1;

    // `name`'s id, or kNone; `hash` is hashName(name).
    [[nodiscard]] std::uint32_t find(std::string_view name, std::uint64_t hash) const
    {
        return m_index.find(name, hash, Keys{this});
    }
    // The id a name with this hash most likely has, without comparing names: a cache hint
    // (it may be another name's id), or kNone.
    [[nodiscard]] std::uint32_t guess(std::uint64_t hash) const { return m_index.guess(hash); }
    // `name`'s id, made if new, with one more holder; kNone when kMaxIds ids are in use.
    std::uint32_t acquire(std::string_view name, std::uint64_t hash);
    // One holder fewer; the last one frees the id (and forgets the name).
    void release(std::uint32_t id);

    [[nodiscard]] std::string_view nameOf(std::uint32_t id) const { return m_entries[id].name; }
    [[nodiscard]] std::uint32_t holders(std::uint32_t id) const { return m_entries[id].holders; }
    [[nodiscard]] std::size_t size() const { return m_index.size(); } // ids in use
    // One past the largest id ever handed out: what an array indexed by id may need.
    [[nodiscard]] std::uint32_t bound() const { return std::uint32_t(m_entries.size()); }

private:
    struct Entry {
        std::string name;
        std::uint64_t hash = 0;
        std::uint32_t holders = 0; // 0: a free id
    };
    struct Keys {
        const NodeIds *ids;
        std::string_view operator()(std::uint32_t id) const { return ids->m_entries[id].name; }
        [[nodiscard]] std::uint64_t hash(std::uint32_t id) const { return ids->m_entries[id].hash; }
    };

    std::vector<Entry> m_entries;
    std::vector<std::uint32_t> m_free; // freed ids, reused newest first
    FlatNameIndex m_index;
};

} // namespace grapevine::protocol
