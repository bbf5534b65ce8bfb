// scenario_text.h — the small lexical pieces of the lab scenario format: splitting a line
// into words (a double-quoted word may hold spaces and escapes) and reading exact times,
// durations and fractions. Never: throws; every reader returns nothing on bad input.
#pragma once

#include "core/protocol/config.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grapevine::lab {

// Words separated by blanks; "…" is one word (its escapes undone). Nothing on an
// unterminated quote or an unknown escape.
std::optional<std::vector<std::string>> splitWords(std::string_view line);

// "12", "12.5", "12.000000001", optionally ending in "s": exact to the nanosecond.
std::optional<protocol::TimePoint> readSeconds(std::string_view text);
// "500us", "20ms", "1.5s", "0ns": a number and a unit (ns, us, ms, s).
std::optional<protocol::Duration> readDuration(std::string_view text);
// A fraction in [0, 1].
std::optional<double> readFraction(std::string_view text);
std::optional<std::uint64_t> readUnsigned(std::string_view text);

} // namespace grapevine::lab
