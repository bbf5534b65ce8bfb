// lab_controls.h — the lab's controls as widgets: the network (loss, latency, jitter, and a
// per-link override), partitions (split the picked nodes off, heal), and the selected
// node (crash, stall for a time, restart, graceful leave, set a value). Each emits one
// LabAction; the runner applies and records it. Holds no simulation state of its own.
#pragma once

#include "lab_frame.h"

#include <QSet>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace grapevine::ui {

class LabControls : public QWidget {
    Q_OBJECT
public:
    explicit LabControls(QWidget *parent = nullptr);

    void setNode(int node);
    void setPicked(const QSet<int> &nodes);
    // Shows the cluster's link settings (once, so the user's edits are not overwritten)
    // and keeps the partition sides for the next split.
    void setFrame(const LabFrame &frame);

signals:
    void actionRequested(const grapevine::lab::LabAction &action);

private:
    QWidget *buildNetwork();
    QWidget *buildLink();
    QWidget *buildPartition();
    QWidget *buildNode();
    void applyNetwork();
    void overrideLink(bool clear);
    void split();
    void nodeAction(lab::ActionKind kind);
    [[nodiscard]] lab::LabAction action(lab::ActionKind kind) const;

    int m_node = -1;
    int m_nodes = 0;
    QSet<int> m_picked;
    QVector<quint8> m_groups;
    bool m_linkShown = false;
    sim::LinkModel m_link;
    QDoubleSpinBox *m_loss;
    QDoubleSpinBox *m_latency;
    QDoubleSpinBox *m_jitter;
    QSpinBox *m_linkA;
    QSpinBox *m_linkB;
    QDoubleSpinBox *m_linkLoss;
    QDoubleSpinBox *m_linkLatency;
    QDoubleSpinBox *m_linkJitter;
    QLabel *m_pickedLabel;
    QLabel *m_nodeLabel;
    QDoubleSpinBox *m_stallFor;
    QLineEdit *m_value;
    QList<QPushButton *> m_nodeButtons;
};

} // namespace grapevine::ui
