// name_hash.h — the hash every member-name index in the engine uses. Member names are short
// ("n42", a host name), and an engine hashes one per received broadcast, so this reads the
// name eight bytes at a time and ends with a strong finalizer (splitmix64), instead of the
// general-purpose byte loop of std::hash. Deterministic across runs; unseeded, as std::hash
// is: it only places names in open-addressed tables and never decides protocol behaviour.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace grapevine::protocol {

[[nodiscard]] inline std::uint64_t finalizeHash(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

[[nodiscard]] inline std::uint64_t hashName(std::string_view name)
{
    std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ name.size();
    std::size_t i = 0;
    for (; i + 8 <= name.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, name.data() + i, 8);
        h = finalizeHash(h ^ word);
    }
    std::uint64_t tail = 0; // at most seven bytes: a loop, not a variable-length memcpy call
    for (; i < name.size(); ++i)
        tail = (tail << 8) | static_cast<std::uint8_t>(name[i]);
    return finalizeHash(h ^ tail);
}

} // namespace grapevine::protocol
