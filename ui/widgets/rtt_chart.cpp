// rtt_chart.cpp — see the header.
#include "ui/widgets/rtt_chart.h"

#include "ui/widgets/chart_support.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace grapevine::ui {

namespace {
constexpr qint64 kSpanMs = 120'000;
}

RttChart::RttChart(QWidget *parent)
    : QWidget(parent)
    , m_view(makeChartView(tr("Round-trip time per member"), this))
{
    setObjectName(QStringLiteral("rttChart"));
    m_time = addTimeAxis(m_view->chart());
    m_rtt = addValueAxis(m_view->chart(), tr("ms"));
    m_legend = makeLegendLabel(QStringLiteral("rttLegend"), this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_legend);
}

void RttChart::show(const QHash<QString, QList<QPointF>> &byMember, qint64 nowMs)
{
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (byMember.contains(it.key())) {
            ++it;
            continue;
        }
        m_view->chart()->removeSeries(it.value());
        delete it.value();
        it = m_series.erase(it);
    }
    QList<QList<QPointF>> all;
    for (auto it = byMember.cbegin(); it != byMember.cend(); ++it) {
        QLineSeries *&series = m_series[it.key()];
        if (!series) {
            series = new QLineSeries;
            series->setName(it.key());
            attach(m_view->chart(), series, m_time, m_rtt);
        }
        series->replace(it.value());
        all << it.value();
    }
    showLegend(m_legend, m_view->chart());
    setTimeRange(m_time, nowMs - kSpanMs, nowMs);
    fitValues(m_rtt, all, 1.0);
}

} // namespace grapevine::ui
