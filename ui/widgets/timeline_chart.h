// timeline_chart.h — one member's timeline drawn: its round-trip times, the suspicion
// countdown (seconds left before it would be declared dead, shrinking at each confirmation:
// TimelineSeries::countdown), and a marker per probe outcome, suspicion, refutation, death.
// Reads value types only (TimelineEntry), so a live node and a lab node draw the same way.
#pragma once

#include "core/node/timeline_entry.h"

#include <QList>
#include <QWidget>

class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace grapevine::ui {

class TimelineChart : public QWidget {
    Q_OBJECT
public:
    explicit TimelineChart(QWidget *parent = nullptr);

    // Redraws from `entries` (oldest first), the time axis ending at `nowMs`.
    void show(const QList<TimelineEntry> &entries, qint64 nowMs);
    [[nodiscard]] QChartView *view() const { return m_view; }
    [[nodiscard]] QLabel *legend() const { return m_legend; }

private:
    QScatterSeries *addMarkers(const QString &name, const QColor &color, qreal size);

    QChartView *m_view;
    QLabel *m_legend;
    QDateTimeAxis *m_time;
    QValueAxis *m_rttAxis;
    QValueAxis *m_countdownAxis;
    QValueAxis *m_markerAxis; // hidden: 0 (bottom row) … 1 (top row)
    QLineSeries *m_rtt;
    QLineSeries *m_countdown;
    QScatterSeries *m_acks;
    QScatterSeries *m_missed;
    QScatterSeries *m_suspicions;
    QScatterSeries *m_refutations;
    QScatterSeries *m_deaths;
};

} // namespace grapevine::ui
