#include "lab_window.h"

#include "action_log_model.h"
#include "cluster_glance.h"
#include "infection_model.h"
#include "lab_controls.h"
#include "lab_node_panel.h"
#include "lab_runner.h"
#include "new_lab_dialog.h"
#include "reach_chart.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace grapevine::ui {

namespace {

constexpr qint64 kStepNs = 100'000'000; // "step 100 ms"
const QString kFileFilter = QStringLiteral("Grapevine lab scenarios (*.gvlab);;All files (*)");

} // namespace

LabWindow::LabWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_runner(new LabRunner)
    , m_toRunner(new ThreadMailbox(m_runner))
    , m_glance(new ClusterGlance(this))
    , m_controls(new LabControls(this))
    , m_nodePanel(new LabNodePanel(this))
    , m_infections(new InfectionModel(this))
    , m_actions(new ActionLogModel(this))
    , m_reach(new ReachChart(this))
{
    setWindowTitle(tr("Grapevine lab"));
    m_memberRumor.membership = true;
    m_glance->setObjectName(QStringLiteral("glance"));
    m_runner->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    relayRunner(); // before the thread runs, so the connections are published by its start
    m_thread.setObjectName(QStringLiteral("lab"));
    m_thread.start();

    connect(m_glance, &ClusterGlance::nodeClicked, this, &LabWindow::selectNode);
    connect(m_glance, &ClusterGlance::pickedChanged, m_controls, &LabControls::setPicked);
    connect(m_controls, &LabControls::actionRequested, this, &LabWindow::perform);
    connect(m_nodePanel, &LabNodePanel::actionRequested, this, &LabWindow::perform);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(buildSide());
    split->addWidget(m_glance);
    split->addWidget(m_nodePanel);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 3);
    setCentralWidget(split);
    buildToolBar();
    buildMenus();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("labStatus"));
    statusBar()->addPermanentWidget(m_status);
    resize(1500, 900);
}

LabWindow::~LabWindow()
{
    m_thread.quit();
    m_thread.wait();
}

void LabWindow::relayRunner()
{
    relay(m_runner, &LabRunner::frameReady, &m_toWindow, this,
          [this](const LabFrame &frame) { onFrame(frame); });
    relay(m_runner, &LabRunner::nodeViewReady, &m_toWindow, m_nodePanel,
          [panel = m_nodePanel](const LabNodeView &view) { panel->showView(view); });
    relay(m_runner, &LabRunner::recordingReady, &m_toWindow, this,
          [this](const QString &text) { onRecording(text); });
    relay(m_runner, &LabRunner::actionRefused, &m_toWindow, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Refused: %1").arg(error), 5000);
    });
}

void LabWindow::command(std::function<void(LabRunner *runner)> work)
{
    m_toRunner->post([runner = m_runner, work = std::move(work)] { work(runner); });
}

QWidget *LabWindow::buildSide()
{
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("labTabs"));
    auto *scroll = new QScrollArea(tabs);
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    tabs->addTab(scroll, tr("Controls"));

    auto *story = new QWidget(tabs);
    auto *storyLayout = new QVBoxLayout(story);
    m_tree = new QTreeView(story);
    m_tree->setObjectName(QStringLiteral("infectionTree"));
    m_tree->setModel(m_infections);
    m_tree->setUniformRowHeights(true);
    // The origin opens at once, so the first hop is in view without a click.
    connect(m_infections, &QAbstractItemModel::rowsInserted, m_tree,
            [this](const QModelIndex &parent) {
                if (!parent.isValid())
                    m_tree->expand(m_infections->index(0, 0));
            });
    m_reach->setObjectName(QStringLiteral("reachChart"));
    m_reach->setMinimumHeight(180);
    m_story = new QComboBox(story);
    m_story->setObjectName(QStringLiteral("storyCombo"));
    m_story->addItems(
        {tr("The newest value"), tr("The newest membership rumor about the chosen member")});
    m_story->setToolTip(tr("The chosen member is the one in the toolbar's n… box"));
    connect(m_story, &QComboBox::currentIndexChanged, this, &LabWindow::showRumor);
    storyLayout->addWidget(m_story);
    storyLayout->addWidget(m_reach);
    storyLayout->addWidget(m_tree, 1);
    tabs->addTab(story, tr("Rumor"));

    auto *actions = new QTableView(tabs);
    actions->setObjectName(QStringLiteral("actionLog"));
    actions->setModel(m_actions);
    actions->horizontalHeader()->setStretchLastSection(true);
    actions->verticalHeader()->hide();
    tabs->addTab(actions, tr("Actions"));
    tabs->setMinimumWidth(380);
    return tabs;
}

