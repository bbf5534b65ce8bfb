// timeline_entry.cpp — display names of the timeline enums (the HTTP API's JSON uses them).
#include "timeline_entry.h"

namespace grapevine {

QString timelineKindName(TimelineKind kind)
{
    switch (kind) {
    case TimelineKind::ProbeSent:
        return QStringLiteral("probe-sent");
    case TimelineKind::AckReceived:
        return QStringLiteral("ack-received");
    case TimelineKind::AckMissed:
        return QStringLiteral("ack-missed");
    case TimelineKind::IndirectProbeSent:
        return QStringLiteral("indirect-probe-sent");
    case TimelineKind::NackReceived:
        return QStringLiteral("nack-received");
    case TimelineKind::ProbeFailed:
        return QStringLiteral("probe-failed");
    case TimelineKind::SuspicionRaised:
        return QStringLiteral("suspicion-raised");
    case TimelineKind::SuspicionConfirmed:
        return QStringLiteral("suspicion-confirmed");
    case TimelineKind::Refuted:
        return QStringLiteral("refuted");
    case TimelineKind::Rejoined:
        return QStringLiteral("rejoined");
    case TimelineKind::DeclaredDead:
        return QStringLiteral("declared-dead");
    case TimelineKind::Left:
        return QStringLiteral("left");
    case TimelineKind::HealthChanged:
        return QStringLiteral("health-changed");
    }
    return QStringLiteral("unknown");
}

QString probeRouteName(ProbeRoute route)
{
    switch (route) {
    case ProbeRoute::Direct:
        return QStringLiteral("direct");
    case ProbeRoute::Indirect:
        return QStringLiteral("indirect");
    case ProbeRoute::Tcp:
        return QStringLiteral("tcp");
    }
    return QStringLiteral("unknown");
}

QString healthCauseName(HealthCause cause)
{
    switch (cause) {
    case HealthCause::None:
        return QStringLiteral("none");
    case HealthCause::ProbeAcked:
        return QStringLiteral("probe-acked");
    case HealthCause::ProbeFailed:
        return QStringLiteral("probe-failed");
    case HealthCause::MissedNacks:
        return QStringLiteral("missed-nacks");
    case HealthCause::Refuting:
        return QStringLiteral("refuting");
    }
    return QStringLiteral("unknown");
}

} // namespace grapevine
