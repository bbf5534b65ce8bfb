#include "ui/capture/capture_window.h"

#include "ui/capture/capture_member_history.h"

#include "ui/capture/capture_opener.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/member_table_model.h"
#include "ui/widgets/cluster_view.h"
#include "ui/widgets/log_pane.h"
#include "ui/widgets/tags_column.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSlider>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace grapevine::ui {

namespace {

constexpr int kMaxAnimatedPerStep = 40; // arrows per scrub step; more would be a smear

} // namespace

CaptureWindow::CaptureWindow(std::shared_ptr<const CapturePlayback> playback, const QString &title,
                             QWidget *parent)
    : QMainWindow(parent)
    , m_playback(std::move(playback))
    , m_log(new GossipLogModel(GossipLogModel::kDefaultCapacity, this))
    , m_members(new MemberTableModel(this))
{
    setObjectName(QStringLiteral("captureWindow"));
    setWindowTitle(tr("%1 — Grapevine capture").arg(title));
    m_members->setClock([this] { return m_timeNs / 1'000'000; }); // "in state" at playback time
    m_log->tickTimer().stop(); // rows are flushed by the scrubber, not the live tick
    buildLayout();
    connect(&m_playTimer, &QTimer::timeout, this, &CaptureWindow::onPlayTick);
    m_playTimer.setInterval(kPlayTickMs);
    m_range = new QLabel;
    m_range->setObjectName(QStringLiteral("captureRange"));
    statusBar()->addPermanentWidget(m_range);
    updateStatus();
    showAt(m_playback->endNs());
    resize(1200, 760);
}

void CaptureWindow::setSource(const QString &path, const wire::Keyring &keys)
{
    m_path = path;
    m_keys = keys;
    updateStatus();
}

void CaptureWindow::setPlayback(std::shared_ptr<const CapturePlayback> playback)
{
    m_playback = std::move(playback);
    m_log->clear();
    m_shownPackets = 0;
    updateStatus();
    showAt(m_timeNs);
}

void CaptureWindow::keepLogFromHere()
{
    if (!m_path.isEmpty())
        CaptureOpener::reload(this, m_timeNs);
}

QString CaptureWindow::rangeText() const
{
    const std::uint64_t first = m_playback->firstKeptIndex();
    const std::size_t kept = m_playback->packets().size();
    if (kept == 0)
        return tr("showing no packets of %1 (none at or after this time)")
            .arg(m_playback->packetsSeen());
    return tr("showing packets %1–%2 of %3")
        .arg(first + 1)
        .arg(first + kept)
        .arg(m_playback->packetsSeen());
}

// The totals and any damage as the status message; the rows kept in the permanent label;
// "Log from here" only where the capture has more packets than the log keeps.
void CaptureWindow::updateStatus()
{
    QString status = tr("%1 packets, %2 membership changes")
                         .arg(m_playback->packetsSeen())
                         .arg(m_playback->memberChangeCount());
    if (!m_playback->damage().isEmpty())
        status += tr(" — the file is damaged after that: %1").arg(m_playback->damage());
    statusBar()->showMessage(status);
    m_range->setText(rangeText());
    const bool partial = !m_playback->keepsAll();
    m_fromHere->setEnabled(partial && !m_path.isEmpty());
    m_fromHere->setToolTip(
        partial ? tr("The log keeps %1 of this capture's %2 packets: reload it so they start at "
                     "the scrubber's time (members and scrubber always cover the whole capture)")
                      .arg(m_playback->packets().size())
                      .arg(m_playback->packetsSeen())
                : tr("The log holds every packet of this capture"));
}

void CaptureWindow::buildLayout()
{
    auto *memberTable = new QTableView;
    memberTable->setObjectName(QStringLiteral("captureMemberTable"));
    memberTable->setModel(m_members);
    memberTable->verticalHeader()->hide();
    memberTable->setAlternatingRowColors(true);
    memberTable->horizontalHeader()->setStretchLastSection(true);
    placeTagsOnceSerfIsSeen(memberTable, m_members);
    m_cluster = new ClusterView;
    m_history = new CaptureMemberHistory;
    auto *membersAndHistory = new QSplitter(Qt::Vertical);
    membersAndHistory->addWidget(memberTable);
    membersAndHistory->addWidget(m_history);
    connect(memberTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_history->show(*m_playback,
                                current.isValid() ? m_members->memberAt(current.row()).name
                                                  : QString(),
                                m_timeNs);
            });
    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(membersAndHistory);
    top->addWidget(m_cluster);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    m_logPane = new LogPane(m_log);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(m_logPane);
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(split, 1);
    layout->addWidget(buildScrubber());
    setCentralWidget(central);
}