void LabWindow::buildToolBar()
{
    QToolBar *bar = addToolBar(tr("Clock"));
    bar->setObjectName(QStringLiteral("clockBar"));
    m_play = bar->addAction(tr("Play"));
    m_play->setObjectName(QStringLiteral("playAction"));
    m_play->setCheckable(true);
    connect(m_play, &QAction::toggled, this, [this](bool on) { on ? play() : pause(); });
    QAction *step = bar->addAction(tr("Next event"));
    step->setObjectName(QStringLiteral("stepEventAction"));
    connect(step, &QAction::triggered, this,
            [this] { command([](LabRunner *runner) { runner->stepEvent(); }); });
    QAction *step100 = bar->addAction(tr("+100 ms"));
    step100->setObjectName(QStringLiteral("step100Action"));
    connect(step100, &QAction::triggered, this,
            [this] { command([](LabRunner *runner) { runner->stepBy(kStepNs); }); });
    m_speed = new QComboBox(bar);
    m_speed->setObjectName(QStringLiteral("speedCombo"));
    for (double s : {0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 100.0})
        m_speed->addItem(tr("%1×").arg(s), s);
    m_speed->addItem(tr("As fast as possible"), LabRunner::kAsFastAsPossible);
    m_speed->setCurrentIndex(3);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { setSpeed(m_speed->currentData().toDouble()); });
    bar->addWidget(m_speed);
    m_time = new QLabel(bar);
    m_time->setObjectName(QStringLiteral("timeLabel"));
    m_time->setMinimumWidth(150);
    bar->addWidget(m_time);
    m_scrubber = new QSlider(Qt::Horizontal, bar);
    m_scrubber->setObjectName(QStringLiteral("scrubber"));
    m_scrubber->setMinimumWidth(240);
    m_scrubber->setToolTip(tr("Drag back to replay the recording up to that time"));
    connect(m_scrubber, &QSlider::sliderReleased, this, [this] {
        const qint64 ns = qint64(m_scrubber->value()) * 1'000'000;
        command([ns](LabRunner *runner) { runner->seek(ns); });
    });
    bar->addWidget(m_scrubber);
    bar->addSeparator();
    m_mode = new QComboBox(bar);
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItems({tr("Colour: value held"), tr("Colour: view of member"), tr("Colour: health"),
                      tr("Colour: partition side")});
    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_glance->setMode(ClusterGlance::Mode(i)); });
    bar->addWidget(m_mode);
    m_subject = new QSpinBox(bar);
    m_subject->setObjectName(QStringLiteral("subjectSpin"));
    m_subject->setPrefix(QStringLiteral("n"));
    m_subject->setToolTip(tr("The member whose state every cell shows in 'view of member'"));
    connect(m_subject, &QSpinBox::valueChanged, this,
            [this](int node) { command([node](LabRunner *runner) { runner->setSubject(node); }); });
    bar->addWidget(m_subject);
}

void LabWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("New lab cluster…"), QKeySequence::New, this, &LabWindow::newLab);
    file->addAction(tr("Open scenario…"), QKeySequence::Open, this, &LabWindow::openDialog);
    file->addAction(tr("Save scenario…"), QKeySequence::Save, this, &LabWindow::saveDialog);
    file->addSeparator();
    file->addAction(tr("Close"), QKeySequence::Close, this, &QWidget::close);
}

// --- opening and saving -------------------------------------------------------------------

void LabWindow::openSetup(const lab::LabSetup &setup)
{
    lab::LabScenario scenario;
    scenario.setup = setup;
    QString error;
    openScenario(QString::fromStdString(lab::writeLabScenario(scenario)),
                 tr("%1 nodes, seed %2").arg(setup.nodes).arg(setup.seed), &error);
}

bool LabWindow::openScenario(const QString &text, const QString &origin, QString *error)
{
    // Checked here first, so a bad file never reaches (or stops) the running cluster.
    auto parsed = lab::parseLabScenario(text.toStdString());
    if (auto *bad = std::get_if<lab::ScenarioError>(&parsed)) {
        *error = QString::fromStdString(bad->text());
        return false;
    }
    m_origin = origin;
    setWindowTitle(tr("Grapevine lab — %1").arg(origin));
    m_nodePanel->setEnabled(true);
    command([text](LabRunner *runner) { runner->open(text); });
    return true;
}

bool LabWindow::openFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!openScenario(QString::fromUtf8(file.readAll()), QFileInfo(path).fileName(), error)) {
        *error = tr("%1: %2").arg(QFileInfo(path).fileName(), *error);
        return false;
    }
    return true;
}

void LabWindow::saveFile(const QString &path)
{
    m_pendingSave = path;
    command([](LabRunner *runner) { runner->requestRecording(); });
}

