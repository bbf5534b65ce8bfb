#include "lab_options.h"

#include <QCommandLineParser>

namespace grapevine::gui {

namespace {

void addLabOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QStringLiteral("Grapevine lab: a whole simulated cluster (the real engine and value) in "
                       "one window, on a virtual clock you drive."));
    parser.addHelpOption();
    const QList<QCommandLineOption> options{
        {QStringLiteral("lab"), QStringLiteral("Open a lab window instead of a live node.")},
        {QStringLiteral("nodes"), QStringLiteral("Simulated nodes, 3 … 2000 (default 50)."),
         QStringLiteral("N")},
        {QStringLiteral("seed"), QStringLiteral("The run's seed (default 1)."),
         QStringLiteral("S")},
        {QStringLiteral("profile"), QStringLiteral("local, lan (default) or wan."),
         QStringLiteral("P")},
        {QStringLiteral("start"), QStringLiteral("formed (default) or joining."),
         QStringLiteral("MODE")},
        {QStringLiteral("open"), QStringLiteral("Open a lab scenario file."),
         QStringLiteral("FILE")},
        {QStringLiteral("play"), QStringLiteral("Start the clock at once.")},
        {QStringLiteral("speed"),
         QStringLiteral("Clock speed, 0.1 … 100 (0: as fast as possible)."), QStringLiteral("X")},
        {QStringLiteral("select"), QStringLiteral("Show node N's panels."), QStringLiteral("N")},
        {QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the window to PATH."),
         QStringLiteral("PATH")},
        {QStringLiteral("screenshot-delay"), QStringLiteral("Wait MS ms first (default 2000)."),
         QStringLiteral("MS")},
        {QStringLiteral("quit-after-screenshot"), QStringLiteral("Quit once it is saved.")},
    };
    parser.addOptions(options);
}

bool readSetup(const QCommandLineParser &p, lab::LabSetup *setup, QString *error)
{
    bool ok = true;
    if (p.isSet(QStringLiteral("nodes"))) {
        setup->nodes = p.value(QStringLiteral("nodes")).toInt(&ok);
        if (!ok || setup->nodes < lab::kMinNodes || setup->nodes > lab::kMaxNodes) {
            *error =
                QStringLiteral("--nodes must be %1 … %2").arg(lab::kMinNodes).arg(lab::kMaxNodes);
            return false;
        }
    }
    if (p.isSet(QStringLiteral("seed"))) {
        setup->seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            *error = QStringLiteral("--seed must be a whole number");
            return false;
        }
    }
    if (p.isSet(QStringLiteral("profile"))) {
        const auto profile =
            protocol::parseProfile(p.value(QStringLiteral("profile")).toStdString());
        if (!profile) {
            *error = QStringLiteral("--profile must be local, lan or wan");
            return false;
        }
        setup->profile = *profile;
    }
    const QString start = p.value(QStringLiteral("start"));
    if (!start.isEmpty() && start != QLatin1String("formed") && start != QLatin1String("joining")) {
        *error = QStringLiteral("--start must be formed or joining");
        return false;
    }
    setup->start =
        start == QLatin1String("joining") ? lab::StartMode::Joining : lab::StartMode::Formed;
    return true;
}

} // namespace

bool isLabCommandLine(const QStringList &arguments)
{
    return arguments.contains(QStringLiteral("--lab"));
}

bool parseLabOptions(const QStringList &arguments, LabOptions *options, QString *error)
{
    QCommandLineParser parser;
    addLabOptions(parser);
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (!readSetup(parser, &options->setup, error))
        return false;
    options->openPath = parser.value(QStringLiteral("open"));
    options->play = parser.isSet(QStringLiteral("play"));
    bool ok = true;
    if (parser.isSet(QStringLiteral("speed"))) {
        options->speed = parser.value(QStringLiteral("speed")).toDouble(&ok);
        if (!ok || options->speed < 0 || options->speed > 100) {
            *error = QStringLiteral("--speed must be 0 … 100");
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("select")))
        options->select = parser.value(QStringLiteral("select")).toInt();
    options->screenshotPath = parser.value(QStringLiteral("screenshot"));
    if (parser.isSet(QStringLiteral("screenshot-delay")))
        options->screenshotDelayMs =
            qMax(0, parser.value(QStringLiteral("screenshot-delay")).toInt());
    options->quitAfterScreenshot = parser.isSet(QStringLiteral("quit-after-screenshot"));
    return true;
}

} // namespace grapevine::gui
