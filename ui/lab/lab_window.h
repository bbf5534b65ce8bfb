// lab_window.h — the lab: a whole simulated cluster in one window. A toolbar drives the
// virtual clock (play/pause, step to the next event or by 100 ms, speed 0.1× … 100× or as
// fast as possible, a scrubber over the recording) and shows the simulated time; the
// cluster at a glance fills the middle; the controls, the rumor story (infection tree and
// reach curve against Serf's model, for the newest value or the newest membership rumor
// about the chosen member) and the recorded actions sit beside it; the selected
// node's own panels on the right.
// The simulation runs in a LabRunner on the window's own thread; the window only paints
// the frames it sends and sends commands back, so it never waits on the cluster. Both ways
// go through a ThreadMailbox (FIFO, a std::mutex ThreadSanitizer sees), never through a
// queued signal or invokeMethod carrying our data.
#pragma once

#include "core/lab/lab_scenario.h"
#include "lab_frame.h"
#include "ui/thread_mailbox.h"

#include <functional>

#include <QMainWindow>
#include <QThread>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTreeView;

namespace grapevine::ui {

class ActionLogModel;
class ClusterGlance;
class InfectionModel;
class LabControls;
class LabNodePanel;
class LabRunner;
class ReachChart;

class LabWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit LabWindow(QWidget *parent = nullptr);
    ~LabWindow() override;

    void openSetup(const lab::LabSetup &setup);
    // Opens scenario text (a file's contents); a bad one is refused with the error (naming
    // the line) and the running cluster goes on untouched. `origin` names it in the title.
    bool openScenario(const QString &text, const QString &origin, QString *error);
    bool openFile(const QString &path, QString *error);
    // Writes the recording so far (asynchronously: the runner sends it, then it is saved).
    void saveFile(const QString &path);

    [[nodiscard]] ClusterGlance *glance() const { return m_glance; }
    [[nodiscard]] LabControls *controls() const { return m_controls; }
    [[nodiscard]] LabNodePanel *nodePanel() const { return m_nodePanel; }
    [[nodiscard]] InfectionModel *infections() const { return m_infections; }
    [[nodiscard]] ActionLogModel *actionLog() const { return m_actions; }
    [[nodiscard]] ReachChart *reachChart() const { return m_reach; }
    [[nodiscard]] const LabFrame &lastFrame() const { return m_frame; }
    // Runs `work` with the runner in the lab's thread, after every command sent before it.
    void command(std::function<void(LabRunner *runner)> work);

public slots:
    void play();
    void pause();
    void setSpeed(double speed); // LabRunner::kAsFastAsPossible = 0
    void selectNode(int node);
    void perform(const grapevine::lab::LabAction &action);

signals:
    void framed(); // a frame was shown (tests wait on it)
    void saved(const QString &path, bool ok);

private:
    void relayRunner();
    void buildToolBar();
    void buildMenus();
    QWidget *buildSide();
    void onFrame(const LabFrame &frame);
    void onRecording(const QString &text);
    void showTime(const LabFrame &frame);
    void showRumor();
    void newLab();
    void openDialog();
    void saveDialog();

    QThread m_thread;
    LabRunner *m_runner;
    ThreadMailbox *m_toRunner; // a child of the runner: lives and dies in the lab's thread
    ThreadMailbox m_toWindow;
    ClusterGlance *m_glance;
    LabControls *m_controls;
    LabNodePanel *m_nodePanel;
    InfectionModel *m_infections;
    ActionLogModel *m_actions;
    ReachChart *m_reach;
    QTreeView *m_tree = nullptr;
    QAction *m_play = nullptr;
    QComboBox *m_speed = nullptr;
    QComboBox *m_mode = nullptr;
    QComboBox *m_story = nullptr; // which rumor the Rumor tab tells
    QSpinBox *m_subject = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_status = nullptr;
    QSlider *m_scrubber = nullptr;
    LabFrame m_frame;
    LabRumor m_valueRumor;
    LabRumor m_memberRumor;
    QString m_pendingSave;
    QString m_origin;
};

} // namespace grapevine::ui
