// claim_precedence.h — which of two claims about one member an observer keeps.
//
// Owns: memberlist's precedence as an outside reader applies it (captures, the lab's rumor
// stories); the engine's own rules stay in core/protocol. Never: state of any kind.
#pragma once

#include "core/wire/messages.h"

#include <cstdint>

namespace grapevine::wire {

// Whether an observer that holds (currentState, currentIncarnation) about a member takes the
// claim (state, incarnation) as newer: the higher incarnation wins; at one incarnation a
// suspect overrides an alive, and a dead or a leave overrides both.
bool claimSupersedes(NodeState state, std::uint32_t incarnation, NodeState currentState,
                     std::uint32_t currentIncarnation);

} // namespace grapevine::wire
