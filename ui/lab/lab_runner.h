// lab_runner.h — runs a LabCluster on the lab's own thread, on a virtual clock the user
// drives: pause, single steps, a speed (0.1× … 100×, or as fast as possible), scrubbing.
// Owns: the LabCluster (created, used and destroyed on this thread only: its engines share
// unsynchronised reference counts), the pacing, and what it publishes.
// Never: blocks its thread for long — the simulation advances in slices of at most
// kSliceBudgetMs of wall time, so commands from the window are served between slices;
// never touches widgets. Everything goes out as queued signals carrying copies.
#pragma once

#include "core/lab/lab_cluster.h"
#include "lab_frame.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

namespace grapevine::ui {

class LabRunner : public QObject {
    Q_OBJECT
public:
    static constexpr int kTickMs = 10;
    static constexpr int kSliceBudgetMs = 12;
    static constexpr int kFrameMs = 33;     // frames a second: ≈ 30
    static constexpr int kNodeViewMs = 200; // the looked-at node's panels: 5 a second
    static constexpr double kAsFastAsPossible = 0;

    explicit LabRunner(QObject *parent = nullptr);
    ~LabRunner() override;

    // For tests and the benchmark (same thread only): the cluster, or null before open.
    [[nodiscard]] const lab::LabCluster *cluster() const { return m_lab.get(); }

public slots:
    // Starts a new run from scenario text (a lab scenario file); recorded actions in it
    // replay as time passes. A bad scenario leaves the running cluster as it was.
    void open(const QString &scenarioText);
    void setPaused(bool paused);
    void setSpeed(double speed); // kAsFastAsPossible = 0
    void stepEvent();
    void stepBy(qint64 ns);
    void perform(const grapevine::lab::LabAction &action);
    // Rebuilds the run from its recording and runs it to `ns` (sliced); then paused.
    void seek(qint64 ns);
    void select(int node); // -1: none
    void setSubject(int node);
    void requestRecording(); // answers with recordingReady

signals:
    void opened(int nodes);
    void openFailed(const QString &error);
    void frameReady(const grapevine::ui::LabFrame &frame);
    void nodeViewReady(const grapevine::ui::LabNodeView &view);
    void actionRefused(const QString &error);
    void recordingReady(const QString &scenarioText);

private:
    void onTick();
    void advance(qint64 wallNs);
    void runTo(protocol::TimePoint goal, qint64 budgetNs);
    void publish(bool force);
    void publishNodeView();
    [[nodiscard]] QStringList actionLines(const lab::LabScenario &recording) const;

    std::unique_ptr<lab::LabCluster> m_lab;
    QTimer m_tick;
    QElapsedTimer m_wall;
    qint64 m_lastWallNs = 0;
    qint64 m_lastFrameNs = 0;
    qint64 m_lastViewNs = 0;
    bool m_paused = true;
    double m_speed = 1;
    protocol::TimePoint m_goal{};
    std::optional<protocol::TimePoint> m_seekTarget;
    int m_selected = -1;
    quint64 m_run = 0; // bumped whenever m_lab is rebuilt (LabNodeView::run)
    int m_subject = 0;
    quint64 m_rumorGeneration = ~0ULL;
    quint64 m_memberGeneration = ~0ULL;
    std::size_t m_actionsSent = ~std::size_t(0);
    std::size_t m_recordedSent = ~std::size_t(0);
};

} // namespace grapevine::ui
