// serf_trace.h — reads Serf's messages inside traced packets, so the gossip log shows
// "serf-user-event LTime=3 Name=deploy Payload=v1 …" instead of "user" and hex: user
// messages that core/serf reads as Serf's take the Serf type and its fields, an ack carrying
// Serf's Vivaldi coordinate gets it in its summary, and a push/pull whose user state is Serf's
// gets that state's fields under "user state". Used by a Serf-mode node and by capture
// playback and the live tap (where nobody knows in advance which cluster it is).
// Never: changes what the node does with the packet; bytes that are not Serf's are left as
// they were (serf::describeUserMessage says which are).
#pragma once

#include "core/node/node_types.h"

namespace grapevine {

void describeSerf(PacketTrace *trace);

} // namespace grapevine
