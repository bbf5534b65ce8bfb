#include "lab_runner.h"

#include "lab_snapshots.h"

#include <algorithm>
#include <chrono>

namespace grapevine::ui {

using namespace std::chrono_literals;

namespace {

constexpr qint64 kMsNs = 1'000'000;
// Behind by more than this (a slow machine, a huge cluster), the clock stops catching up.
constexpr protocol::Duration kMaxLag = 250ms;
// Each runUntil slice between wall-clock checks.
constexpr protocol::Duration kChunk = 5ms;
constexpr int kMaxPacketsPerView = 500;

} // namespace

LabRunner::LabRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<LabFrame>();
    qRegisterMetaType<LabNodeView>();
    qRegisterMetaType<lab::LabAction>();
    m_tick.setParent(this); // moves to the lab thread with the runner
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &LabRunner::onTick);
    m_wall.start();
}

LabRunner::~LabRunner() = default;

void LabRunner::open(const QString &scenarioText)
{
    auto parsed = lab::parseLabScenario(scenarioText.toStdString());
    if (auto *error = std::get_if<lab::ScenarioError>(&parsed)) {
        emit openFailed(QString::fromStdString(error->text()));
        return;
    }
    m_lab = std::make_unique<lab::LabCluster>(std::get<lab::LabScenario>(std::move(parsed)));
    ++m_run;
    m_goal = m_lab->now();
    m_seekTarget.reset();
    m_selected = -1;
    m_subject = 0;
    m_rumorGeneration = m_memberGeneration = ~0ULL;
    m_actionsSent = m_recordedSent = ~std::size_t(0);
    m_lastWallNs = m_wall.nsecsElapsed();
    if (!m_tick.isActive())
        m_tick.start();
    emit opened(m_lab->size());
    publish(true);
}

void LabRunner::setPaused(bool paused)
{
    m_paused = paused;
    if (m_lab)
        m_goal = m_lab->now();
    publish(true);
}

void LabRunner::setSpeed(double speed)
{
    m_speed = std::max(0.0, speed);
    publish(true);
}

void LabRunner::stepEvent()
{
    if (!m_lab)
        return;
    m_paused = true;
    m_lab->stepEvent();
    m_goal = m_lab->now();
    publish(true);
    publishNodeView();
}

void LabRunner::stepBy(qint64 ns)
{
    if (!m_lab)
        return;
    m_paused = true;
    m_lab->runUntil(m_lab->now() + protocol::Duration(ns));
    m_goal = m_lab->now();
    publish(true);
    publishNodeView();
}

void LabRunner::perform(const lab::LabAction &action)
{
    if (!m_lab)
        return;
    if (auto error = m_lab->perform(action))
        emit actionRefused(QString::fromStdString(*error));
    publish(true);
    publishNodeView();
}

void LabRunner::seek(qint64 ns)
{
    if (!m_lab)
        return;
    const protocol::TimePoint target{protocol::Duration(std::max<qint64>(ns, 0))};
    if (target < m_lab->now()) {
        const int selected = m_selected;
        m_lab = std::make_unique<lab::LabCluster>(m_lab->recording());
        ++m_run;
        if (selected >= 0)
            m_lab->watch(lab::NodeId(selected));
        m_lab->followMember(lab::NodeId(m_subject));
        m_rumorGeneration = m_memberGeneration = ~0ULL;
    }
    m_paused = true;
    m_seekTarget = target;
    publish(true);
}

void LabRunner::select(int node)
{
    if (!m_lab || node >= m_lab->size())
        return;
    m_selected = node;
    m_lab->watch(node >= 0 ? std::optional(lab::NodeId(node)) : std::nullopt);
    publishNodeView();
}

void LabRunner::setSubject(int node)
{
    if (!m_lab || node < 0 || node >= m_lab->size())
        return;
    m_subject = node;
    m_lab->followMember(lab::NodeId(node));
    publish(true);
}

void LabRunner::requestRecording()
{
    if (m_lab)
        emit recordingReady(QString::fromStdString(lab::writeLabScenario(m_lab->recording())));
}

// --- pacing -------------------------------------------------------------------------------

void LabRunner::onTick()
{
    const qint64 wallNs = m_wall.nsecsElapsed();
    const qint64 elapsed = wallNs - m_lastWallNs;
    m_lastWallNs = wallNs;
    if (m_lab)
        advance(elapsed);
    publish(false);
    if (wallNs - m_lastViewNs >= kNodeViewMs * kMsNs)
        publishNodeView();
}

