// timeline_series.h — the points the timeline chart draws, computed from a member's
// timeline entries (pure functions: value types and "now" in, points out; x is wall-clock
// ms since the epoch, as QDateTimeAxis wants).
// The suspicion countdown is drawn as the countdown it is: from 0 it jumps to the whole
// Lifeguard timeout when the member is suspected, runs down one second per second, drops
// at each independent confirmation to what is left of the shorter timeout, and falls back
// to 0 at the refutation (or reaches it at the death).
#pragma once

#include "core/node/timeline_entry.h"

#include <QList>
#include <QPointF>

namespace grapevine::ui {

class TimelineSeries {
public:
    // (time, seconds left before the member is declared dead), 0 when not suspect.
    [[nodiscard]] static QList<QPointF> countdown(const QList<TimelineEntry> &entries,
                                                  qint64 nowMs);
    // (time, round trip in ms) of every acked probe.
    [[nodiscard]] static QList<QPointF> rtt(const QList<TimelineEntry> &entries);
    // (time, y) of every entry of `kind` (markers on a fixed row of the chart).
    [[nodiscard]] static QList<QPointF> markers(const QList<TimelineEntry> &entries,
                                                TimelineKind kind, qreal y);
    // (time, score) as a step line: this node's health over time, ending at now.
    [[nodiscard]] static QList<QPointF> health(const QList<TimelineEntry> &ownEntries, int score,
                                               qint64 nowMs);
};

} // namespace grapevine::ui
