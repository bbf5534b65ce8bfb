// main.cpp — grapevine, the desktop window: options (+ remembered settings), the Node in its
// own thread with the HTTP API and the event log beside it, and the MainWindow.
#include "gui_options.h"
#include "lab_options.h"
#include "widget_probe.h"

#include "app/common/signal_watcher.h"
#include "core/api/node_event_log.h"
#include "core/api/node_http_api.h"
#include "ui/capture/capture_opener.h"
#include "ui/capture/capture_window.h"
#include "ui/capture/tap_window.h"
#include "ui/lab/lab_window.h"
#include "ui/lab/new_lab_dialog.h"
#include "ui/main_window.h"
#include "ui/node_host.h"
#include "ui/widgets/log_pane.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QTemporaryFile>
#include <QTimer>
#include <csignal>
#include <cstdio>

using namespace grapevine;

namespace {

constexpr int kUsageError = 2;
constexpr int kLeaveGuardMs = 10'000;

int fail(const QString &message, bool dialog)
{
    std::fprintf(stderr, "grapevine: %s\n", qPrintable(message));
    if (dialog)
        QMessageBox::critical(nullptr, QStringLiteral("Grapevine"), message);
    return kUsageError;
}

// In the Node's thread: the event log before start (so it prints "up"), the HTTP API after.
ui::NodeHost::Hooks nodeHooks(const NodeOptions &options)
{
    ui::NodeHost::Hooks hooks;
    hooks.beforeStart = [format = options.logFormat](Node *node) {
        new api::NodeEventLog(node, api::NodeEventLog::parseFormat(format), node);
    };
    hooks.afterStart = [http = options.http](Node *node, QString *error) {
        if (http.isEmpty())
            return true;
        auto *api = new api::NodeHttpApi(node, node);
        api->setEventLog(node->findChild<api::NodeEventLog *>());
        if (!api->listen(http, error))
            return false;
        // POST /v1/leave: the Node leaves, then the program exits (as the agent does).
        QObject::connect(api, &api::NodeHttpApi::leaveRequested, qApp, [node] {
            QObject::connect(node, &Node::leaveFinished, qApp, &QCoreApplication::quit);
            QTimer::singleShot(kLeaveGuardMs, qApp, &QCoreApplication::quit);
        });
        return true;
    };
    return hooks;
}

// Written whole or not at all, so a watcher never reads half a PNG.
void saveScreenshot(QWidget *window, const QString &path, bool quit)
{
    QSaveFile file(path);
    const bool saved =
        file.open(QIODevice::WriteOnly) && window->grab().save(&file, "PNG") && file.commit();
    std::fprintf(stderr, "grapevine: screenshot %s %s\n", saved ? "saved to" : "FAILED for",
                 qPrintable(path));
    if (quit)
        QCoreApplication::quit();
}

void scheduleScreenshot(ui::MainWindow *window, const gui::GuiOptions &options)
{
    if (options.screenshotPath.isEmpty())
        return;
    QTimer::singleShot(options.screenshotDelayMs, window, [window, options] {
        window->logPane()->selectNewest(wire::MessageType::User);
        saveScreenshot(window, options.screenshotPath, options.quitAfterScreenshot);
    });
}

// SIGTERM (what the demo's Ctrl-C sends) and SIGINT close the window as its ✕ does, so the
// node leaves gracefully; a second signal while it leaves exits at once, as the agent does.
void closeOnSignal(app::SignalWatcher *watcher, ui::MainWindow *window)
{
    QObject::connect(watcher, &app::SignalWatcher::received, window,
                     [window, signalled = false](int signal) mutable {
                         if (signalled || !window->isVisible()) {
                             QCoreApplication::exit(signal == SIGINT ? 130 : 143);
                             return;
                         }
                         signalled = true;
                         window->closeWithoutAsking();
                     });
}

void openLabWindow(QWidget *parent)
{
    ui::NewLabDialog dialog(parent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto *lab = new ui::LabWindow;
    lab->setAttribute(Qt::WA_DeleteOnClose);
    lab->openSetup(dialog.setup());
    lab->show();
}

// grapevine --lab: a lab window and no node.
int runLab(const QStringList &arguments)
{
    gui::LabOptions options;
    QString error;
    if (!gui::parseLabOptions(arguments, &options, &error))
        return fail(error, false);
    ui::LabWindow window;
    if (options.openPath.isEmpty())
        window.openSetup(options.setup);
    else if (!window.openFile(options.openPath, &error))
        return fail(error, false);
    window.setSpeed(options.speed);
    if (options.play)
        window.play();
    if (options.select >= 0)
        window.selectNode(options.select);
    window.show();
    if (!options.screenshotPath.isEmpty())
        QTimer::singleShot(options.screenshotDelayMs, &window, [&window, options] {
            saveScreenshot(&window, options.screenshotPath, options.quitAfterScreenshot);
        });
    return QApplication::exec();
}

// The screenshot of a capture: played back from a quarter of its span, so the views show the
// cluster mid-capture with the scrubber, the log and the details pane filled.
void scheduleCaptureScreenshot(ui::CaptureWindow *window, const gui::GuiOptions &options)
{
    if (options.screenshotPath.isEmpty())
        return;
    const ui::CapturePlayback &playback = window->playback();
    window->showAt(playback.startNs() + (playback.endNs() - playback.startNs()) / 4);
    window->setPlaying(true);
    QTimer::singleShot(options.screenshotDelayMs, window, [window, options] {
        window->setPlaying(false);
        window->logPane()->selectNewest(wire::MessageType::PushPull);
        saveScreenshot(window, options.screenshotPath, options.quitAfterScreenshot);
    });
}

// `grapevine --open FILE`: no node, only the capture's window.
int playCapture(const gui::GuiOptions &options)
{
    wire::Keyring keys;
    for (const QByteArray &key : options.node.keys)
        (void)keys.addKey(wire::Bytes(key.begin(), key.end()));
    auto *opener = new ui::CaptureOpener(options.openPath, keys, nullptr);
    QObject::connect(opener, &ui::CaptureOpener::failed, qApp, [](const QString &reason) {
        std::fprintf(stderr, "grapevine: %s\n", qPrintable(reason));
        QCoreApplication::exit(1);
    });
    QObject::connect(
        opener, &ui::CaptureOpener::opened, qApp,
        [options](ui::CaptureWindow *window) { scheduleCaptureScreenshot(window, options); });
    return QApplication::exec();
}

// `grapevine --tap IFACE`: no node, a passive live view of the cluster on IFACE.
int tapCluster(const gui::GuiOptions &options)
{
    capture::DecodeOptions decode;
    for (const QByteArray &key : options.node.keys)
        (void)decode.keyring.addKey(wire::Bytes(key.begin(), key.end()));
    for (quint16 port : options.tapPorts)
        decode.ports.insert(port);
    ui::TapWindow window(options.tapInterface, std::move(decode));
    QObject::connect(&window, &ui::TapWindow::failed, &window, [](const QString &reason) {
        std::fprintf(stderr, "grapevine: %s\n", qPrintable(reason));
        QMessageBox::critical(nullptr, QStringLiteral("Grapevine"), reason);
        QCoreApplication::exit(1);
    });
    window.show();
    if (!options.screenshotPath.isEmpty())
        QTimer::singleShot(options.screenshotDelayMs, &window, [&window, options] {
            saveScreenshot(&window, options.screenshotPath, options.quitAfterScreenshot);
        });
    return QApplication::exec();
}

// File › New window starts this program again with the node options that make it part of
// the same cluster. Keys travel in a private temporary file, never on a command line.
QStringList newWindowArguments(const NodeOptions &node, QTemporaryFile *keyFile)
{
    QStringList args{QStringLiteral("--profile"), node.profile};
    if (!node.label.isEmpty())
        args << QStringLiteral("--label") << node.label;
    if (node.plainValues)
        args << QStringLiteral("--plain-values");
    if (!node.dataDir.isEmpty())
        args << QStringLiteral("--data-dir") << node.dataDir;
    args << QStringLiteral("--bind")
         << QStringLiteral("%1:%2").arg(node.bindHost, QString::number(node.bindPort));
    if (!node.keys.isEmpty() && keyFile->open()) {
        for (const QByteArray &key : node.keys)
            keyFile->write(key.toBase64() + '\n');
        keyFile->flush();
        args << QStringLiteral("--key-file") << keyFile->fileName();
    }
    return args;
}

// A remembered place, or beside the windows started before this one (one per port).
void placeWindow(ui::MainWindow *window, const gui::GuiOptions &options, quint16 port)
{
    window->restoreLayout();
    if (options.windowPos) {
        window->move(*options.windowPos);
        return;
    }
    const int step = (port - options.node.bindPort) % 8;
    if (step > 0)
        window->move(window->pos() + QPoint(step, step) * ui::MainWindow::kCascadePx);
}

} // namespace

int main(int argc, char *argv[])
{
    // Read the arguments before QApplication: on X11 it swallows "--name NAME" (its own
    // -name option), which is also our node option.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Grapevine"));
    QCoreApplication::setApplicationName(QStringLiteral("grapevine"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_TEXT));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/grapevine.svg")));

    if (gui::isLabCommandLine(arguments))
        return runLab(arguments);

    const ui::AppSettings settings = ui::AppSettings::load(QSettings());
    gui::GuiOptions options;
    QString error;
    if (!gui::parseGuiOptions(arguments, settings, &options, &error))
        return fail(error, false);

    if (!options.openPath.isEmpty())
        return playCapture(options);
    if (!options.tapInterface.isEmpty())
        return tapCluster(options);
    ui::MainWindow window(settings);
    QObject::connect(&window, &ui::MainWindow::newLabRequested, &window,
                     [&window] { openLabWindow(&window); });
    ui::NodeHost host(options.node);
    host.attach(&window);
    app::SignalWatcher signalWatcher;
    if (!signalWatcher.watch({SIGINT, SIGTERM}, &error) ||
        !host.start(&error, nodeHooks(options.node)))
        return fail(error, true);
    closeOnSignal(&signalWatcher, &window);
    QTemporaryFile keyFile; // 0600, removed when this window's process ends
    window.setNewWindowArguments(newWindowArguments(options.node, &keyFile));
    placeWindow(&window, options, host.address().section(QLatin1Char(':'), -1).toUShort());
    window.show();
    scheduleScreenshot(&window, options);
    gui::WidgetProbe probe; // test-only, off unless GRAPEVINE_WIDGET_PROBE is set
    if (!probe.listenIfRequested(&error))
        return fail(error, false);
    return QApplication::exec();
}
