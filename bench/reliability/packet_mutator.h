// packet_mutator.h — hostile UDP datagrams for bench_flood: valid memberlist packets sealed
// with core/wire's encoder (single, compound, compressed, CRC), then bit-flipped, truncated,
// extended or replaced by noise. Benchmarks only. Never names a real cluster member in a
// valid message, so a surviving datagram is legal traffic, not an attack the protocol allows.
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

private:
    void buildBases();
    grapevine::wire::Bytes randomBytes(std::size_t count);
    std::string fakeName();

    std::mt19937_64 m_rng;
    std::vector<grapevine::wire::Bytes> m_bases;
};

const char *mutationName(Mutation kind);
