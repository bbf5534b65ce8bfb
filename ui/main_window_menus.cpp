// main_window_menus.cpp — MainWindow's menus and what they open: File (new window, open a
// capture or an exported log, quit), Cluster (join, sync, leave, value history, lab), Edit
// (copy, find), View (panes, reset layout), Log (pause, clear, export), Settings, Help. Kept apart
// from main_window.cpp, which owns the layout and the Node's snapshots.
#include "ui/main_window.h"

#include "ui/capture/capture_opener.h"
#include "ui/capture/pcapng_log_export.h"
#include "ui/capture/tap_dialog.h"
#include "ui/capture/tap_window.h"
#include "ui/dialogs/help_dialogs.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/dialogs/value_history_dialog.h"
#include "ui/log_viewer.h"
#include "ui/models/gossip_filter_proxy.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/member_table_model.h"
#include "ui/models/trace_json.h"
#include "ui/widgets/cluster_view.h"
#include "ui/widgets/log_pane.h"
#include "ui/widgets/status_line.h"
#include "ui/widgets/value_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QJsonDocument>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>

namespace grapevine::ui {

namespace {
QAction *named(QAction *action, const char *name, const QString &keys = {})
{
    action->setObjectName(QLatin1String(name));
    if (!keys.isEmpty())
        action->setShortcut(QKeySequence(keys));
    return action;
}
} // namespace

void MainWindow::buildMenus()
{
    buildFileMenu();
    buildClusterMenu();
    buildEditMenu();
    buildViewMenu();
    buildLogMenu();
    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("&Settings…"), QKeySequence::Preferences, this,
                        &MainWindow::openSettings);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    named(help->addAction(tr("&User guide"), this, [this] { showUserGuide(this); }), "guideAction",
          tr("F1"));
    named(help->addAction(tr("&Keyboard shortcuts"), this, [this] { showShortcuts(this); }),
          "shortcutsAction");
    help->addSeparator();
    named(help->addAction(tr("&About Grapevine"), this, [this] { showAbout(this); }),
          "aboutAction");
    named(help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt), "aboutQtAction");
}

void MainWindow::buildFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_newWindowAction = named(file->addAction(tr("&New window"), this, &MainWindow::openNewWindow),
                              "newWindowAction", tr("Ctrl+N"));
    m_newWindowAction->setToolTip(tr("Start another node in a window of its own, joined to "
                                     "this cluster"));
    m_newWindowAction->setEnabled(false); // until this node has started
    file->addSeparator();
    QAction *openCapture = file->addAction(tr("Open &capture…"), this, [this] {
        CaptureOpener::chooseAndOpen(CaptureOpener::keyringOf(m_settings.keys), this);
    });
    openCapture->setObjectName(QStringLiteral("openCaptureAction"));
    openCapture->setShortcut(QKeySequence::Open);
    named(file->addAction(tr("Open exported &log…"), this, [this] { LogViewer::openFile(this); }),
          "openLogAction", tr("Ctrl+Shift+O"));
    QAction *tap = named(
        file->addAction(tr("&Tap an interface…"), this, &MainWindow::openTapDialog), "tapAction");
    tap->setToolTip(tr("Follow a cluster live on a network interface without joining it"));
    file->addSeparator();
    QAction *quit = named(file->addAction(tr("&Quit"), this, &MainWindow::close), "quitAction");
    // Ctrl+Q everywhere, even where the platform theme binds no Quit key.
    QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    if (!quitKeys.contains(QKeySequence(tr("Ctrl+Q"))))
        quitKeys.prepend(QKeySequence(tr("Ctrl+Q")));
    quit->setShortcuts(quitKeys);
}

