// packet_mutator.h — hostile UDP datagrams for bench_flood: valid memberlist packets sealed
// with core/wire's encoder (single, compound, compressed, CRC), then bit-flipped, truncated,
// extended or replaced by noise. Used by bench_flood and tests/integration/tst_hostile_input
// (through tests/support). Never names a real cluster member in a valid message, and never yields a
// datagram whose user message would set the value (valid UTF-8 or our envelope: the plain-text rule
// makes that legal traffic from a plain memberlist program, not an attack), so every datagram that
// survives decoding is harmless to the cluster it hits.
#pragma once

#include "core/wire/bytes.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

enum class Mutation { Valid, Flip, Truncate, Extend, Noise, Splice };

class PacketMutator {
public:
    explicit PacketMutator(std::uint64_t seed);

    // One datagram; `kind` tells which mutation made it.
    grapevine::wire::Bytes next(Mutation &kind);
    [[nodiscard]] std::size_t baseCount() const { return m_bases.size(); }
    // Candidates dropped because they would have set the value.
    [[nodiscard]] std::size_t skippedValues() const { return m_skippedValues; }

private:
    void buildBases();
    grapevine::wire::Bytes mutate(Mutation kind);
    grapevine::wire::Bytes randomBytes(std::size_t count);
    std::string fakeName();

    std::mt19937_64 m_rng;
    std::vector<grapevine::wire::Bytes> m_bases;
    std::size_t m_skippedValues = 0;
};

// True when the datagram, opened as an agent without keys would, carries a user message the
// value layer would apply (our envelope or plain UTF-8 text).
bool setsValue(const grapevine::wire::Bytes &datagram);

const char *mutationName(Mutation kind);
