// awareness.h — Lifeguard's local health score (memberlist awareness.go).
// Owns: one clamped integer. Never: clocks or I/O; the engine reports each change.
#pragma once

#include "config.h"

namespace grapevine::protocol {

class Awareness {
public:
    explicit Awareness(int maxMultiplier);

    // Adds delta, clamped to [0, max − 1]. Returns true when the score changed.
    bool applyDelta(int delta);
    [[nodiscard]] int score() const { return m_score; }
    // timeout × (score + 1): a node that is itself unhealthy waits longer before blaming.
    [[nodiscard]] Duration scaleTimeout(Duration timeout) const;

private:
    int m_max;
    int m_score = 0;
};

} // namespace grapevine::protocol
