// lab_snapshots.h — copies a LabCluster's state out into the frame types the window reads.
// Runs on the simulation thread; the results cross to the GUI thread by value.
#pragma once

#include "core/lab/lab_cluster.h"
#include "lab_frame.h"

namespace grapevine::ui {

// Every node's cell: life, the value it holds against the newest, its view of `subject`.
QVector<LabCell> labCells(const lab::LabCluster &lab, lab::NodeId subject);
LabRumor labRumor(const lab::RumorStory &story);
// The node's members, value and health as a live node reports them (times are virtual ms).
LabNodeView labNodeView(const lab::LabCluster &lab, lab::NodeId node);
// A packet the watched node sent or received, as the gossip log shows a live one: the
// raw bytes are the real wire encoding of the simulated messages.
PacketTrace labPacketTrace(const lab::LabPacket &packet);

} // namespace grapevine::ui
