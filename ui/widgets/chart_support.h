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
class QLabel;
class QValueAxis;
class QWidget;
class QXYSeries;

namespace grapevine::ui {

// A chart view with antialiasing and no legend or title of its own: `title` becomes its
// tooltip (the tab says what it is), which leaves the plot its room in a short dock.
[[nodiscard]] QChartView *makeChartView(const QString &title, QWidget *parent);
// A legend that wraps onto more lines instead of eliding entries ("susp…") in a narrow
// chart: one coloured mark and the whole name per series. showLegend refreshes it from the
// chart's series (call it after adding series).
[[nodiscard]] QLabel *makeLegendLabel(const QString &name, QWidget *parent);
void showLegend(QLabel *legend, const QChart *chart);
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
