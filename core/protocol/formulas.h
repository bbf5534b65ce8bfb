// formulas.h — memberlist's scaling formulas (util.go, suspicion.go), bit-for-bit.
// Owns: retransmit limit, suspicion timeouts, push/pull scaling. Pure functions: no state,
// no clock. Values checked against memberlist-wire.md Appendix A.6.
#pragma once

#include "config.h"

namespace grapevine::protocol {

// RetransmitMult × ceil(log10(n + 1)): how often one broadcast is handed out in total.
[[nodiscard]] int retransmitLimit(int retransmitMult, int n);

// SuspicionMult × max(1, log10(max(1, n))) × interval; the scale is truncated to
// thousandths first (Go multiplies by 1000 and converts to an integer Duration).
[[nodiscard]] Duration suspicionTimeout(int suspicionMult, int n, Duration interval);

// PushPullInterval unchanged up to 32 nodes, then × (ceil(log2 n − log2 32) + 1).
[[nodiscard]] Duration pushPullScale(Duration interval, int n);

// Lifeguard: the whole suspicion timeout after `confirmations` of `k` wanted:
// max − ln(c+1)/ln(k+1) × (max − min), floored to milliseconds, never below min.
[[nodiscard]] Duration suspicionTimeoutAfter(int confirmations, int k, Duration min, Duration max);

// Time still to wait, given how long the suspicion has run (negative: fire now).
[[nodiscard]] Duration remainingSuspicionTime(int confirmations, int k, Duration elapsed,
                                              Duration min, Duration max);

} // namespace grapevine::protocol