void LabWindow::onRecording(const QString &text)
{
    if (m_pendingSave.isEmpty())
        return;
    const QString path = std::exchange(m_pendingSave, QString());
    QSaveFile file(path);
    const bool ok =
        file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.commit();
    statusBar()->showMessage(ok ? tr("Saved %1").arg(path) : tr("Could not save %1").arg(path),
                             5000);
    emit saved(path, ok);
}

void LabWindow::newLab()
{
    NewLabDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto *window = new LabWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->openSetup(dialog.setup());
    window->show();
}

void LabWindow::openDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open lab scenario"), {}, kFileFilter);
    QString error;
    if (!path.isEmpty() && !openFile(path, &error))
        QMessageBox::warning(this, tr("Open lab scenario"), error);
}

void LabWindow::saveDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save lab scenario"),
                                                      QStringLiteral("run.gvlab"), kFileFilter);
    if (!path.isEmpty())
        saveFile(path);
}

// --- commands -----------------------------------------------------------------------------

void LabWindow::play()
{
    m_play->setChecked(true);
    m_play->setText(tr("Pause"));
    command([](LabRunner *runner) { runner->setPaused(false); });
}

void LabWindow::pause()
{
    m_play->setChecked(false);
    m_play->setText(tr("Play"));
    command([](LabRunner *runner) { runner->setPaused(true); });
}

void LabWindow::setSpeed(double speed)
{
    command([speed](LabRunner *runner) { runner->setSpeed(speed); });
}

void LabWindow::selectNode(int node)
{
    m_glance->setCurrent(node);
    m_controls->setNode(node);
    command([node](LabRunner *runner) { runner->select(node); });
}

void LabWindow::perform(const lab::LabAction &action)
{
    command([action](LabRunner *runner) { runner->perform(action); });
}

// --- frames -------------------------------------------------------------------------------

void LabWindow::onFrame(const LabFrame &frame)
{
    m_frame = frame;
    m_glance->setCells(frame.cells, frame.subject);
    m_controls->setFrame(frame);
    m_subject->setMaximum(std::max(0, int(frame.cells.size()) - 1));
    m_nodePanel->setNowMs(frame.nowNs / 1'000'000);
    int live = 0;
    for (const LabCell &cell : frame.cells)
        live += cell.life == CellLife::Crashed || cell.life == CellLife::Left ? 0 : 1;
    m_reach->setModel(live, double(frame.gossipIntervalNs) / 1e9, frame.gossipNodes,
                      frame.lossFraction);
    if (frame.rumor)
        m_valueRumor = *frame.rumor;
    if (frame.memberRumor)
        m_memberRumor = *frame.memberRumor;
    if (frame.rumor || frame.memberRumor)
        showRumor();
    if (frame.actions)
        m_actions->setActions(*frame.actions, frame.actionsApplied);
    showTime(frame);
    emit framed();
}

void LabWindow::showRumor()
{
    const LabRumor &rumor = m_story->currentIndex() == 1 ? m_memberRumor : m_valueRumor;
    m_infections->setRumor(rumor);
    m_reach->setRumor(rumor);
}

void LabWindow::showTime(const LabFrame &frame)
{
    m_time->setText(tr("t = %1 s").arg(double(frame.nowNs) / 1e9, 0, 'f', 3));
    if (const int i = m_speed->findData(frame.speed); i >= 0 && i != m_speed->currentIndex()) {
        const QSignalBlocker block(m_speed); // set elsewhere (--speed): show it
        m_speed->setCurrentIndex(i);
    }
    const qint64 nowMs = frame.nowNs / 1'000'000;
    if (!m_scrubber->isSliderDown()) {
        m_scrubber->setRange(0, int(std::max(nowMs, frame.untilNs / 1'000'000)));
        m_scrubber->setValue(int(nowMs));
    }
    if (m_play->isChecked() == frame.paused && frame.seeking.isEmpty()) {
        const QSignalBlocker block(m_play);
        m_play->setChecked(!frame.paused);
        m_play->setText(frame.paused ? tr("Play") : tr("Pause"));
    }
    m_status->setText(
        frame.seeking.isEmpty()
            ? tr("%1 events · %2 packets · %3 lost · %4 cut · loss %5 % · latency %6 ms · "
                 "trace %7")
                  .arg(frame.events)
                  .arg(frame.packetsSent)
                  .arg(frame.lost)
                  .arg(frame.partitionDrops)
                  .arg(frame.lossFraction * 100, 0, 'f', 1)
                  .arg(double(frame.latencyNs) / 1e6, 0, 'f', 2)
                  .arg(frame.traceHash, 16, 16, QLatin1Char('0'))
            : frame.seeking);
}

} // namespace grapevine::ui
