// chart_support.h — the small pieces every Qt Charts plot of the window shares: a chart
// with no margins to waste, a wall-clock time axis, a titled value axis, and replacing a
// series' points in one call (one repaint per refresh, however many points).
#pragma once

#include <QList>
#include <QPointF>
#include <QString>

class QChart;
class QChartView;
class QDateTimeAxis;
class QValueAxis;
class QWidget;
class QXYSeries;

namespace grapevine::ui {

// A chart view with antialiasing, a compact legend at the bottom and `title`.
[[nodiscard]] QChartView *makeChartView(const QString &title, QWidget *parent);
[[nodiscard]] QDateTimeAxis *addTimeAxis(QChart *chart);
[[nodiscard]] QValueAxis *addValueAxis(QChart *chart, const QString &title,
                                       Qt::Alignment alignment = Qt::AlignLeft);
// Adds `series` to `chart` and attaches it to both axes.
void attach(QChart *chart, QXYSeries *series, QDateTimeAxis *x, QValueAxis *y);
// The time axis spans [fromMs, toMs]; a value axis spans [0, the largest y × 1.1] (at least
// `minTop`), so a live plot rescales as its data grows.
void setTimeRange(QDateTimeAxis *axis, qint64 fromMs, qint64 toMs);
void fitValues(QValueAxis *axis, const QList<QList<QPointF>> &series, qreal minTop);

} // namespace grapevine::ui
