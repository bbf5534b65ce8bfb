// observation_log.h — the failure-detection steps of the one lab node being looked at
// (issue #16): a protocol::Observer that copies each Observation into a bounded queue the
// lab's runner takes from, as it takes the watched node's packets.
// Owns: the copies (kMaxObservations, the oldest dropped first). Never: calls back into the
// engine that reports (Observer's contract), nor listens to any node but the watched one —
// the other engines keep no observer, so watching costs nothing for them and nothing for
// the run (a run with or without a listener has the same trace hash).
#pragma once

#include "core/protocol/observation.h"

#include <deque>
#include <vector>

namespace grapevine::lab {

class ObservationLog final : public protocol::Observer {
public:
    static constexpr std::size_t kMaxObservations = 4096;

    void observe(const protocol::Observation &observation) override;
    // Everything observed since the last take, oldest first.
    std::vector<protocol::Observation> take();
    void clear() { m_items.clear(); }

private:
    std::deque<protocol::Observation> m_items;
};

} // namespace grapevine::lab
