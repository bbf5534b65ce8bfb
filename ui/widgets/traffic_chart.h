// traffic_chart.h — packets and bytes per second by (leading) message type, the last two
// minutes, from TrafficRates; two plots sharing a legend's colours, redrawn on a tick.
#pragma once

#include <QHash>
#include <QWidget>

class QChartView;
class QLabel;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace grapevine::ui {

class TrafficRates;

class TrafficChart : public QWidget {
    Q_OBJECT
public:
    explicit TrafficChart(QWidget *parent = nullptr);

    void show(const TrafficRates &rates, qint64 nowMs);
    [[nodiscard]] QChartView *packetsView() const { return m_packets.view; }
    [[nodiscard]] QChartView *bytesView() const { return m_bytes.view; }

private:
    struct Plot {
        QChartView *view = nullptr;
        QDateTimeAxis *time = nullptr;
        QValueAxis *values = nullptr;
        QHash<QString, QLineSeries *> series;
    };
    static Plot makePlot(const QString &title, const QString &unit, QWidget *parent);
    static void showPlot(Plot &plot, const TrafficRates &rates, bool bytes, qint64 nowMs);

    Plot m_packets;
    Plot m_bytes;
    QLabel *m_legend;
};

} // namespace grapevine::ui
