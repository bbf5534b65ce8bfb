// snapshots.h — converts engine and register records into the plain value types the
// window and the agent receive (node_types.h). Copies only; no pointers into core state.
#pragma once

#include "core/protocol/effects.h"
#include "core/protocol/member.h"
#include "core/value/shared_value.h"
#include "node_clock.h"
#include "node_types.h"

namespace grapevine {

MemberState toMemberState(wire::NodeState state);
MemberChange toMemberChange(protocol::MemberEventKind kind);
ValueVersion toValueVersion(const value::Version &version);
MemberSnapshot toSnapshot(const protocol::MemberInfo &member, const NodeClock &clock);
ValueSnapshot toSnapshot(const value::ValueRegister::Entry &entry);
// Serf tags in a member's metadata into hasTags/tags (left unset for any other metadata);
// shared by live members and members reconstructed from a capture.
void readSerfTags(wire::ByteView meta, MemberSnapshot *snapshot);

} // namespace grapevine
