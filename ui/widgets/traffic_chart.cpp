// traffic_chart.cpp — see the header.
#include "ui/widgets/traffic_chart.h"

#include "ui/models/traffic_rates.h"
#include "ui/widgets/chart_support.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace grapevine::ui {

TrafficChart::TrafficChart(QWidget *parent)
    : QWidget(parent)
    , m_packets(makePlot(tr("Packets per second by message type"), tr("packets/s"), this))
    , m_bytes(makePlot(tr("Bytes per second by message type"), tr("bytes/s"), this))
{
    setObjectName(QStringLiteral("trafficChart"));
    m_legend = makeLegendLabel(QStringLiteral("trafficLegend"), this);
    // Side by side: the Why? dock is as wide as the window but short at 900x600. Both plots
    // add their types in the same order, so they share colours and one legend.
    auto *plots = new QHBoxLayout;
    plots->addWidget(m_packets.view);
    plots->addWidget(m_bytes.view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(plots, 1);
    layout->addWidget(m_legend);
}

TrafficChart::Plot TrafficChart::makePlot(const QString &title, const QString &unit,
                                          QWidget *parent)
{
    Plot plot;
    plot.view = makeChartView(title, parent);
    plot.time = addTimeAxis(plot.view->chart());
    plot.values = addValueAxis(plot.view->chart(), unit);
    return plot;
}

void TrafficChart::show(const TrafficRates &rates, qint64 nowMs)
{
    showPlot(m_packets, rates, false, nowMs);
    showPlot(m_bytes, rates, true, nowMs);
    showLegend(m_legend, m_packets.view->chart());
}

void TrafficChart::showPlot(Plot &plot, const TrafficRates &rates, bool bytes, qint64 nowMs)
{
    QList<QList<QPointF>> all;
    for (const QString &type : rates.types()) {
        QLineSeries *&series = plot.series[type];
        if (!series) {
            series = new QLineSeries;
            series->setName(type);
            attach(plot.view->chart(), series, plot.time, plot.values);
        }
        const QList<QPointF> points =
            bytes ? rates.bytesPerSecond(type, nowMs) : rates.packetsPerSecond(type, nowMs);
        series->replace(points);
        all << points;
    }
    setTimeRange(plot.time, nowMs - TrafficRates::kSeconds * 1000, nowMs);
    fitValues(plot.values, all, 1.0);
}

} // namespace grapevine::ui
