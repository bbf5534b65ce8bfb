// message_interner.h — one shared object per distinct alive message, for many engines in
// one process (the simulator). An engine that learns a member from push/pull state builds
// the alive it re-gossips itself; without this, a join storm of N nodes holds ~N²/2 equal
// copies (≈250 bytes each, and cold in cache when a packet is built from them).
// Never: thread-safe (engines sharing one run on one thread), never mutates a message.
// Entries no engine holds any more are dropped when the table has doubled since the last sweep.
#pragma once

#include "shared_message.h"

#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>

namespace grapevine::protocol {

class MessageInterner {
public:
    // The shared message equal to `alive`: an existing one, or a new one remembered, with
    // its wire::encodedSize recorded in the node (SharedMessage::knownEncodedSize): a join
    // storm queues each alive in every engine, which then need not encode it again.
    // Each gets an internId (SharedMessage::internId), reused once the message is swept.
    SharedMessage intern(const wire::Alive &alive);
    [[nodiscard]] std::size_t size() const { return m_set.size(); }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(const SharedMessage &m) const;
        std::size_t operator()(const wire::Alive &a) const;
    };
    struct Equal {
        using is_transparent = void;
        bool operator()(const SharedMessage &a, const SharedMessage &b) const;
        bool operator()(const wire::Alive &a, const SharedMessage &b) const;
        bool operator()(const SharedMessage &a, const wire::Alive &b) const;
    };
    void sweep();

    std::unordered_set<SharedMessage, Hash, Equal> m_set;
    std::vector<std::uint32_t> m_freeIds; // ids of swept messages
    std::uint32_t m_nextId = 1;
    std::size_t m_sweepAt = 1024;
};

} // namespace grapevine::protocol
