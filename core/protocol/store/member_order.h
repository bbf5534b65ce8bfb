// member_order.h — MemberTable's probe order: the members' NodeIds ids, in the order they are
// probed. Owns: the ids' memory. Never: records, randomness or any protocol decision.
//
// An id takes 16 bits while every id fits in them, as they do for any real node (its table
// has ids of its own) and for simulations of up to 65,536 nodes (their engines share one
// id table); the order switches to 32 bits from the first id that does not. At 10,000
// simulated nodes that halves 10^8 entries: 200 MB of the peak.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace grapevine::protocol {

class MemberOrder {
    // Calls f with whichever vector holds the ids (defined first: the others deduce from it).
    template <class F> decltype(auto) visit(F &&f) { return m_wide ? f(m_ids32) : f(m_ids16); }

public:
    [[nodiscard]] std::size_t size() const { return m_wide ? m_ids32.size() : m_ids16.size(); }
    [[nodiscard]] std::uint32_t operator[](std::size_t i) const
    {
        return m_wide ? m_ids32[i] : m_ids16[i];
    }
    void reserve(std::size_t n)
    {
        visit([n](auto &ids) { ids.reserve(n); });
    }
    void pushBack(std::uint32_t id)
    {
        if (!m_wide && id > UINT16_MAX)
            widen();
        visit([id](auto &ids) {
            ids.push_back(typename std::decay_t<decltype(ids)>::value_type(id));
        });
    }
    void swap(std::size_t a, std::size_t b)
    {
        visit([a, b](auto &ids) { std::swap(ids[a], ids[b]); });
    }
    template <class Rng> void shuffle(Rng &rng)
    {
        visit([&rng](auto &ids) { std::shuffle(ids.begin(), ids.end(), rng); });
    }
    // Moves the ids `keep` rejects behind the others, each run in its order as before, and
    // returns how many were kept.
    template <class Keep> std::size_t stablePartition(const Keep &keep)
    {
        return visit([&keep](auto &ids) {
            return std::size_t(std::stable_partition(ids.begin(), ids.end(),
                                                     [&keep](auto id) { return keep(id); }) -
                               ids.begin());
        });
    }
    void truncate(std::size_t n)
    {
        visit([n](auto &ids) { ids.resize(std::min(n, ids.size())); });
    }

private:
    void widen()
    {
        m_ids32.reserve(m_ids16.capacity());
        m_ids32.assign(m_ids16.begin(), m_ids16.end());
        std::vector<std::uint16_t>().swap(m_ids16);
        m_wide = true;
    }

    std::vector<std::uint16_t> m_ids16;
    std::vector<std::uint32_t> m_ids32;
    bool m_wide = false;
};

} // namespace grapevine::protocol
