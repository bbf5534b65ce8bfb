// timeline_series.cpp — see the header.
#include "ui/models/timeline_series.h"

#include <algorithm>

namespace grapevine::ui {

namespace {

qreal secondsLeft(qint64 deadlineMs, qint64 atMs)
{
    return qreal(std::max<qint64>(0, deadlineMs - atMs)) / 1000.0;
}

bool endsSuspicion(TimelineKind kind)
{
    return kind == TimelineKind::Refuted || kind == TimelineKind::Rejoined ||
           kind == TimelineKind::DeclaredDead || kind == TimelineKind::Left;
}

} // namespace

QList<QPointF> TimelineSeries::countdown(const QList<TimelineEntry> &entries, qint64 nowMs)
{
    QList<QPointF> points;
    qint64 deadline = -1; // the running suspicion's, or -1
    for (const TimelineEntry &e : entries) {
        const qreal x = qreal(e.timeMs);
        if (e.kind == TimelineKind::SuspicionRaised && deadline < 0) {
            points << QPointF(x, 0) << QPointF(x, secondsLeft(e.deadlineMs, e.timeMs));
            deadline = e.deadlineMs;
        } else if (e.kind == TimelineKind::SuspicionConfirmed && deadline >= 0) {
            points << QPointF(x, secondsLeft(deadline, e.timeMs))
                   << QPointF(x, secondsLeft(e.deadlineMs, e.timeMs));
            deadline = e.deadlineMs;
        } else if (endsSuspicion(e.kind) && deadline >= 0) {
            points << QPointF(x, secondsLeft(deadline, e.timeMs)) << QPointF(x, 0);
            deadline = -1;
        }
    }
    if (deadline >= 0) // still suspect: the countdown runs on to now (or to its end)
        points << QPointF(qreal(std::min(nowMs, deadline)), secondsLeft(deadline, nowMs));
    return points;
}

QList<QPointF> TimelineSeries::rtt(const QList<TimelineEntry> &entries)
{
    QList<QPointF> points;
    for (const TimelineEntry &e : entries)
        if (e.kind == TimelineKind::AckReceived && e.rttUs >= 0)
            points << QPointF(qreal(e.timeMs), qreal(e.rttUs) / 1000.0);
    return points;
}

QList<QPointF> TimelineSeries::markers(const QList<TimelineEntry> &entries, TimelineKind kind,
                                       qreal y)
{
    QList<QPointF> points;
    for (const TimelineEntry &e : entries)
        if (e.kind == kind)
            points << QPointF(qreal(e.timeMs), y);
    return points;
}

QList<QPointF> TimelineSeries::health(const QList<TimelineEntry> &ownEntries, int score,
                                      qint64 nowMs)
{
    QList<QPointF> points;
    for (const TimelineEntry &e : ownEntries) {
        if (e.kind != TimelineKind::HealthChanged)
            continue;
        const qreal x = qreal(e.timeMs);
        points << QPointF(x, e.healthBefore) << QPointF(x, e.health);
    }
    points << QPointF(qreal(nowMs), score);
    return points;
}

} // namespace grapevine::ui
