// health_chart.cpp — see the header.
#include "ui/widgets/health_chart.h"

#include "ui/models/timeline_series.h"
#include "ui/widgets/chart_support.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace grapevine::ui {

namespace {
constexpr qint64 kMinSpanMs = 60'000;
constexpr int kMaxScore = 7; // awarenessMaxMultiplier − 1 in every memberlist preset
} // namespace

HealthChart::HealthChart(QWidget *parent)
    : QWidget(parent)
    , m_view(makeChartView(tr("This node's health score (0 is healthy)"), this))
    , m_series(new QLineSeries)
{
    setObjectName(QStringLiteral("healthChart"));
    m_time = addTimeAxis(m_view->chart());
    m_score = addValueAxis(m_view->chart(), tr("score"));
    m_score->setRange(0, kMaxScore);
    m_score->setTickCount(kMaxScore + 1);
    m_score->setLabelFormat(QStringLiteral("%d"));
    m_series->setName(tr("health score"));
    m_series->setPen(QPen(QColor(0xe0, 0x9b, 0x14), 2.5));
    attach(m_view->chart(), m_series, m_time, m_score);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void HealthChart::show(const QList<TimelineEntry> &ownEntries, int score, qint64 nowMs)
{
    const QList<QPointF> points = TimelineSeries::health(ownEntries, score, nowMs);
    m_series->replace(points);
    const qint64 first = qint64(points.first().x());
    setTimeRange(m_time, std::min(first, nowMs - kMinSpanMs), nowMs);
}

} // namespace grapevine::ui
