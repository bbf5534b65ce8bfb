// value_register.h — the last-writer-wins register with its Lamport clock.
// Owns: the held value, its version and the local Lamport clock. Pure data: no I/O,
// no clock reads (the caller passes wall-clock milliseconds for display only).
// Never: lets the clock go backwards, or replaces the value with an equal or older version.
#pragma once

#include "version.h"

#include <cstdint>
#include <string>

namespace grapevine::value {

class ValueRegister {
public:
    struct Entry {
        std::string value;
        Version version;
        std::int64_t updatedMs = 0; // wall clock of the local apply; never sent
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    // A local set: Lamport = max seen + 1 (saturating at the maximum), applied at once.
    Version set(std::string value, const std::string &self, std::int64_t nowMs);
    // A remote version: observed by the clock either way; replaces the held entry only when
    // strictly newer. Returns true when it replaced it.
    bool apply(const Entry &entry);
    // Raise the clock to at least `lamport` (seen on the wire without a full entry).
    void observe(std::uint64_t lamport);
    // After a restart: the persisted entry and clock (the clock never below the entry's).
    void restore(const Entry &entry, std::uint64_t clock);

    [[nodiscard]] const Entry &current() const { return m_current; }
    [[nodiscard]] std::uint64_t clock() const { return m_clock; }

private:
    Entry m_current;
    std::uint64_t m_clock = 0;
};

} // namespace grapevine::value