// File › Tap an interface…: the dialog checks the choice (and capture rights); the tap then
// runs in a window of its own, which lives until it is closed.
void MainWindow::openTapDialog()
{
    TapDialog dialog(m_settings.keys, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto *window = new TapWindow(dialog.interfaceName(), dialog.decodeOptions());
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
}

void MainWindow::buildClusterMenu()
{
    QMenu *cluster = menuBar()->addMenu(tr("&Cluster"));
    m_joinAction = named(cluster->addAction(tr("&Join…"), this, &MainWindow::openJoinDialog),
                         "joinAction", tr("Ctrl+J"));
    m_syncAction =
        named(cluster->addAction(tr("&Sync now"), this, &MainWindow::syncRequested), "syncAction");
    m_syncAction->setToolTip(tr("Push/pull the full state with a random member now"));
    m_leaveAction =
        named(cluster->addAction(tr("&Leave"), this, &MainWindow::leaveRequested), "leaveAction");
    cluster->addSeparator();
    m_historyAction =
        named(cluster->addAction(tr("Value &history…"), this, &MainWindow::openValueHistory),
              "historyAction", tr("Ctrl+H"));
    cluster->addSeparator();
    named(cluster->addAction(tr("New &lab cluster…"), this, &MainWindow::newLabRequested),
          "newLabAction");
    m_joinAction->setEnabled(false); // until the node has started
    setInCluster(false);
}

void MainWindow::buildEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    named(edit->addAction(tr("&Copy rows"), this, &MainWindow::copyRows), "copyRowsAction");
    named(edit->addAction(tr("Copy packet as &JSON"), this, [this] { copyPacket(false); }),
          "copyJsonAction");
    named(edit->addAction(tr("Copy packet as &hex"), this, [this] { copyPacket(true); }),
          "copyHexAction");
    named(
        edit->addAction(tr("Copy &value"), this,
                        [this] { QGuiApplication::clipboard()->setText(m_value->currentValue()); }),
        "copyValueAction");
    edit->addSeparator();
    named(edit->addAction(tr("&Find in log…"), m_logPane, &LogPane::focusSearch), "findAction",
          tr("Ctrl+F"));
}

void MainWindow::buildViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<QWidget *, QString>> panes{{m_cluster, tr("&Cluster view")},
                                                     {m_valueBox, tr("Shared &value")},
                                                     {m_membersBox, tr("&Members")},
                                                     {m_logPane, tr("Gossip &log")}};
    for (const auto &[pane, title] : panes) {
        QAction *toggle = view->addAction(title);
        toggle->setCheckable(true);
        toggle->setChecked(true);
        toggle->setObjectName(QStringLiteral("show_") + pane->objectName());
        connect(toggle, &QAction::toggled, pane, &QWidget::setVisible);
        m_paneActions << toggle;
    }
    QAction *why = m_whyDock->toggleViewAction();
    why->setText(tr("&Why? panel"));
    why->setObjectName(QStringLiteral("show_whyDock"));
    view->addAction(why);
    view->addSeparator();
    named(view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout),
          "resetLayoutAction");
}

void MainWindow::buildLogMenu()
{
    QMenu *log = menuBar()->addMenu(tr("&Log"));
    QAction *pause = named(log->addAction(tr("&Pause")), "pauseAction", tr("Ctrl+P"));
    pause->setCheckable(true);
    connect(pause, &QAction::toggled, m_logPane, &LogPane::setPaused);
    connect(m_logPane, &LogPane::pausedChanged, pause, &QAction::setChecked);
    named(log->addAction(tr("&Clear"), m_log, &GossipLogModel::clear), "clearAction", tr("Ctrl+L"));
    log->addSeparator();
    named(log->addAction(tr("&Export…"), this, [this] { exportLog(false); }), "exportAction",
          tr("Ctrl+E"));
    named(log->addAction(tr("Export &filtered rows…"), this, [this] { exportLog(true); }),
          "exportFilteredAction", tr("Ctrl+Shift+E"));
    named(log->addAction(tr("Export as &pcapng…"), this, &MainWindow::exportPcapng),
          "exportPcapngAction");
}

void MainWindow::copyRows()
{
    if (m_memberTable->hasFocus()) {
        QStringList lines;
        for (const QModelIndex &row : m_memberTable->selectionModel()->selectedRows()) {
            QStringList cells;
            for (int c = 0; c < m_memberTable->model()->columnCount(); ++c)
                cells << m_memberTable->model()->index(row.row(), c).data().toString();
            lines << cells.join(QLatin1Char('\t'));
        }
        QGuiApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
        return;
    }
    m_logPane->copySelectedRows();
}