QWidget *CaptureWindow::buildScrubber()
{
    auto *bar = new QWidget;
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_play = new QToolButton;
    m_play->setObjectName(QStringLiteral("capturePlay"));
    m_play->setCheckable(true);
    m_play->setText(tr("Play"));
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(QStringLiteral("captureScrubber"));
    m_slider->setRange(0, kSliderSteps);
    m_speed = new QComboBox;
    m_speed->setObjectName(QStringLiteral("captureSpeed"));
    for (double speed : {0.25, 1.0, 4.0, 16.0, 64.0})
        m_speed->addItem(tr("%1×").arg(speed), speed);
    m_speed->setCurrentIndex(1);
    m_time = new QLabel;
    m_time->setObjectName(QStringLiteral("captureTime"));
    m_fromHere = new QPushButton(tr("Log from here"));
    m_fromHere->setObjectName(QStringLiteral("captureLogFromHere"));
    row->addWidget(m_play);
    row->addWidget(m_slider, 1);
    row->addWidget(m_speed);
    row->addWidget(m_time);
    row->addWidget(m_fromHere);
    connect(m_fromHere, &QPushButton::clicked, this, &CaptureWindow::keepLogFromHere);
    connect(m_play, &QToolButton::toggled, this, &CaptureWindow::setPlaying);
    // Every user move — a drag, a click on the track, a key — is an action; the position is
    // already the new one when it is signalled. (sliderMoved alone missed clicks and keys.)
    connect(m_slider, &QSlider::actionTriggered, this, [this] {
        const qint64 span = m_playback->endNs() - m_playback->startNs();
        showAt(m_playback->startNs() + span * m_slider->sliderPosition() / kSliderSteps);
    });
    return bar;
}

void CaptureWindow::setPlaying(bool playing)
{
    if (playing && m_timeNs >= m_playback->endNs())
        showAt(m_playback->startNs()); // play from the start once the end was reached
    m_play->setChecked(playing);
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    if (playing)
        m_playTimer.start();
    else
        m_playTimer.stop();
}

void CaptureWindow::onPlayTick()
{
    const double speed = m_speed->currentData().toDouble();
    showAt(m_timeNs + qint64(kPlayTickMs * 1'000'000.0 * speed));
    if (m_timeNs >= m_playback->endNs())
        setPlaying(false);
}

void CaptureWindow::showAt(qint64 timeNs)
{
    timeNs = std::clamp(timeNs, m_playback->startNs(), m_playback->endNs());
    const bool forward = timeNs >= m_timeNs;
    m_timeNs = timeNs;
    showMembers(timeNs);
    if (!m_history->member().isEmpty())
        m_history->show(*m_playback, m_history->member(), timeNs);
    showPackets(timeNs, forward && m_playTimer.isActive());
    const qint64 span = std::max<qint64>(1, m_playback->endNs() - m_playback->startNs());
    if (!m_slider->isSliderDown())
        m_slider->setValue(int((timeNs - m_playback->startNs()) * kSliderSteps / span));
    updateTimeLabel();
}

// The table and the cluster view get the members as they stood: upserts for every member
// the capture shows by then, removals for those it does not show yet.
void CaptureWindow::showMembers(qint64 timeNs)
{
    const QList<MemberSnapshot> now = m_playback->membersAt(timeNs);
    QSet<QString> names;
    for (const MemberSnapshot &member : now) {
        names.insert(member.name);
        const bool known = m_members->rowOf(member.name) >= 0;
        m_members->upsert(member);
        m_cluster->applyChange(known ? MemberChange::Updated : MemberChange::Joined, member);
    }
    const QList<MemberSnapshot> shown = m_members->members();
    for (const MemberSnapshot &member : shown) {
        if (names.contains(member.name))
            continue;
        m_members->remove(member.name);
        m_cluster->applyChange(MemberChange::Removed, member);
    }
    m_members->tick();
}

// Forward: the packets since the last step are appended (and drawn as arrows while
// playing). Backward: the log is rebuilt from the packets up to the new time. Either way at
// most the log's capacity of rows is handed over.
void CaptureWindow::showPackets(qint64 timeNs, bool animate)
{
    const std::size_t end = m_playback->packetsUpTo(timeNs);
    const auto &packets = m_playback->packets();
    std::size_t from = m_shownPackets;
    if (end < m_shownPackets) {
        m_log->clear();
        from = 0;
    }
    const std::size_t capacity = std::size_t(m_log->capacity());
    if (end - from > capacity) {
        m_log->clear();
        from = end - capacity;
    }
    for (std::size_t i = from; i < end; ++i) {
        m_log->append(packets[i]);
        if (animate && end - i <= std::size_t(kMaxAnimatedPerStep))
            m_cluster->addPacket(packets[i]);
    }
    m_shownPackets = end;
    m_log->flush();
}

void CaptureWindow::updateTimeLabel()
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(m_timeNs / 1'000'000, Qt::UTC);
    const double offset = double(m_timeNs - m_playback->startNs()) / 1e9;
    m_time->setText(tr("%1 UTC (+%2 s)")
                        .arg(at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")))
                        .arg(offset, 0, 'f', 3));
}

} // namespace grapevine::ui
