// version.h — the shared value's version: (Lamport time, origin node name).
// Owns: the total order every node uses to pick the same winner (last-writer-wins).
// Never: reads a clock; a version is data, stamped by ValueRegister.
// Follows DESIGN.md "The shared value" (memberlist itself has no ordering for user data;
// the Lamport scheme is Serf's lamport.go idea, names break ties as in chitchat/Akka).
#pragma once

#include <cstdint>
#include <string> // also brings <compare>; naming <compare> here trips Qt 6.4 moc in tests

namespace grapevine::value {

struct Version {
    std::uint64_t lamport = 0;
    std::string origin;

    // The register's initial state: nothing was ever set.
    [[nodiscard]] bool isNull() const { return lamport == 0 && origin.empty(); }

    // Lamport first, then the origin name compared byte-wise as unsigned bytes, so every
    // node, whatever its locale, orders two concurrent sets the same way.
    friend std::strong_ordering operator<=>(const Version &a, const Version &b)
    {
        if (auto c = a.lamport <=> b.lamport; std::is_neq(c))
            return c;
        const int r = a.origin.compare(b.origin); // char_traits<char> compares as unsigned
        return r < 0 ? std::strong_ordering::less
                     : (r > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
    }
    friend bool operator==(const Version &, const Version &) = default;
};

} // namespace grapevine::value