void MainWindow::copyPacket(bool hex)
{
    const PacketTrace *trace = m_logPane->selectedTrace();
    if (!trace) {
        m_status->showMessage(tr("Select a packet in the gossip log first."), 5000);
        return;
    }
    QGuiApplication::clipboard()->setText(
        hex ? QString::fromLatin1(trace->raw.toHex(' '))
            : QString::fromUtf8(
                  QJsonDocument(traceToJson(*trace)).toJson(QJsonDocument::Indented)));
}

void MainWindow::exportLog(bool filteredOnly)
{
    const QString path = QFileDialog::getSaveFileName(
        this, filteredOnly ? tr("Export the filtered gossip log") : tr("Export gossip log"),
        QStringLiteral("gossip.jsonl"), tr("JSON lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    m_log->flush();
    const QList<int> rows = filteredOnly ? m_logPane->filteredRows() : QList<int>{};
    if (filteredOnly && rows.isEmpty()) {
        m_status->showMessage(tr("The filter shows no packets: nothing exported."), 5000);
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !m_log->exportJsonLines(&file, rows)) {
        QMessageBox::warning(this, tr("Export failed"),
                             tr("Could not write %1: %2").arg(path, file.errorString()));
        return;
    }
    const qsizetype count = filteredOnly ? rows.size() : m_log->rowCount();
    m_status->showMessage(tr("Exported %1 packets to %2").arg(count).arg(path), 5000);
}

// The rows the log shows (all of them, or those the filter lets through) as pcapng; with
// keys in the settings, the user may write encrypted packets decrypted (marked as such).
void MainWindow::exportPcapng()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export gossip log as pcapng"),
                                     QStringLiteral("gossip.pcapng"), tr("pcapng (*.pcapng)"));
    if (path.isEmpty())
        return;
    m_log->flush();
    QList<PacketTrace> traces;
    const GossipFilterProxy *shown = m_logPane->filter();
    for (int row = 0; row < shown->rowCount(); ++row)
        traces.append(m_log->traceAt(shown->mapToSource(shown->index(row, 0)).row()));
    const wire::Keyring keys = CaptureOpener::keyringOf(m_settings.keys);
    const bool decrypt =
        !keys.empty() &&
        QMessageBox::question(this, tr("Export as pcapng"),
                              tr("Write encrypted packets decrypted (marked \"grapevine: "
                                 "decrypted\")?")) == QMessageBox::Yes;
    const QString problem =
        exportTracesAsPcapng(traces, m_selfAddress, decrypt ? &keys : nullptr, path);
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Export as pcapng"), problem);
        return;
    }
    m_status->showMessage(tr("Exported %1 packets to %2").arg(traces.size()).arg(path), 5000);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(AppSettings::load(QSettings()), this);
    dialog.setObjectName(QStringLiteral("settingsDialog"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings = dialog.settings();
    QSettings store;
    m_settings.saveEdited(store); // never the recent peers: other windows add to those
    m_status->showMessage(tr("Settings saved; windows started from now on use them."), 8000);
}

void MainWindow::openValueHistory()
{
    if (!m_historyDialog) {
        m_historyDialog = new ValueHistoryDialog(m_history, this);
        m_historyDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_historyDialog->setCanSet(m_leaveAction->isEnabled());
        connect(m_historyDialog, &ValueHistoryDialog::setAgainRequested, this,
                &MainWindow::setValueRequested);
    }
    m_historyDialog->show();
    m_historyDialog->raise();
}

// Another node in its own process, joined to this one, placed beside this window.
void MainWindow::openNewWindow()
{
    QStringList args = m_newWindowArguments;
    args << QStringLiteral("--join") << m_selfAddress << QStringLiteral("--window-pos")
         << QStringLiteral("%1,%2").arg(x() + kCascadePx).arg(y() + kCascadePx);
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), args)) {
        QMessageBox::warning(this, tr("New window"), tr("Could not start another Grapevine."));
        return;
    }
    m_status->showMessage(tr("Starting another node; it joins %1.").arg(m_selfAddress), 5000);
}

void MainWindow::resetLayout()
{
    for (QAction *toggle : std::as_const(m_paneActions))
        toggle->setChecked(true);
    m_whyDock->setFloating(false);
    m_whyDock->show();
    applyDefaultSizes();
}

} // namespace grapevine::ui
