// timeline_samples.h — made-up timeline entries for the "why" tests: a member probed, missed,
// suspected, confirmed and refuted, as the engine reports those steps (observation.h).
#pragma once

#include "core/node/timeline_entry.h"

#include <QList>
#include <QString>

namespace grapevine::testing {

inline TimelineEntry step(qint64 timeMs, TimelineKind kind, const QString &member,
                          const QString &peer = {})
{
    TimelineEntry e;
    e.timeMs = timeMs;
    e.kind = kind;
    e.member = member;
    e.peer = peer;
    return e;
}

inline TimelineEntry ack(qint64 timeMs, const QString &member, qint64 rttUs)
{
    TimelineEntry e = step(timeMs, TimelineKind::AckReceived, member);
    e.rttUs = rttUs;
    return e;
}

inline TimelineEntry suspicion(qint64 timeMs, TimelineKind kind, const QString &member,
                               const QString &by, int confirmations, int wanted, qint64 deadlineMs,
                               quint32 incarnation = 1)
{
    TimelineEntry e = step(timeMs, kind, member, by);
    e.incarnation = incarnation;
    e.confirmations = confirmations;
    e.confirmationsWanted = wanted;
    e.deadlineMs = deadlineMs;
    e.timeoutMs = deadlineMs - timeMs;
    return e;
}

inline TimelineEntry withIncarnation(TimelineEntry e, quint32 incarnation)
{
    e.incarnation = incarnation;
    return e;
}

// n3 as seen by n1 (times in ms from 0): probed fine, then a probe fails through n2 and n4,
// n1 suspects it (k = 3), n2 and n4 confirm, and n3 refutes at incarnation 7 1.4 s later.
inline QList<TimelineEntry> suspectedAndRefuted()
{
    using K = TimelineKind;
    TimelineEntry tcp = step(10'200, K::ProbeSent, "n3");
    tcp.route = ProbeRoute::Tcp;
    TimelineEntry failed = step(11'000, K::ProbeFailed, "n3");
    failed.nacks = 1;
    failed.relaysAsked = 2;
    return {
        step(5'000, K::ProbeSent, "n3"),
        ack(5'001, "n3", 480),
        step(10'000, K::ProbeSent, "n3"),
        step(10'200, K::AckMissed, "n3"),
        step(10'200, K::IndirectProbeSent, "n3", "n2"),
        step(10'200, K::IndirectProbeSent, "n3", "n4"),
        tcp,
        step(10'700, K::NackReceived, "n3", "n2"),
        failed,
        suspicion(11'000, K::SuspicionRaised, "n3", "n1", 0, 3, 35'000),
        suspicion(11'500, K::SuspicionConfirmed, "n3", "n2", 1, 3, 25'000),
        suspicion(12'000, K::SuspicionConfirmed, "n3", "n4", 2, 3, 19'000),
        withIncarnation(step(12'400, K::Refuted, "n3"), 7),
    };
}

} // namespace grapevine::testing
