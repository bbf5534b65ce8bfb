// timeline_entry.h — one step of failure detection as the window, the HTTP API and the lab
// receive it: a plain copy of the engine's protocol::Observation with wall-clock times
// (see core/protocol/observation.h for what each kind means and which fields it uses).
// Never: a pointer into engine state; Q_DECLARE_METATYPE'd to cross threads.
#pragma once

#include <QMetaType>
#include <QString>

namespace grapevine {

enum class TimelineKind {
    ProbeSent,
    AckReceived,
    AckMissed,
    IndirectProbeSent,
    NackReceived,
    ProbeFailed,
    SuspicionRaised,
    SuspicionConfirmed,
    Refuted,
    Rejoined,
    DeclaredDead,
    Left,
    HealthChanged,
};
QString timelineKindName(TimelineKind kind); // "probe-sent", "ack-received", … (as the JSON)

enum class ProbeRoute { Direct, Indirect, Tcp };
QString probeRouteName(ProbeRoute route); // "direct" | "indirect" | "tcp"

enum class HealthCause { None, ProbeAcked, ProbeFailed, MissedNacks, Refuting };
QString healthCauseName(HealthCause cause); // "none", "probe-acked", …

struct TimelineEntry {
    qint64 timeMs = 0; // wall clock, ms since the epoch
    TimelineKind kind = TimelineKind::ProbeSent;
    QString member; // whom it is about; the node itself for HealthChanged
    QString peer;   // relay, accuser, confirmer, declarer (HealthChanged: whose probe)
    ProbeRoute route = ProbeRoute::Direct;
    quint32 incarnation = 0;
    qint64 rttUs = -1; // AckReceived
    int nacks = 0;
    int relaysAsked = 0;
    int confirmations = 0; // SuspicionRaised / SuspicionConfirmed
    int confirmationsWanted = 0;
    qint64 timeoutMs = 0;  // the whole suspicion timeout after this step
    qint64 deadlineMs = 0; // wall clock: declared dead then unless refuted
    int health = 0;        // HealthChanged: new score (0 = healthy) and the one before
    int healthBefore = 0;
    HealthCause cause = HealthCause::None;

    friend bool operator==(const TimelineEntry &, const TimelineEntry &) = default;
};

} // namespace grapevine

Q_DECLARE_METATYPE(grapevine::TimelineEntry)