void LabRunner::advance(qint64 wallNs)
{
    const qint64 budget = kSliceBudgetMs * kMsNs;
    if (m_seekTarget) {
        runTo(*m_seekTarget, budget);
        if (m_lab->now() >= *m_seekTarget) {
            m_seekTarget.reset();
            m_goal = m_lab->now();
            publish(true);
            publishNodeView();
        }
        return;
    }
    if (m_paused)
        return;
    if (m_speed == kAsFastAsPossible) {
        runTo(m_lab->now() + 1h, budget);
        return;
    }
    m_goal += protocol::Duration(qint64(double(wallNs) * m_speed));
    const auto lagLimit = m_lab->now() + std::chrono::duration_cast<protocol::Duration>(
                                             kMaxLag * std::max(1.0, m_speed));
    m_goal = std::min(m_goal, lagLimit);
    runTo(m_goal, budget);
}

void LabRunner::runTo(protocol::TimePoint goal, qint64 budgetNs)
{
    const qint64 start = m_wall.nsecsElapsed();
    while (m_lab->now() < goal && m_wall.nsecsElapsed() - start < budgetNs)
        m_lab->runUntil(std::min(goal, m_lab->now() + kChunk));
}

// --- publishing ---------------------------------------------------------------------------

QStringList LabRunner::actionLines(const lab::LabScenario &recording) const
{
    QStringList lines;
    for (const lab::LabAction &a : recording.actions)
        lines << QStringLiteral("%1 s  %2")
                     .arg(QString::fromStdString(lab::secondsText(a.at)),
                          QString::fromStdString(lab::describeAction(a)));
    return lines;
}

void LabRunner::publish(bool force)
{
    const qint64 wallNs = m_wall.nsecsElapsed();
    if (!m_lab || (!force && wallNs - m_lastFrameNs < kFrameMs * kMsNs))
        return;
    m_lastFrameNs = wallNs;
    LabFrame frame;
    frame.nowNs = m_lab->now().count();
    frame.paused = m_paused;
    frame.speed = m_speed;
    frame.subject = m_subject;
    frame.cells = labCells(*m_lab, lab::NodeId(m_subject));
    frame.traceHash = m_lab->traceHash();
    const sim::SimCounters &c = m_lab->counters();
    frame.events = c.events;
    frame.packetsSent = c.packetsSent;
    frame.lost = c.lost;
    frame.partitionDrops = c.partitionDrops;
    frame.lossFraction = m_lab->link().loss;
    frame.latencyNs = m_lab->link().latency.count();
    frame.jitterNs = m_lab->link().jitter.count();
    frame.gossipNodes = m_lab->config().gossipNodes;
    frame.gossipIntervalNs = m_lab->config().gossipInterval.count();
    if (m_lab->rumor().generation() != m_rumorGeneration) {
        m_rumorGeneration = m_lab->rumor().generation();
        frame.rumor = labRumor(m_lab->rumor());
    }
    if (m_lab->membership().generation() != m_memberGeneration) {
        m_memberGeneration = m_lab->membership().generation();
        frame.memberRumor = labRumor(m_lab->membership());
    }
    const lab::LabScenario recording = m_lab->recording();
    frame.untilNs = recording.until.count();
    frame.actionsApplied = int(m_lab->actionsApplied());
    if (recording.actions.size() != m_recordedSent || m_lab->actionsApplied() != m_actionsSent) {
        m_recordedSent = recording.actions.size();
        m_actionsSent = m_lab->actionsApplied();
        frame.actions = actionLines(recording);
    }
    if (m_seekTarget)
        frame.seeking = tr("running to %1 s…").arg(double(m_seekTarget->count()) / 1e9, 0, 'f', 1);
    emit frameReady(frame);
}

void LabRunner::publishNodeView()
{
    m_lastViewNs = m_wall.nsecsElapsed();
    if (!m_lab || m_selected < 0)
        return;
    LabNodeView view = labNodeView(*m_lab, lab::NodeId(m_selected));
    view.run = m_run;
    for (const protocol::Observation &observation : m_lab->takeObservations())
        view.observations.append(labTimelineEntry(observation));
    std::vector<lab::LabPacket> packets = m_lab->takePackets();
    const std::size_t first =
        packets.size() > std::size_t(kMaxPacketsPerView) ? packets.size() - kMaxPacketsPerView : 0;
    for (std::size_t i = first; i < packets.size(); ++i)
        view.packets.append(labPacketTrace(packets[i]));
    emit nodeViewReady(view);
}

} // namespace grapevine::ui
