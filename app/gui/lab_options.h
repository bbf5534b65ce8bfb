// lab_options.h — `grapevine --lab`: the lab window's command line (no node is started).
//   --nodes N (3 … 2000, default 50)  --seed S  --profile local|lan|wan
//   --start formed|joining  --open FILE (a lab scenario)  --play  --speed X
//   --select N (show node N's panels)  --screenshot PATH [--screenshot-delay MS]
//   [--quit-after-screenshot]
#pragma once

#include "core/lab/lab_scenario.h"

#include <QString>
#include <QStringList>

namespace grapevine::gui {

struct LabOptions {
    lab::LabSetup setup;
    QString openPath; // a scenario file instead of setup
    bool play = false;
    double speed = 1;
    int select = -1;
    QString screenshotPath;
    int screenshotDelayMs = 2000;
    bool quitAfterScreenshot = false;
};

[[nodiscard]] bool isLabCommandLine(const QStringList &arguments);
// False with one line in *error on a bad value; --help prints and exits.
bool parseLabOptions(const QStringList &arguments, LabOptions *options, QString *error);

} // namespace grapevine::gui
