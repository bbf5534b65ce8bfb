// lab_snapshots.h — copies a LabCluster's state out into the frame types the window reads.
// Runs on the simulation thread; the results cross to the GUI thread by value.
#pragma once

#include "core/lab/lab_cluster.h"
#include "lab_frame.h"

namespace grapevine::ui {

// The wall-clock ms the lab shows virtual time zero at: local midnight of 1970-01-01, so a
// time of day printed by the window's panels ("Suspected at 00:00:12") reads as the
// simulated time since the run began, in any time zone.
qint64 labEpochMs();
// A failure-detection step of the watched node, as a live node's window receives one.
TimelineEntry labTimelineEntry(const protocol::Observation &observation);

// Every node's cell: life, the value it holds against the newest, its view of `subject`.
QVector<LabCell> labCells(const lab::LabCluster &lab, lab::NodeId subject);
LabRumor labRumor(const lab::RumorStory &story);
LabRumor labRumor(const lab::MembershipStory &story);
// The node's members, value and health as a live node reports them (times are virtual ms).
LabNodeView labNodeView(const lab::LabCluster &lab, lab::NodeId node);
// A packet the watched node sent or received, as the gossip log shows a live one: the
// raw bytes are the real wire encoding of the simulated messages.
PacketTrace labPacketTrace(const lab::LabPacket &packet);

} // namespace grapevine::ui
