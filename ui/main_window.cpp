#include "ui/main_window.h"

#include "ui/capture/capture_opener.h"
#include "ui/capture/pcapng_log_export.h"
#include "ui/dialogs/join_dialog.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/dialogs/value_history_dialog.h"
#include "ui/graceful_close.h"
#include "ui/models/departed_model.h"
#include "ui/models/gossip_filter_proxy.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/member_filter_proxy.h"
#include "ui/models/member_table_model.h"
#include "ui/models/value_history_model.h"
#include "ui/widgets/cluster_view.h"
#include "ui/widgets/conflict_banner.h"
#include "ui/widgets/decrypt_warning.h"
#include "ui/widgets/log_pane.h"
#include "ui/widgets/serf_panel.h"
#include "ui/widgets/status_line.h"
#include "ui/widgets/tags_column.h"
#include "ui/widgets/value_panel.h"
#include "ui/widgets/why_panel.h"
#include "ui/window_shortcuts.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace grapevine::ui {

namespace {
constexpr int kStatusTickMs = 250;
constexpr int kStatsEveryTicks = 4; // the node's counters, once a second

QString joinStatusText(const JoinResult &result)
{
    switch (result.outcome) {
    case JoinOutcome::Joined:
        return result.members == 1 ? MainWindow::tr("Joined %1: 1 member").arg(result.target)
                                   : MainWindow::tr("Joined %1: %2 members")
                                         .arg(result.target, QString::number(result.members));
    case JoinOutcome::OwnAddress:
        return MainWindow::tr("%1 is this node's own address: nothing to join.").arg(result.target);
    case JoinOutcome::NameConflict:
        return MainWindow::tr("Name conflict: %1").arg(result.error);
    case JoinOutcome::Cancelled:
        return MainWindow::tr("Join of %1 cancelled.").arg(result.target);
    case JoinOutcome::Failed:
        break;
    }
    return MainWindow::tr("Could not join %1: %2").arg(result.target, result.error);
}
} // namespace

