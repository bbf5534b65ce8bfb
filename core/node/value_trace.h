// value_trace.h — reads Grapevine's own value envelope inside traced packets, so the gossip
// log shows "value="blue" lamport=7 origin=n2" instead of hex: for user messages (a value, a
// plain-text value from a plain memberlist program, or a held notice) and push/pull user
// state. The value's text goes into the summary, which the log's search looks through.
// Never: changes what the node does with the packet; it only describes it.
#pragma once

#include "core/node/node_types.h"

namespace grapevine {

void describeValues(PacketTrace *trace);

} // namespace grapevine
