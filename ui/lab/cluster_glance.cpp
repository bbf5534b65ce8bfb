#include "cluster_glance.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QRubberBand>
#include <QToolTip>
#include <cmath>

namespace grapevine::ui {

namespace {

constexpr int kLegendHeight = 22;
constexpr int kDragThreshold = 4;

QColor lifeColor(CellLife life)
{
    switch (life) {
    case CellLife::Crashed:
        return QColor(0x30, 0x30, 0x30);
    case CellLife::Stalled:
        return QColor(0x4a, 0x7d, 0xe0);
    case CellLife::Left:
        return QColor(0xb8, 0xb8, 0xb8);
    case CellLife::Up:
        break;
    }
    return {};
}

QColor viewColor(CellView view)
{
    switch (view) {
    case CellView::Alive:
        return QColor(0x2e, 0x9d, 0x4f);
    case CellView::Suspect:
        return QColor(0xf0, 0x8c, 0x00);
    case CellView::Dead:
        return QColor(0xd0, 0x31, 0x2d);
    case CellView::Left:
        return QColor(0x8e, 0x8e, 0x8e);
    case CellView::Unknown:
        break;
    }
    return QColor(0xe6, 0xe6, 0xe6);
}

QColor valueColor(CellValue value)
{
    switch (value) {
    case CellValue::Newest:
        return QColor(0x2e, 0x9d, 0x4f);
    case CellValue::Older:
        return QColor(0xe0, 0xa0, 0x20);
    case CellValue::None:
        break;
    }
    return QColor(0xd6, 0xd6, 0xd6);
}

QColor healthColor(int score)
{
    // Lifeguard's awareness: 0 healthy … 8 (its maximum) worst.
    const double t = std::clamp(score / 8.0, 0.0, 1.0);
    return QColor::fromHsvF((1 - t) * 0.33, 0.75, 0.8);
}

QColor groupColor(int group)
{
    static const QColor kPalette[] = {QColor(0x5d, 0x8a, 0xa8), QColor(0xe3, 0x8b, 0x29),
                                      QColor(0x8e, 0x5e, 0xa2), QColor(0x3c, 0xa5, 0x8c),
                                      QColor(0xc2, 0x4b, 0x6a), QColor(0x9a, 0x9a, 0x3a)};
    return kPalette[group % int(std::size(kPalette))];
}

QString viewName(CellView view)
{
    switch (view) {
    case CellView::Alive:
        return ClusterGlance::tr("alive");
    case CellView::Suspect:
        return ClusterGlance::tr("suspect");
    case CellView::Dead:
        return ClusterGlance::tr("dead");
    case CellView::Left:
        return ClusterGlance::tr("left");
    case CellView::Unknown:
        break;
    }
    return ClusterGlance::tr("unknown");
}

QString lifeText(CellLife life)
{
    switch (life) {
    case CellLife::Up:
        return ClusterGlance::tr("up");
    case CellLife::Stalled:
        return ClusterGlance::tr("stalled");
    case CellLife::Crashed:
        return ClusterGlance::tr("crashed");
    case CellLife::Left:
        return ClusterGlance::tr("left");
    }
    return {};
}

QString valueText(CellValue value)
{
    switch (value) {
    case CellValue::Newest:
        return ClusterGlance::tr("holds the newest value");
    case CellValue::Older:
        return ClusterGlance::tr("holds an older value");
    case CellValue::None:
        break;
    }
    return ClusterGlance::tr("holds no value");
}

} // namespace

ClusterGlance::ClusterGlance(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ClusterGlance::setCells(const QVector<LabCell> &cells, int subject)
{
    const bool relayout = cells.size() != m_cells.size();
    m_cells = cells;
    m_subject = subject;
    if (relayout)
        layoutGrid();
    update();
}

void ClusterGlance::setMode(Mode mode)
{
    m_mode = mode;
    update();
}

void ClusterGlance::setCurrent(int node)
{
    m_current = node;
    update();
}

void ClusterGlance::setPicked(const QSet<int> &nodes)
{
    m_picked = nodes;
    update();
    emit pickedChanged(m_picked);
}

QRect ClusterGlance::gridArea() const
{
    return rect().adjusted(4, 4, -4, -4 - kLegendHeight);
}

void ClusterGlance::layoutGrid()
{
    const QRect area = gridArea();
    const int n = std::max<int>(int(m_cells.size()), 1);
    // The largest square cell that fits n cells in the area.
    int best = 1, bestColumns = n;
    for (int columns = 1; columns <= n; ++columns) {
        const int rows = (n + columns - 1) / columns;
        const int cell = std::min(area.width() / columns, area.height() / rows);
        if (cell > best) {
            best = cell;
            bestColumns = columns;
        }
    }
    m_cell = std::max(best, 2);
    m_columns = bestColumns;
    const int rows = (n + m_columns - 1) / m_columns;
    m_origin = area.topLeft() +
               QPoint((area.width() - m_columns * m_cell) / 2, (area.height() - rows * m_cell) / 2);
}

void ClusterGlance::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutGrid();
}

QRect ClusterGlance::cellRect(int node) const
{
    return {m_origin.x() + (node % m_columns) * m_cell, m_origin.y() + (node / m_columns) * m_cell,
            m_cell, m_cell};
}

int ClusterGlance::nodeAt(QPoint pos) const
{
    const QPoint rel = pos - m_origin;
    if (rel.x() < 0 || rel.y() < 0 || m_cell <= 0)
        return -1;
    const int column = rel.x() / m_cell;
    const int node = (rel.y() / m_cell) * m_columns + column;
    return column < m_columns && node < m_cells.size() ? node : -1;
}

QColor ClusterGlance::colorOf(const LabCell &cell) const
{
    if (m_mode == Mode::Partition)
        return groupColor(cell.group);
    if (cell.life != CellLife::Up && m_mode != Mode::View)
        return lifeColor(cell.life);
    switch (m_mode) {
    case Mode::Value:
        return valueColor(cell.value);
    case Mode::View:
        return cell.life == CellLife::Crashed ? lifeColor(cell.life) : viewColor(cell.view);
    case Mode::Health:
        return healthColor(cell.health);
    case Mode::Partition:
        break;
    }
    return {};
}

QString ClusterGlance::describe(int node) const
{
    if (node < 0 || node >= m_cells.size())
        return {};
    const LabCell &c = m_cells[node];
    return tr("n%1 — %2, %3, sees n%4 %5, health %6, side %7")
        .arg(QString::number(node), lifeText(c.life), valueText(c.value),
             QString::number(m_subject), viewName(c.view), QString::number(c.health),
             QString::number(c.group));
}

void ClusterGlance::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const int gap = m_cell >= 6 ? 1 : 0;
    for (int i = 0; i < m_cells.size(); ++i)
        p.fillRect(cellRect(i).adjusted(0, 0, -gap, -gap), colorOf(m_cells[i]));
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(palette().text().color(), 1, Qt::DotLine));
    for (int node : m_picked) {
        if (node < m_cells.size())
            p.drawRect(cellRect(node).adjusted(0, 0, -1 - gap, -1 - gap));
    }
    if (m_current >= 0 && m_current < m_cells.size()) {
        p.setPen(QPen(palette().highlight().color(), 2));
        p.drawRect(cellRect(m_current).adjusted(-1, -1, -gap, -gap));
    }
    paintLegend(p);
}

