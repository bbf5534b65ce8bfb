// chart_support.cpp — see the header.
#include "chart_support.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QValueAxis>
#include <QXYSeries>

#include <algorithm>

namespace grapevine::ui {

QChartView *makeChartView(const QString &title, QWidget *parent)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation); // live data: animations would lag
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(160);
    return view;
}

QDateTimeAxis *addTimeAxis(QChart *chart)
{
    auto *axis = new QDateTimeAxis;
    axis->setFormat(QStringLiteral("HH:mm:ss"));
    axis->setTickCount(6);
    chart->addAxis(axis, Qt::AlignBottom);
    return axis;
}

QValueAxis *addValueAxis(QChart *chart, const QString &title, Qt::Alignment alignment)
{
    auto *axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%.3g"));
    axis->setRange(0, 1);
    chart->addAxis(axis, alignment);
    return axis;
}

void attach(QChart *chart, QXYSeries *series, QDateTimeAxis *x, QValueAxis *y)
{
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

void setTimeRange(QDateTimeAxis *axis, qint64 fromMs, qint64 toMs)
{
    axis->setRange(QDateTime::fromMSecsSinceEpoch(fromMs),
                   QDateTime::fromMSecsSinceEpoch(std::max(toMs, fromMs + 1000)));
}

void fitValues(QValueAxis *axis, const QList<QList<QPointF>> &series, qreal minTop)
{
    qreal top = minTop;
    for (const QList<QPointF> &points : series)
        for (const QPointF &p : points)
            top = std::max(top, p.y() * 1.1);
    axis->setRange(0, top);
}

} // namespace grapevine::ui
