// timeline_chart.cpp — see the header.
#include "ui/widgets/timeline_chart.h"

#include "ui/models/timeline_series.h"
#include "ui/widgets/chart_support.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace grapevine::ui {

namespace {

constexpr qreal kBottomRow = 0.04; // probe outcomes
constexpr qreal kTopRow = 0.96;    // suspicion, refutation, death
constexpr qint64 kMinSpanMs = 30'000;

QList<QPointF> join(const QList<QPointF> &a, const QList<QPointF> &b)
{
    return a + b;
}

} // namespace

TimelineChart::TimelineChart(QWidget *parent)
    : QWidget(parent)
    , m_view(makeChartView(tr("Probes, round trips and the suspicion countdown"), this))
{
    setObjectName(QStringLiteral("timelineChart"));
    QChart *chart = m_view->chart();
    m_time = addTimeAxis(chart);
    // No axis titles to elide in a short dock: each axis takes its series' colour, and the
    // legend names the series (round trip in ms on the left, seconds left on the right).
    m_rttAxis = addValueAxis(chart, QString());
    m_countdownAxis = addValueAxis(chart, QString(), Qt::AlignRight);
    m_markerAxis = addValueAxis(chart, QString(), Qt::AlignRight);
    m_markerAxis->setVisible(false);
    m_rtt = new QLineSeries;
    m_rtt->setName(tr("round trip (ms)"));
    attach(chart, m_rtt, m_time, m_rttAxis);
    m_countdown = new QLineSeries;
    m_countdown->setName(tr("suspicion: seconds left"));
    m_countdown->setPen(QPen(QColor(0xe0, 0x9b, 0x14), 2.5));
    attach(chart, m_countdown, m_time, m_countdownAxis);
    m_rttAxis->setLabelsColor(m_rtt->color());
    m_countdownAxis->setLabelsColor(m_countdown->pen().color());
    m_acks = addMarkers(tr("ack"), QColor(0x27, 0x8e, 0x43), 7);
    m_missed = addMarkers(tr("ack missed / probe failed"), QColor(0xc0, 0x39, 0x2b), 9);
    m_suspicions = addMarkers(tr("suspected / confirmed"), QColor(0xe0, 0x9b, 0x14), 11);
    m_refutations = addMarkers(tr("refuted / rejoined"), QColor(0x29, 0x80, 0xb9), 13);
    m_deaths = addMarkers(tr("dead / left"), QColor(0x30, 0x30, 0x30), 13);
    m_legend = makeLegendLabel(QStringLiteral("timelineLegend"), this);
    showLegend(m_legend, chart);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_legend);
}

QScatterSeries *TimelineChart::addMarkers(const QString &name, const QColor &color, qreal size)
{
    auto *series = new QScatterSeries;
    series->setName(name);
    series->setColor(color);
    series->setBorderColor(color);
    series->setMarkerSize(size);
    attach(m_view->chart(), series, m_time, m_markerAxis);
    return series;
}

void TimelineChart::show(const QList<TimelineEntry> &entries, qint64 nowMs)
{
    using K = TimelineKind;
    const QList<QPointF> rtt = TimelineSeries::rtt(entries);
    const QList<QPointF> countdown = TimelineSeries::countdown(entries, nowMs);
    m_rtt->replace(rtt);
    m_countdown->replace(countdown);
    m_acks->replace(TimelineSeries::markers(entries, K::AckReceived, kBottomRow));
    m_missed->replace(join(TimelineSeries::markers(entries, K::AckMissed, kBottomRow),
                           TimelineSeries::markers(entries, K::ProbeFailed, kBottomRow)));
    m_suspicions->replace(join(TimelineSeries::markers(entries, K::SuspicionRaised, kTopRow),
                               TimelineSeries::markers(entries, K::SuspicionConfirmed, kTopRow)));
    m_refutations->replace(join(TimelineSeries::markers(entries, K::Refuted, kTopRow),
                                TimelineSeries::markers(entries, K::Rejoined, kTopRow)));
    m_deaths->replace(join(TimelineSeries::markers(entries, K::DeclaredDead, kTopRow),
                           TimelineSeries::markers(entries, K::Left, kTopRow)));
    const qint64 first = entries.isEmpty() ? nowMs : entries.first().timeMs;
    setTimeRange(m_time, std::min(first, nowMs - kMinSpanMs), nowMs);
    fitValues(m_rttAxis, {rtt}, 1.0);
    fitValues(m_countdownAxis, {countdown}, 1.0);
    m_markerAxis->setRange(0, 1);
}

} // namespace grapevine::ui
