// cluster_glance.h — the whole lab cluster at a glance: one cell per node in a grid that
// stays readable at 2,000 nodes, coloured by what each node believes (its value against
// the newest, its view of one chosen member, its health score, or its partition side).
// Hover names a node and its state; a click selects it (nodeClicked); a drag (rubber band)
// or Ctrl+click picks a set of nodes (for a split). Paints only what the last frame says.
#pragma once

#include "lab_frame.h"

#include <QSet>
#include <QWidget>

class QRubberBand;

namespace grapevine::ui {

class ClusterGlance : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Value, View, Health, Partition };

    explicit ClusterGlance(QWidget *parent = nullptr);

    void setCells(const QVector<LabCell> &cells, int subject);
    void setMode(Mode mode);
    void setCurrent(int node); // the node whose panels are shown (outlined)
    void setPicked(const QSet<int> &nodes);

    [[nodiscard]] Mode mode() const { return m_mode; }
    [[nodiscard]] const QSet<int> &picked() const { return m_picked; }
    [[nodiscard]] int nodeAt(QPoint pos) const; // -1: none
    [[nodiscard]] QRect cellRect(int node) const;
    [[nodiscard]] QColor colorOf(const LabCell &cell) const;
    [[nodiscard]] QString describe(int node) const;
    [[nodiscard]] QSize sizeHint() const override { return {560, 480}; }
    [[nodiscard]] QSize minimumSizeHint() const override { return {240, 200}; }

signals:
    void nodeClicked(int node);
    void pickedChanged(const QSet<int> &nodes);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void layoutGrid();
    void paintLegend(QPainter &p) const;
    [[nodiscard]] QRect gridArea() const;

    QVector<LabCell> m_cells;
    Mode m_mode = Mode::Value;
    int m_subject = 0;
    int m_current = -1;
    QSet<int> m_picked;
    int m_columns = 1;
    int m_cell = 8;
    QPoint m_origin;
    QPoint m_pressAt;
    QRubberBand *m_band = nullptr;
};

} // namespace grapevine::ui
