#include "ui/capture/tap_window.h"

#include "ui/capture/tap_worker.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/member_table_model.h"
#include "ui/widgets/cluster_view.h"
#include "ui/widgets/log_pane.h"
#include "ui/widgets/tags_column.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

namespace grapevine::ui {

TapWindow::TapWindow(const QString &interface, capture::DecodeOptions options, QWidget *parent)
    : QMainWindow(parent)
    , m_interface(interface)
    , m_log(new GossipLogModel(GossipLogModel::kDefaultCapacity, this))
    , m_members(new MemberTableModel(this))
    , m_thread(new QThread(this))
    , m_worker(new TapWorker(interface, std::move(options)))
{
    setObjectName(QStringLiteral("tapWindow"));
    setWindowTitle(tr("%1 — Grapevine tap").arg(interface));
    buildLayout();
    m_stop = m_worker->stopFlag();
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_worker, &TapWorker::run);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Through the mailbox, not queued signals: ThreadSanitizer sees the hand-over.
    relay(m_worker, &TapWorker::batch, &m_fromWorker, this,
          [this](const QList<PacketTrace> &packets, const QList<MemberSnapshot> &members) {
              onBatch(packets, members);
          });
    relay(m_worker, &TapWorker::tapping, &m_fromWorker, this, [this](const QString &filter) {
        statusBar()->showMessage(
            tr("Tapping %1 (%2) — passive: nothing is sent").arg(m_interface, filter));
    });
    relay(m_worker, &TapWorker::failed, &m_fromWorker, this,
          [this](const QString &reason) { showFailure(reason); });
    m_thread->start();
    resize(1200, 760);
}

TapWindow::~TapWindow()
{
    *m_stop = true; // the flag, not the worker: its own thread deletes it
    m_thread->quit();
    m_thread->wait();
}

void TapWindow::buildLayout()
{
    auto *memberTable = new QTableView;
    memberTable->setObjectName(QStringLiteral("tapMemberTable"));
    memberTable->setModel(m_members);
    memberTable->verticalHeader()->hide();
    memberTable->horizontalHeader()->setStretchLastSection(true);
    placeTagsOnceSerfIsSeen(memberTable, m_members);
    m_cluster = new ClusterView;
    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(memberTable);
    top->addWidget(m_cluster);
    m_logPane = new LogPane(m_log);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(m_logPane);
    m_failure = new QLabel;
    m_failure->setObjectName(QStringLiteral("tapFailure"));
    m_failure->setWordWrap(true);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failure->setStyleSheet(QStringLiteral("QLabel { color: #b00020; padding: 8px; }"));
    m_failure->hide();
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_failure);
    layout->addWidget(split, 1);
    setCentralWidget(central);
}

// The whole reason above the views (the capture-rights advice spans lines and holds a
// command to copy); the status bar keeps its first line.
void TapWindow::showFailure(const QString &reason)
{
    m_failure->setText(reason);
    m_failure->show();
    statusBar()->showMessage(reason.section(QLatin1Char('\n'), 0, 0));
    emit failed(reason);
}

QString TapWindow::failure() const
{
    return m_failure->text();
}

void TapWindow::onBatch(const QList<PacketTrace> &packets, const QList<MemberSnapshot> &members)
{
    for (const MemberSnapshot &member : members) {
        const bool known = m_members->rowOf(member.name) >= 0;
        m_members->upsert(member);
        m_cluster->applyChange(known ? MemberChange::Updated : MemberChange::Joined, member);
    }
    for (const PacketTrace &packet : packets) {
        m_log->append(packet); // the log's own tick inserts them, one insert per tick
        m_cluster->addPacket(packet);
    }
}

} // namespace grapevine::ui
