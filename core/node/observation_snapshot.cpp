// observation_snapshot.cpp — see the header.
#include "observation_snapshot.h"

namespace grapevine {

namespace {

using protocol::ObservationKind;

TimelineKind toTimelineKind(ObservationKind kind)
{
    switch (kind) {
    case ObservationKind::ProbeSent:
        return TimelineKind::ProbeSent;
    case ObservationKind::AckReceived:
        return TimelineKind::AckReceived;
    case ObservationKind::AckMissed:
        return TimelineKind::AckMissed;
    case ObservationKind::IndirectProbeSent:
        return TimelineKind::IndirectProbeSent;
    case ObservationKind::NackReceived:
        return TimelineKind::NackReceived;
    case ObservationKind::ProbeFailed:
        return TimelineKind::ProbeFailed;
    case ObservationKind::SuspicionRaised:
        return TimelineKind::SuspicionRaised;
    case ObservationKind::SuspicionConfirmed:
        return TimelineKind::SuspicionConfirmed;
    case ObservationKind::Refuted:
        return TimelineKind::Refuted;
    case ObservationKind::Rejoined:
        return TimelineKind::Rejoined;
    case ObservationKind::DeclaredDead:
        return TimelineKind::DeclaredDead;
    case ObservationKind::Left:
        return TimelineKind::Left;
    case ObservationKind::HealthChanged:
        return TimelineKind::HealthChanged;
    }
    return TimelineKind::ProbeSent;
}

ProbeRoute toProbeRoute(protocol::ProbePath path)
{
    switch (path) {
    case protocol::ProbePath::Direct:
        return ProbeRoute::Direct;
    case protocol::ProbePath::Indirect:
        return ProbeRoute::Indirect;
    case protocol::ProbePath::Tcp:
        return ProbeRoute::Tcp;
    }
    return ProbeRoute::Direct;
}

HealthCause toHealthCause(protocol::HealthCause cause)
{
    switch (cause) {
    case protocol::HealthCause::None:
        return HealthCause::None;
    case protocol::HealthCause::ProbeAcked:
        return HealthCause::ProbeAcked;
    case protocol::HealthCause::ProbeFailed:
        return HealthCause::ProbeFailed;
    case protocol::HealthCause::MissedNacks:
        return HealthCause::MissedNacks;
    case protocol::HealthCause::Refuting:
        return HealthCause::Refuting;
    }
    return HealthCause::None;
}

qint64 toMs(protocol::Duration d)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

} // namespace

TimelineEntry toTimelineEntry(const protocol::Observation &o, qint64 wallMsAtZero)
{
    TimelineEntry e;
    e.timeMs = wallMsAtZero + toMs(o.at);
    e.kind = toTimelineKind(o.kind);
    e.member = QString::fromStdString(o.member);
    e.peer = QString::fromStdString(o.peer);
    e.route = toProbeRoute(o.path);
    e.incarnation = o.incarnation;
    if (o.kind == ObservationKind::AckReceived)
        e.rttUs = std::chrono::duration_cast<std::chrono::microseconds>(o.rtt).count();
    e.nacks = o.nacks;
    e.relaysAsked = o.relaysAsked;
    e.confirmations = o.confirmations;
    e.confirmationsWanted = o.confirmationsWanted;
    e.timeoutMs = toMs(o.timeout);
    if (o.kind == ObservationKind::SuspicionRaised || o.kind == ObservationKind::SuspicionConfirmed)
        e.deadlineMs = wallMsAtZero + toMs(o.deadline);
    e.health = o.health;
    e.healthBefore = o.healthBefore;
    e.cause = toHealthCause(o.cause);
    return e;
}

} // namespace grapevine
