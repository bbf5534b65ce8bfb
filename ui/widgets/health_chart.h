// health_chart.h — this node's own Lifeguard health score over time, as a step line
// (TimelineSeries::health); the panel lists the causes beside it.
#pragma once

#include "core/node/timeline_entry.h"

#include <QList>
#include <QWidget>

class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace grapevine::ui {

class HealthChart : public QWidget {
    Q_OBJECT
public:
    explicit HealthChart(QWidget *parent = nullptr);

    void show(const QList<TimelineEntry> &ownEntries, int score, qint64 nowMs);
    [[nodiscard]] QChartView *view() const { return m_view; }

private:
    QChartView *m_view;
    QDateTimeAxis *m_time;
    QValueAxis *m_score;
    QLineSeries *m_series;
};

} // namespace grapevine::ui