MainWindow::MainWindow(const AppSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_members(new MemberTableModel(this))
    , m_memberFilter(new MemberFilterProxy(this))
    , m_log(new GossipLogModel(settings.logSize, this))
    , m_value(new ValuePanel(this))
    , m_cluster(new ClusterView(this))
    , m_logPane(new LogPane(m_log, this))
    , m_why(new WhyPanel(this))
    , m_history(new ValueHistoryModel(this))
    , m_departed(new DepartedModel(this))
    , m_graceful(new GracefulClose(this))
{
    setWindowTitle(tr("Grapevine"));
    m_memberFilter->setSourceModel(m_members);
    m_value->setObjectName(QStringLiteral("valuePanel"));
    m_logPane->setObjectName(QStringLiteral("logPane"));
    buildLayout();
    buildWhy();
    applyDefaultSizes();
    buildMenus();
    buildStatusBar();
    // The window's shortcuts must work while a text field has focus (Ctrl+E in the filter).
    auto *shortcuts = new WindowShortcuts(
        {QKeySequence(tr("Ctrl+E")), QKeySequence(tr("Ctrl+L")), QKeySequence(tr("Ctrl+P")),
         QKeySequence(tr("Ctrl+J")), QKeySequence(tr("Ctrl+Q")), QKeySequence(tr("Ctrl+F")),
         QKeySequence(tr("Ctrl+N")), QKeySequence(tr("Ctrl+H")), QKeySequence(tr("Ctrl+Shift+O")),
         QKeySequence(tr("Ctrl+O")), QKeySequence(tr("Ctrl+Shift+E"))},
        this);
    shortcuts->watchTextFields(this);
    buildSerfDock();
    connect(m_value, &ValuePanel::setRequested, this, &MainWindow::setValueRequested);
    connect(m_value, &ValuePanel::syncRequested, this, &MainWindow::syncRequested);
    connect(m_graceful, &GracefulClose::leaveRequested, this, &MainWindow::leaveRequested);
    // Counting states over every member is O(n): do it a few times a second, not per event.
    m_statusTick = new QTimer(this);
    m_statusTick->setInterval(kStatusTickMs);
    connect(m_statusTick, &QTimer::timeout, this, &MainWindow::onStatusTick);
    m_statusTick->start();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

GossipFilterProxy *MainWindow::logFilter() const
{
    return m_logPane->filter();
}

QWidget *MainWindow::buildMembers()
{
    auto *box = new QWidget(this);
    auto *filter = new QLineEdit(box);
    filter->setObjectName(QStringLiteral("memberFilter"));
    filter->setPlaceholderText(tr("Filter members by name, address, state, value…"));
    filter->setClearButtonEnabled(true);
    connect(filter, &QLineEdit::textChanged, m_memberFilter, &MemberFilterProxy::setText);
    m_memberTable = new QTableView(box);
    m_memberTable->setObjectName(QStringLiteral("memberTable"));
    m_memberTable->setModel(m_memberFilter);
    m_memberTable->setSortingEnabled(true);
    m_memberTable->sortByColumn(int(MemberTableModel::Column::Name), Qt::AscendingOrder);
    m_memberTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_memberTable->setAlternatingRowColors(true);
    m_memberTable->setShowGrid(false);
    m_memberTable->setWordWrap(false);
    m_memberTable->verticalHeader()->hide();
    m_memberTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_memberTable->verticalHeader()->setDefaultSectionSize(m_memberTable->fontMetrics().height() +
                                                           6);
    QHeaderView *h = m_memberTable->horizontalHeader();
    h->setStretchLastSection(true);
    const QList<int> widths{140, 115, 70, 40, 64, 110, 80, 60};
    // Never narrower than the header's own title (with room for the sort arrow), at any scale.
    for (int c = 0; c < m_members->columnCount(); ++c) {
        const QString title = m_members->headerData(c, Qt::Horizontal).toString();
        const int fit = h->fontMetrics().horizontalAdvance(title) +
                        2 * h->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, h) +
                        h->fontMetrics().height();
        h->resizeSection(c, qMax(widths.value(c, 80), fit));
    }
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(filter);
    layout->addWidget(m_memberTable);
    auto *tabs = new QTabWidget(this);
    tabs->setDocumentMode(true);
    tabs->addTab(box, tr("Members"));
    tabs->addTab(buildDeparted(), QString());
    const auto retitle = [this, tabs] {
        tabs->setTabText(1, tr("Departed (%1)").arg(m_departed->rowCount()));
    };
    connect(m_departed, &QAbstractItemModel::rowsInserted, this, retitle);
    connect(m_departed, &QAbstractItemModel::rowsRemoved, this, retitle);
    connect(m_departed, &QAbstractItemModel::modelReset, this, retitle);
    retitle();
    tabs->setTabToolTip(1, tr("Members the cluster has forgotten (dead or left, reaped after "
                              "30 s on LAN), kept here until you clear them"));
    return tabs;
}

// Reaped members, so a death is not a disappearance.
QWidget *MainWindow::buildDeparted()
{
    auto *box = new QWidget(this);
    auto *table = new QTableView(box);
    table->setObjectName(QStringLiteral("departedTable"));
    table->setModel(m_departed);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *clear = new QPushButton(tr("Clear departed"), box);
    clear->setObjectName(QStringLiteral("clearDepartedButton"));
    connect(clear, &QPushButton::clicked, m_departed, &DepartedModel::clear);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(table, 1);
    layout->addWidget(clear, 0, Qt::AlignRight);
    return box;
}

void MainWindow::buildLayout()
{
    m_cluster->setObjectName(QStringLiteral("clusterView"));
    m_valueBox = new QGroupBox(tr("Shared value"), this);
    m_valueBox->setObjectName(QStringLiteral("valueBox"));
    auto *valueLayout = new QVBoxLayout(m_valueBox);
    valueLayout->setContentsMargins(2, 2, 2, 2);
    valueLayout->addWidget(m_value);
    m_leftSplitter = new QSplitter(Qt::Vertical, this);
    m_leftSplitter->setObjectName(QStringLiteral("leftSplitter"));
    m_leftSplitter->addWidget(m_cluster);
    m_leftSplitter->addWidget(m_valueBox);
    m_leftSplitter->setStretchFactor(0, 1);
    m_leftSplitter->setStretchFactor(1, 0);

    m_membersBox = buildMembers();
    m_membersBox->setObjectName(QStringLiteral("membersBox"));
    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(QStringLiteral("rightSplitter"));
    m_rightSplitter->addWidget(m_membersBox);
    m_rightSplitter->addWidget(m_logPane);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_leftSplitter);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setChildrenCollapsible(false);
    applyDefaultSizes();
    m_conflict = new ConflictBanner(this);
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(6, 6, 6, 0);
    column->addWidget(m_conflict);
    column->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);
}

