// rtt_chart.h — round-trip time per member over time, one line each (the members the panel
// chooses: the most recently acked few and the selected one), redrawn on the panel's tick.
#pragma once

#include <QHash>
#include <QList>
#include <QPointF>
#include <QWidget>

class QChartView;
class QLabel;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace grapevine::ui {

class RttChart : public QWidget {
    Q_OBJECT
public:
    explicit RttChart(QWidget *parent = nullptr);

    // (time ms since the epoch, round trip ms) per member; members absent here are removed.
    void show(const QHash<QString, QList<QPointF>> &byMember, qint64 nowMs);
    [[nodiscard]] QChartView *view() const { return m_view; }

private:
    QChartView *m_view;
    QLabel *m_legend;
    QDateTimeAxis *m_time;
    QValueAxis *m_rtt;
    QHash<QString, QLineSeries *> m_series;
};

} // namespace grapevine::ui
