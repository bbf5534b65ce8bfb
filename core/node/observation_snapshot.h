// observation_snapshot.h — converts the engine's protocol::Observation into the plain
// TimelineEntry the window, the HTTP API and the lab receive. Copies only.
#pragma once

#include "core/protocol/observation.h"
#include "timeline_entry.h"

namespace grapevine {

// `wallMsAtZero`: the wall-clock ms of the engine's TimePoint zero (a live node's start,
// or whatever epoch a simulated node is shown at).
TimelineEntry toTimelineEntry(const protocol::Observation &observation, qint64 wallMsAtZero);

} // namespace grapevine