// "Why?": the selected member's timeline and this node's health, in a dock under the rest.
void MainWindow::buildWhy()
{
    auto *dock = new QDockWidget(tr("Why?"), this);
    dock->setObjectName(QStringLiteral("whyDock"));
    dock->setWidget(m_why);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    m_whyDock = dock;
    connect(m_memberTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_why->showMember(current.data(MemberTableModel::NameRole).toString());
            });
}

// Proportions rather than pixels, so they hold from 900x600 up and at any scale.
void MainWindow::applyDefaultSizes()
{
    const int width = qMax(900, this->width());
    const int height = qMax(600, this->height());
    m_mainSplitter->setSizes({width * 32 / 100, width * 68 / 100});
    m_rightSplitter->setSizes({height * 36 / 100, height * 64 / 100}); // members see 4+ rows
    if (m_whyDock)
        resizeDocks({m_whyDock}, {height * kWhyDockPercent / 100}, Qt::Vertical);
}

void MainWindow::restoreLayout()
{
    const QSettings store;
    restoreGeometry(store.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(store.value(QStringLiteral("window/state")).toByteArray());
    const QList<QSplitter *> splitters{m_mainSplitter, m_leftSplitter, m_rightSplitter};
    const QVariantList states = store.value(QStringLiteral("window/splitters")).toList();
    for (int i = 0; i < splitters.size() && i < states.size(); ++i)
        splitters.at(i)->restoreState(states.at(i).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings store;
    store.setValue(QStringLiteral("window/geometry"), saveGeometry());
    store.setValue(QStringLiteral("window/state"), saveState()); // the Why? dock
    store.setValue(QStringLiteral("window/splitters"),
                   QVariantList{m_mainSplitter->saveState(), m_leftSplitter->saveState(),
                                m_rightSplitter->saveState()});
}

void MainWindow::buildStatusBar()
{
    m_status = new StatusLine(statusBar());
    connect(m_status->decryptWarning(), &DecryptWarning::clicked, this,
            &MainWindow::showUndecryptable);
    refreshStatus();
}

void MainWindow::onStatusTick()
{
    if (++m_ticks % kStatsEveryTicks == 0)
        emit statsRequested();
    refreshStatus();
}

void MainWindow::refreshStatus()
{
    if (!m_statusDirty)
        return;
    m_statusDirty = false;
    StatusLine::Facts facts;
    facts.members = m_members->rowCount();
    facts.alive = m_members->countInState(MemberState::Alive);
    facts.suspect = m_members->countInState(MemberState::Suspect);
    facts.gone =
        m_members->countInState(MemberState::Dead) + m_members->countInState(MemberState::Left);
    facts.health = m_health;
    facts.malformed = m_malformed;
    facts.logDropped = m_log->droppedCount();
    m_status->showFacts(facts);
    // Serf members do not advertise the value they hold: no holder count in Serf mode.
    if (m_mode != QLatin1String("serf") && !m_valueVersion.isNull() &&
        !(m_valueVersion == m_reportVersion))
        m_value->showHolders(m_members->convergedCount(), facts.alive + facts.suspect);
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

DecryptWarning *MainWindow::decryptWarning() const
{
    return m_status->decryptWarning();
}

// Out of the cluster (before start, after Leave) only Join can work: Set and Sync would
// send to members this node no longer belongs with.
void MainWindow::setInCluster(bool inCluster)
{
    m_syncAction->setEnabled(inCluster);
    m_leaveAction->setEnabled(inCluster);
    m_value->setInCluster(inCluster);
    if (m_historyDialog)
        m_historyDialog->setCanSet(inCluster);
}

void MainWindow::onStarted(const QString &name, const QString &address)
{
    m_selfName = name;
    m_selfAddress = address;
    m_status->showSelf(name, address);
    m_why->setSelf(name);
    setWindowTitle(m_mode == QLatin1String("serf")
                       ? tr("Grapevine — %1 (%2) — Serf mode").arg(name, address)
                       : tr("Grapevine — %1 (%2)").arg(name, address));
    m_joinAction->setEnabled(true);
    m_newWindowAction->setEnabled(true);
    setInCluster(true);
    m_graceful->setMember(true);
}

void MainWindow::onMemberChanged(MemberChange change, const MemberSnapshot &member)
{
    if (change == MemberChange::Removed && m_members->rowOf(member.name) >= 0)
        m_departed->record(m_members->memberAt(m_members->rowOf(member.name)));
    m_members->applyChange(change, member);
    m_cluster->applyChange(change, member);
    if (m_serf && member.name == m_serf->memberName())
        m_serf->showMember(member);
    m_statusDirty = true;
}

void MainWindow::onValueChanged(const ValueSnapshot &value)
{
    m_value->showValue(value);
    m_history->record(value);
    m_valueVersion = value.version;
    m_statusDirty = true;
    m_members->setLocalValue(value.value);
    m_members->setLocalVersion(value.version);
    m_cluster->setLocalVersion(value.version);
}

void MainWindow::onConvergenceChanged(const ConvergenceReport &report)
{
    m_reportVersion = report.version;
    m_lastReport = report;
    m_value->showConvergence(report);
}

void MainWindow::onPacketTraced(const PacketTrace &trace)
{
    if (!trace.error.isEmpty())
        ++m_malformed;
    m_log->append(trace);
    m_cluster->addPacket(trace);
    m_why->addPacket(trace);
    m_statusDirty = true;
}

void MainWindow::onObserved(const TimelineEntry &entry)
{
    m_why->addEntry(entry);
}

void MainWindow::onHealthChanged(int score)
{
    m_health = score;
    m_statusDirty = true;
}

void MainWindow::onJoinFinished(const JoinResult &result)
{
    if (result.ok) {
        rememberPeer(result);
        setInCluster(true);
        m_graceful->setMember(true);
    }
    if (m_joinDialog)
        m_joinDialog->showResult(result);
    m_status->showMessage(joinStatusText(result), 8000);
}

void MainWindow::rememberPeer(const JoinResult &result)
{
    QSettings store;
    AppSettings::rememberPeer(store, result.target, result.peerNames);
    m_settings.recentPeers = AppSettings::load(store).recentPeers;
}

void MainWindow::onLeaveFinished()
{
    m_graceful->onLeaveFinished();
    setInCluster(false);
    m_status->showMessage(tr("Left the cluster. Cluster › Join… joins again."));
}

void MainWindow::setCloseConfirmation(std::function<bool(const QString &)> confirm)
{
    m_confirmClose = std::move(confirm);
}

void MainWindow::closeWithoutAsking()
{
    m_askBeforeClosing = false;
    close();
}

// Leaving matters when a value set here has reached no other member yet: closing now takes
// the only copy away. Empty when nothing is at stake.
QString MainWindow::closeQuestion() const
{
    if (m_graceful->phase() != GracefulClose::Phase::Member || m_lastReport.complete ||
        !(m_lastReport.version == m_valueVersion) || m_valueVersion.origin != m_selfName ||
        m_lastReport.total <= 1 || m_lastReport.reached > 1)
        return {};
    return tr("The value you set has reached no other member yet (%1 of %2). If this window "
              "closes now, the others never get it. Close anyway?")
        .arg(m_lastReport.reached)
        .arg(m_lastReport.total);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (const QString question = closeQuestion(); m_askBeforeClosing && !question.isEmpty()) {
        const bool proceed = m_confirmClose ? m_confirmClose(question)
                                            : QMessageBox::question(this, tr("Close Grapevine?"),
                                                                    question) == QMessageBox::Yes;
        if (!proceed) {
            event->ignore();
            return;
        }
        m_askBeforeClosing = false; // asked once; the close that follows the leave is not
    }
    if (m_graceful->phase() != GracefulClose::Phase::Leaving)
        saveLayout();
    if (m_graceful->deferClose()) {
        event->ignore();
        m_status->showMessage(tr("Leaving the cluster… (close again to quit at once)"));
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::onErrorOccurred(const QString &message)
{
    m_status->showMessage(message, 8000);
}

void MainWindow::onSetRefused(const QString &message)
{
    m_value->showError(message);
    m_status->showMessage(message, 8000);
}

void MainWindow::onNameConflictChanged(const NameConflictReport &report)
{
    m_conflict->showConflict(report);
}

void MainWindow::onStatsReported(const NodeStats &stats)
{
    decryptWarning()->setCounts(DecryptWarning::countsFromStats(stats));
}

void MainWindow::showUndecryptable()
{
    // The log's type column reads "malformed: decrypt: …" for exactly these packets.
    m_logPane->searchFor(QStringLiteral("malformed: decrypt"));
}

void MainWindow::setMaxValueBytes(int bytes)
{
    m_value->setMaxBytes(bytes);
}

void MainWindow::openJoinDialog()
{
    if (!m_joinDialog) {
        const AppSettings stored = AppSettings::load(QSettings()); // other windows' joins too
        m_joinDialog = new JoinDialog(stored.recentPeers, stored.recentPeerNames, this);
        m_joinDialog->setObjectName(QStringLiteral("joinDialog"));
        m_joinDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_joinDialog, &JoinDialog::joinRequested, this, &MainWindow::joinRequested);
        connect(m_joinDialog, &JoinDialog::cancelRequested, this, &MainWindow::cancelJoinRequested);
    }
    m_joinDialog->show();
    m_joinDialog->raise();
    m_joinDialog->activateWindow();
}

void MainWindow::buildSerfDock()
{
    m_serf = new SerfPanel(this);
    m_serf->setObjectName(QStringLiteral("serfPanel"));
    m_serfDock = new QDockWidget(tr("Serf"), this);
    m_serfDock->setObjectName(QStringLiteral("serfDock"));
    m_serfDock->setWidget(m_serf);
    addDockWidget(Qt::RightDockWidgetArea, m_serfDock);
    m_serfDock->hide();
    connect(m_serf, &SerfPanel::tagsChangeRequested, this, &MainWindow::tagsChangeRequested);
    connect(m_memberTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelectedMember);
}

void MainWindow::showSelectedMember()
{
    const QModelIndex index = m_memberTable->currentIndex();
    const QString name = index.data(MemberTableModel::NameRole).toString();
    if (const int row = m_members->rowOf(name); row >= 0)
        m_serf->showMember(m_members->memberAt(row));
}

void MainWindow::onModeReported(const QString &mode, const QMap<QString, QString> &tags,
                                const QStringList &keyring)
{
    m_mode = mode;
    const bool serf = mode == QLatin1String("serf");
    m_serfDock->setVisible(serf);
    if (serf) // tags are what a Serf cluster is read by: show them beside the state
        placeTagsBesideState(m_memberTable);
    m_serf->setTags(tags);
    m_serf->setKeyring(keyring);
    if (serf) {
        auto *label = new QLabel(tr("Serf mode"), statusBar());
        label->setObjectName(QStringLiteral("modeLabel"));
        statusBar()->addPermanentWidget(label);
    }
    if (!m_selfName.isEmpty())
        onStarted(m_selfName, m_selfAddress);
}

void MainWindow::onSerfNotice(const SerfNoticeInfo &notice)
{
    m_serf->addNotice(notice);
    if (notice.kind == QLatin1String("problem"))
        statusBar()->showMessage(tr("Serf: %1").arg(notice.text), 15000);
}

void MainWindow::onKeyringChanged(const QStringList &keys)
{
    m_serf->setKeyring(keys);
}

} // namespace grapevine::ui
