// gui_options.h — the window's command line: the shared node options
// (app/common/node_command_line.h), with remembered settings filling in whatever the command line
// leaves out, plus the window's own --screenshot options used by the end-to-end check.
#pragma once

#include "app/common/node_command_line.h"
#include "ui/app_settings.h"

#include <QCommandLineParser>
#include <QPoint>

#include <QStringList>
#include <optional>

namespace grapevine::gui {

struct GuiOptions {
    NodeOptions node;
    QString screenshotPath; // empty = none
    int screenshotDelayMs = 2000;
    bool quitAfterScreenshot = false;
    std::optional<QPoint> windowPos; // --window-pos X,Y (File › New window places its window)
    QString openPath;        // --open FILE: play a capture back instead of joining a cluster
    QString tapInterface;    // --tap IFACE: follow a cluster live, passively
    QList<quint16> tapPorts; // --port N (repeatable) with --tap; default 7946
};

// Settings become arguments placed before the user's, so the user's always win and the
// settings go through the same validation. False with one line in *error on a bad value.
// --help and --version print and exit, like the agent.
bool parseGuiOptions(const QStringList &arguments, const ui::AppSettings &settings,
                     GuiOptions *options, QString *error);

} // namespace grapevine::gui
