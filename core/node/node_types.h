// node_types.h — the plain value types a Node sends to the window and the agent.
// Copies only: the UI never holds pointers into core state. All are Q_DECLARE_METATYPE'd so
// they cross threads through queued connections.
#pragma once

#include "core/net/packet_trace.h" // PacketTrace and its parts, defined where they are made

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <string> // brings <compare>; naming <compare> itself trips Qt 6.4 moc in tests

namespace grapevine {

enum class MemberState { Alive, Suspect, Dead, Left };
QString memberStateName(MemberState state); // "alive" | "suspect" | "dead" | "left"

// The shared value's version: (Lamport time, origin name); higher wins, name breaks ties.
struct ValueVersion {
    quint64 lamport = 0;
    QString origin;
    [[nodiscard]] bool isNull() const { return lamport == 0 && origin.isEmpty(); }
    friend bool operator==(const ValueVersion &, const ValueVersion &) = default;
    // Every node's register order (core/value's Version): Lamport time, then the origin's
    // UTF-8 bytes — not QString's UTF-16 order, which differs past U+FFFF. The window ranks
    // versions with this, never with an order of its own.
    friend std::strong_ordering operator<=>(const ValueVersion &a, const ValueVersion &b);
};

struct MemberSnapshot {
    QString name;
    QString address; // "127.0.0.1"
    quint16 port = 0;
    MemberState state = MemberState::Alive;
    quint32 incarnation = 0;
    qint64 rttUs = -1;        // -1 = not measured yet
    QByteArray meta;          // raw metadata bytes
    ValueVersion heldVersion; // the value version the member advertises in its metadata
    qint64 stateSinceMs = 0;  // wall clock (ms since epoch) of the last state change
    int confirmations = 0;    // while suspect
    int confirmationsWanted = 0;
    qint64 suspicionDeadlineMs = 0; // wall clock ms; 0 when not suspect
    bool isSelf = false;
    // Serf members: the tags their metadata carries (decoded), the Vivaldi coordinate from
    // their last ping ack (seconds; empty when none) and the RTT it estimates from ours.
    bool hasTags = false;
    QMap<QString, QString> tags{};
    QList<double> coordinate{};
    qint64 estimatedRttUs = -1;
    bool leftByIntent = false; // Serf's leave intent said it left (graceful or force-leave)
    // Serf mode: memberlist has reaped this member; it is listed as Serf lists it (failed or
    // left) until Serf's own reaper would drop it.
    bool reaped = false;
};

enum class MemberChange { Joined, Updated, Left, Removed };

struct ValueSnapshot {
    QString value;
    ValueVersion version;
    qint64 updatedMs = 0; // wall clock of the local apply
};

// Set -> every live member advertises the version. Reported by the setter.
struct ConvergenceReport {
    ValueVersion version;
    int reached = 0;
    int total = 0;
    qint64 elapsedUs = 0;
    bool complete = false;
};

// A Serf happening that is not a value change: another user event, a query, a keyring
// change made by `serf keys`, a member's intent, or a problem with a Serf peer.
struct SerfNoticeInfo {
    QString kind; // "event", "query", "keyring", "intent", "problem"
    QString name;
    QByteArray payload{};
    quint64 ltime = 0;
    QString text; // one line for the log
};

// How a join ended, so a window can say more than "ok" or "failed".
enum class JoinOutcome {
    Joined,
    Failed,       // no seed answered (error says why)
    OwnAddress,   // every target was this node itself: nothing to join
    NameConflict, // a seed answered, but the cluster already knows this node's name elsewhere
    Cancelled,    // cancelJoin(): the answer, if one still comes, is not merged
};

struct JoinResult {
    QString target;  // what the user asked for, "host:port" (several: "a:1, b:2")
    bool ok = false; // outcome == Joined
    int members = 0; // live cluster size after the join
    QString error;   // why not: no answer over UDP, TCP refused, wrong key, …
    JoinOutcome outcome = JoinOutcome::Failed;
    QStringList peerNames{}; // the members the targets turned out to be, for "Recent peers"
};

// Another node uses this node's name (memberlist's NotifyConflict about our own name).
// Raised by the conflicting alive messages; over once a push/pull completes that carries none
// (the other node left, or the cluster took this node back).
struct NameConflictReport {
    bool active = false;
    bool impostor = false; // the cluster knew the name first at otherAddress: it ignores us
    QString name;
    QString otherAddress; // "ip:port" of the other node using the name
    QString message;      // one line, as the event log prints it
};

} // namespace grapevine

Q_DECLARE_METATYPE(grapevine::NameConflictReport)
Q_DECLARE_METATYPE(grapevine::MemberSnapshot)
Q_DECLARE_METATYPE(grapevine::ValueSnapshot)
Q_DECLARE_METATYPE(grapevine::ConvergenceReport)
Q_DECLARE_METATYPE(grapevine::JoinResult)
Q_DECLARE_METATYPE(grapevine::SerfNoticeInfo)
