// tags_column.h — where the member table shows Serf's tags: beside the state, wide enough to
// read, as soon as the cluster is known to be a Serf (Consul, Nomad) cluster. A live node
// knows from its mode; a capture or a tap knows once a member's metadata decodes as tags.
#pragma once

class QTableView;

namespace grapevine::ui {

class MemberTableModel;

// Moves the Tags column next to State and gives it room, and widens State for Serf's
// "dead (reaped)" (idempotent).
void placeTagsBesideState(QTableView *table);
// Does that the first time any member of `model` carries Serf tags (now or later).
void placeTagsOnceSerfIsSeen(QTableView *table, MemberTableModel *model);

} // namespace grapevine::ui
