// precedence.h — SWIM's precedence in one place: which claim about a member (alive, suspect,
// dead or left, at an incarnation) may replace the state the engine holds for it, and what
// the engine does instead when the claim is about itself. memberlist spreads these rules
// over state.go aliveNode / suspectNode / deadNode; foca keeps them in Member::can_change.
// A pure function: the handlers in state.cpp ask it once and do what the verdict says.
// Never: reads a record, the clock or the table (the caller describes what it holds).
#pragma once

#include "core/wire/messages.h"

#include <cstdint>
#include <optional>

namespace grapevine::protocol {

enum class ClaimKind : std::uint8_t {
    Alive,
    Suspect,
    Dead, // declared dead by another member
    Left, // dead from the member itself: a graceful leave
};

struct Claim {
    ClaimKind kind = ClaimKind::Alive;
    std::uint32_t incarnation = 0;
    // An alive from a new address for a member that left or has been dead longer than
    // Config::deadNodeReclaimTime: it takes the name over at any incarnation.
    bool reclaims = false;
};

// The state held for the claim's subject.
struct Held {
    wire::NodeState state = wire::NodeState::Alive;
    std::uint32_t incarnation = 0;
};

enum class Subject : std::uint8_t {
    Member,      // another member
    Self,        // this engine's own member
    SelfLeaving, // this engine's own member, once leave() was called
};

enum class Verdict : std::uint8_t {
    Ignore,  // stale or no news: nothing changes
    Apply,   // the claim replaces the held state
    Confirm, // another suspicion of a member already suspected (Lifeguard)
    Refute,  // a claim about us at our incarnation or later: answer with a higher one
             // (unless it only repeats what we announce)
};

// `held`: nothing when the engine holds no record of the subject.
[[nodiscard]] Verdict precedence(const std::optional<Held> &held, const Claim &claim,
                                 Subject subject);

} // namespace grapevine::protocol
