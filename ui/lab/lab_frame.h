// lab_frame.h — what the lab's simulation thread sends the window, as plain copies:
// one LabFrame per drawn frame (every node's cell, the clock, counters, the rumor story,
// the recorded actions) and, for the one node being looked at, a LabNodeView in the same
// value types a live node sends (node_types.h, timeline_entry.h), so the window's panels
// read it unchanged.
#pragma once

#include "core/lab/lab_action.h"
#include "core/node/node_types.h"
#include "core/node/timeline_entry.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace grapevine::ui {

enum class CellLife : quint8 { Up, Stalled, Crashed, Left };
enum class CellValue : quint8 { None, Older, Newest };
// What a node believes about the chosen member: a MemberState, or none.
enum class CellView : quint8 { Alive, Suspect, Dead, Left, Unknown };

struct LabCell {
    CellLife life = CellLife::Up;
    CellValue value = CellValue::None;
    CellView view = CellView::Unknown;
    qint8 health = 0; // Lifeguard's score (0 = healthy); -1 when down
    quint8 group = 0; // partition side
};

struct LabInfection {
    int node = 0;
    int from = -1; // -1: none (origin, restored)
    QString path;  // "origin", "eager push", "gossip", "push/pull", "restored"
    qint64 atNs = 0;
};

// A rumor's story: the newest value's, or the newest membership rumor about one member
// (`membership`: then `value` names it, "n5 suspect at incarnation 1", and `version` is null).
struct LabRumor {
    quint64 generation = 0;
    bool membership = false;
    QString value;
    ValueVersion version;
    qint64 startedNs = 0;
    qint64 completeNs = -1; // -1: not every live node holds it yet
    QList<LabInfection> infections;
};

struct LabFrame {
    qint64 nowNs = 0;
    bool paused = true;
    double speed = 1; // 0: as fast as possible
    int subject = 0;  // the member whose view the cells show
    QVector<LabCell> cells;
    quint64 traceHash = 0;
    quint64 events = 0, packetsSent = 0, lost = 0, partitionDrops = 0;
    double lossFraction = 0;
    qint64 latencyNs = 0, jitterNs = 0;
    int gossipNodes = 3;
    qint64 gossipIntervalNs = 200'000'000;
    std::optional<LabRumor> rumor;       // only when it changed since the last frame
    std::optional<LabRumor> memberRumor; // about `subject`; only when it changed
    std::optional<QStringList> actions;  // "12.5 s  crash n3", only when they changed
    int actionsApplied = 0;
    qint64 untilNs = 0; // the recording's end (for the scrubber)
    QString seeking;    // non-empty while a scrub runs the simulation to its target
};

struct LabNodeView {
    quint64 run = 0; // a new run (opened, or rebuilt by a scrub back) starts the panels afresh
    int node = -1;
    QString name;
    QString address;
    QString life;
    QList<MemberSnapshot> members;
    ValueSnapshot value;
    int health = 0;
    QList<PacketTrace> packets; // new since the last view
    // Its failure-detection steps since the last view (the "Why?" panel), at the lab's
    // clock (labEpochMs() + virtual ms).
    QList<TimelineEntry> observations;
};

} // namespace grapevine::ui

Q_DECLARE_METATYPE(grapevine::ui::LabFrame)
Q_DECLARE_METATYPE(grapevine::ui::LabNodeView)
Q_DECLARE_METATYPE(grapevine::lab::LabAction)
