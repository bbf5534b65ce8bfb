// observation.cpp — display names of the observation enums (JSON, logs, the window).
#include "observation.h"

namespace grapevine::protocol {

const char *observationKindName(ObservationKind kind)
{
    switch (kind) {
    case ObservationKind::ProbeSent:
        return "probe-sent";
    case ObservationKind::AckReceived:
        return "ack-received";
    case ObservationKind::AckMissed:
        return "ack-missed";
    case ObservationKind::IndirectProbeSent:
        return "indirect-probe-sent";
    case ObservationKind::NackReceived:
        return "nack-received";
    case ObservationKind::ProbeFailed:
        return "probe-failed";
    case ObservationKind::SuspicionRaised:
        return "suspicion-raised";
    case ObservationKind::SuspicionConfirmed:
        return "suspicion-confirmed";
    case ObservationKind::Refuted:
        return "refuted";
    case ObservationKind::Rejoined:
        return "rejoined";
    case ObservationKind::DeclaredDead:
        return "declared-dead";
    case ObservationKind::Left:
        return "left";
    case ObservationKind::HealthChanged:
        return "health-changed";
    }
    return "unknown";
}

const char *probePathName(ProbePath path)
{
    switch (path) {
    case ProbePath::Direct:
        return "direct";
    case ProbePath::Indirect:
        return "indirect";
    case ProbePath::Tcp:
        return "tcp";
    }
    return "unknown";
}

const char *healthCauseName(HealthCause cause)
{
    switch (cause) {
    case HealthCause::None:
        return "none";
    case HealthCause::ProbeAcked:
        return "probe-acked";
    case HealthCause::ProbeFailed:
        return "probe-failed";
    case HealthCause::MissedNacks:
        return "missed-nacks";
    case HealthCause::Refuting:
        return "refuting";
    }
    return "unknown";
}

} // namespace grapevine::protocol