void ClusterGlance::paintLegend(QPainter &p) const
{
    QList<QPair<QColor, QString>> items;
    switch (m_mode) {
    case Mode::Value:
        items = {{valueColor(CellValue::Newest), tr("newest value")},
                 {valueColor(CellValue::Older), tr("older")},
                 {valueColor(CellValue::None), tr("none")}};
        break;
    case Mode::View:
        items = {{viewColor(CellView::Alive), tr("alive")},
                 {viewColor(CellView::Suspect), tr("suspect")},
                 {viewColor(CellView::Dead), tr("dead")},
                 {viewColor(CellView::Left), tr("left")},
                 {viewColor(CellView::Unknown), tr("unknown")}};
        break;
    case Mode::Health:
        items = {
            {healthColor(0), tr("health 0")}, {healthColor(4), tr("4")}, {healthColor(8), tr("8")}};
        break;
    case Mode::Partition:
        items = {{groupColor(0), tr("side 0")},
                 {groupColor(1), tr("side 1")},
                 {groupColor(2), tr("side 2")}};
        break;
    }
    if (m_mode != Mode::Partition)
        items += {{lifeColor(CellLife::Stalled), tr("stalled")},
                  {lifeColor(CellLife::Crashed), tr("crashed")}};
    int x = 6;
    const int y = height() - kLegendHeight + 4;
    p.setPen(palette().text().color());
    for (const auto &[color, text] : items) {
        p.fillRect(QRect(x, y + 2, 10, 10), color);
        x += 14;
        p.drawText(QPoint(x, y + 11), text);
        x += p.fontMetrics().horizontalAdvance(text) + 12;
    }
}

bool ClusterGlance::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int node = nodeAt(help->pos());
        if (node >= 0)
            QToolTip::showText(help->globalPos(), describe(node), this, cellRect(node));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void ClusterGlance::mousePressEvent(QMouseEvent *event)
{
    m_pressAt = event->position().toPoint();
    if (!m_band)
        m_band = new QRubberBand(QRubberBand::Rectangle, this);
    m_band->setGeometry(QRect(m_pressAt, QSize()));
}

void ClusterGlance::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || !m_band)
        return;
    const QRect band = QRect(m_pressAt, event->position().toPoint()).normalized();
    if (band.width() + band.height() > kDragThreshold) {
        m_band->setGeometry(band);
        m_band->show();
    }
}

void ClusterGlance::mouseReleaseEvent(QMouseEvent *event)
{
    const QPoint at = event->position().toPoint();
    if (m_band && m_band->isVisible()) {
        m_band->hide();
        QSet<int> nodes = event->modifiers() & Qt::ControlModifier ? m_picked : QSet<int>();
        for (int i = 0; i < m_cells.size(); ++i) {
            if (m_band->geometry().intersects(cellRect(i)))
                nodes.insert(i);
        }
        setPicked(nodes);
        return;
    }
    const int node = nodeAt(at);
    if (node < 0)
        return;
    if (event->modifiers() & Qt::ControlModifier) {
        QSet<int> nodes = m_picked;
        if (!nodes.remove(node))
            nodes.insert(node);
        setPicked(nodes);
        return;
    }
    emit nodeClicked(node);
}

} // namespace grapevine::ui
