// chart_support.cpp — see the header.
#include "ui/widgets/chart_support.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLabel>
#include <QValueAxis>
#include <QXYSeries>

#include <algorithm>

namespace grapevine::ui {

QChartView *makeChartView(const QString &title, QWidget *parent)
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation); // live data: animations would lag
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setToolTip(title);
    // Title, plot and legend stay readable at seven text lines; more would push the window
    // past 600 px high under the rest of its panes.
    view->setMinimumHeight(7 * view->fontMetrics().height());
    return view;
}

QLabel *makeLegendLabel(const QString &name, QWidget *parent)
{
    auto *legend = new QLabel(parent);
    legend->setObjectName(name);
    legend->setTextFormat(Qt::RichText);
    legend->setWordWrap(true);
    // A wrapped label's own minimum is its height at a guessed narrow width (many lines);
    // one line is the floor, the layout gives it its height for the real width.
    legend->setMinimumSize(1, legend->fontMetrics().lineSpacing());
    return legend;
}

void showLegend(QLabel *legend, const QChart *chart)
{
    QStringList entries;
    for (const QAbstractSeries *series : chart->series()) {
        const auto *xy = qobject_cast<const QXYSeries *>(series);
        const QColor color = xy ? xy->color() : legend->palette().text().color();
        // Non-breaking inside an entry, so lines only break between entries.
        entries << QStringLiteral("<span style='color:%1'>■</span>&nbsp;%2")
                       .arg(color.name(), series->name().toHtmlEscaped().replace(
                                              QLatin1Char(' '), QStringLiteral("&nbsp;")));
    }
    legend->setText(entries.join(QStringLiteral(" &nbsp; ")));
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
    axis->setTickCount(3); // more labels than fit a short plot would be elided to "…"

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
