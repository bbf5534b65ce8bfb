#include "lab_node_panel.h"

#include "lab_snapshots.h"
#include "ui/main_window.h"
#include "ui/models/member_table_model.h"
#include "ui/widgets/why_panel.h"

#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QVBoxLayout>

namespace grapevine::ui {

namespace {

constexpr int kWhyMinHeight = 340;

bool sameMember(const MemberSnapshot &a, const MemberSnapshot &b)
{
    return a.state == b.state && a.incarnation == b.incarnation && a.rttUs == b.rttUs &&
           a.heldVersion == b.heldVersion && a.meta == b.meta && a.stateSinceMs == b.stateSinceMs &&
           a.confirmations == b.confirmations && a.suspicionDeadlineMs == b.suspicionDeadlineMs;
}

} // namespace

LabNodePanel::LabNodePanel(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_header(new QLabel(tr("Click a node to see the cluster from its side."), this))
{
    m_header->setObjectName(QStringLiteral("nodeHeader"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addWidget(m_header);
}

void LabNodePanel::recreate(const LabNodeView &view)
{
    delete m_panels;
    m_members.clear();
    m_version = {};
    m_health = -1;
    m_node = view.node;
    m_run = view.run;
    m_panels = new MainWindow(AppSettings{}, this);
    m_panels->setObjectName(QStringLiteral("labNodePanels"));
    m_panels->setWindowFlags(Qt::Widget);
    m_panels->menuBar()->hide();
    m_panels->memberModel()->setClock([this] { return m_nowMs; });
    m_panels->whyPanel()->setClock([this] { return labEpochMs() + m_nowMs; });
    m_layout->addWidget(m_panels, 1);
    const lab::NodeId node = lab::NodeId(view.node);
    connect(m_panels, &MainWindow::setValueRequested, this, [this, node](const QString &text) {
        lab::LabAction a;
        a.kind = lab::ActionKind::SetValue;
        a.node = node;
        a.text = text.toStdString();
        emit actionRequested(a);
    });
    connect(m_panels, &MainWindow::leaveRequested, this, [this, node] {
        lab::LabAction a;
        a.kind = lab::ActionKind::Leave;
        a.node = node;
        emit actionRequested(a);
    });
    m_panels->onStarted(view.name, view.address);
    m_panels->show();
    // Here the window's panels share the lab with the cluster: "Why?" is what a lab user
    // comes to a node for, so its dock gets more room than in a node's own window.
    if (auto *why = m_panels->findChild<QDockWidget *>(QStringLiteral("whyDock")))
        m_panels->resizeDocks({why}, {std::max(kWhyMinHeight, height() * 45 / 100)}, Qt::Vertical);
}

void LabNodePanel::showView(const LabNodeView &view)
{
    if (view.node != m_node || view.run != m_run || !m_panels)
        recreate(view);
    m_header->setText(tr("%1 (%2) — %3, as the simulated node itself sees the cluster")
                          .arg(view.name, view.address, view.life));
    applyMembers(view.members);
    if (!(view.value.version == m_version)) {
        m_version = view.value.version;
        m_panels->onValueChanged(view.value);
    }
    if (view.health != m_health) {
        m_health = view.health;
        m_panels->onHealthChanged(view.health);
    }
    for (const PacketTrace &trace : view.packets)
        m_panels->onPacketTraced(trace);
    for (const TimelineEntry &entry : view.observations)
        m_panels->onObserved(entry);
}

void LabNodePanel::applyMembers(const QList<MemberSnapshot> &members)
{
    QHash<QString, MemberSnapshot> next;
    next.reserve(members.size());
    for (const MemberSnapshot &m : members) {
        next.insert(m.name, m);
        const auto it = m_members.constFind(m.name);
        if (it == m_members.constEnd())
            m_panels->onMemberChanged(MemberChange::Joined, m);
        else if (!sameMember(*it, m))
            m_panels->onMemberChanged(MemberChange::Updated, m);
    }
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it) {
        if (!next.contains(it.key()))
            m_panels->onMemberChanged(MemberChange::Removed, it.value());
    }
    m_members = std::move(next);
}

} // namespace grapevine::ui
