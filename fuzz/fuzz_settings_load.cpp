// Fuzzes what the window does with its settings file at start: the input is written as the
// INI file QSettings reads (~/.config/Grapevine/grapevine.conf), loaded by
// ui::AppSettings::load and turned into options by gui::parseGuiOptions exactly as app/gui
// does at start (with no command-line arguments). An edited or damaged file must give
// bounded settings and either valid options or one clear line of error — never a crash, a
// hang, or the program exiting (a setting must never be read as --help or --version).
#include "app/gui/gui_options.h"
#include "ui/app_settings.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <cstdlib>

using namespace grapevine;

namespace {

void check(bool holds)
{
    if (!holds)
        std::abort();
}

QString settingsPath()
{
    static QTemporaryDir dir;
    return dir.filePath(QStringLiteral("grapevine.conf"));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    {
        QFile file(settingsPath());
        check(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    const QSettings stored(settingsPath(), QSettings::IniFormat);
    const ui::AppSettings settings = ui::AppSettings::load(stored);
    check(settings.logSize >= ui::AppSettings::kMinLogSize &&
          settings.logSize <= ui::AppSettings::kMaxLogSize);
    check(settings.recentPeers.size() <= ui::AppSettings::kMaxRecentPeers);
    gui::GuiOptions options;
    QString error;
    if (gui::parseGuiOptions({QStringLiteral("grapevine")}, settings, &options, &error)) {
        check(options.node.bindPort <= 65535);
        for (const QByteArray &key : options.node.keys)
            check(key.size() == 16 || key.size() == 24 || key.size() == 32);
    } else {
        check(!error.isEmpty());
    }
    return 0;
}
