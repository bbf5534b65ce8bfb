// lab_node_panel.h — one simulated node's perspective, in the window's own panels: a
// MainWindow (members, gossip log with decoded packets, cluster view, value panel) fed
// with the LabNodeView snapshots exactly as a live Node's signals feed it. Member changes
// are worked out here (joined / updated / removed) so the panels see only real changes.
// Setting a value or leaving from these panels becomes a lab action on that node. Its "Why?"
// dock reads the node's own observations on the lab's clock; a new run (a scrub back
// rebuilds the cluster) starts the panels afresh rather than repeat what they hold.
#pragma once

#include "lab_frame.h"
#include "ui/main_window.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace grapevine::ui {

class LabNodePanel : public QWidget {
    Q_OBJECT
public:
    explicit LabNodePanel(QWidget *parent = nullptr);

    void showView(const LabNodeView &view);
    void setNowMs(qint64 nowMs) { m_nowMs = nowMs; }
    [[nodiscard]] MainWindow *panels() const { return m_panels; }
    [[nodiscard]] int node() const { return m_node; }

signals:
    void actionRequested(const grapevine::lab::LabAction &action);

private:
    void recreate(const LabNodeView &view);
    void applyMembers(const QList<MemberSnapshot> &members);

    QVBoxLayout *m_layout;
    QLabel *m_header;
    QPointer<MainWindow> m_panels;
    int m_node = -1;
    quint64 m_run = 0;
    QHash<QString, MemberSnapshot> m_members;
    ValueVersion m_version;
    int m_health = -1;
    qint64 m_nowMs = 0;
};

} // namespace grapevine::ui
