#include "gui_options.h"

namespace grapevine::gui {

namespace {

const QString kScreenshot = QStringLiteral("screenshot");
const QString kScreenshotDelay = QStringLiteral("screenshot-delay");
const QString kQuitAfter = QStringLiteral("quit-after-screenshot");
const QString kWindowPos = QStringLiteral("window-pos");
const QString kOpen = QStringLiteral("open");
const QString kTap = QStringLiteral("tap");
const QString kPort = QStringLiteral("port");

void addGuiOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Grapevine: a desktop gossip-cluster visualizer. Every window is a real node of a "
        "cluster that speaks hashicorp/memberlist's protocol."));
    parser.addHelpOption();
    parser.addVersionOption();
    addNodeOptions(parser);
    parser.addOption(
        {kScreenshot, QStringLiteral("Save a PNG of the window to PATH."), QStringLiteral("PATH")});
    parser.addOption({kScreenshotDelay,
                      QStringLiteral("Wait MS milliseconds before the screenshot (default 2000)."),
                      QStringLiteral("MS")});
    parser.addOption({kQuitAfter, QStringLiteral("Quit once the screenshot is saved.")});
    parser.addOption({kWindowPos, QStringLiteral("Open the window at X,Y (screen pixels)."),
                      QStringLiteral("X,Y")});
    parser.addOption({kOpen,
                      QStringLiteral("Open a pcap/pcapng capture of a cluster and play it back "
                                     "(no node is started; --key decrypts)."),
                      QStringLiteral("FILE")});
    parser.addOption({kTap,
                      QStringLiteral("Follow a cluster live on interface IFACE without joining it "
                                     "(passive capture; needs root or cap_net_raw,cap_net_admin)."),
                      QStringLiteral("IFACE")});
    parser.addOption({kPort,
                      QStringLiteral("With --tap: the gossip port (default 7946); repeatable."),
                      QStringLiteral("N")});
}

// Options the user did not give, taken from the remembered settings.
QStringList settingsArguments(const QCommandLineParser &given, const ui::AppSettings &settings)
{
    QStringList args;
    auto add = [&](const char *name, const QString &value) {
        if (!value.isEmpty() && !given.isSet(QLatin1String(name)))
            args << QStringLiteral("--%1").arg(QLatin1String(name)) << value;
    };
    add("bind", settings.bind);
    add("profile", settings.profile);
    add("label", settings.label);
    // Keys given on the command line (or in a key file) replace the remembered ones; added in
    // front, a remembered key would become the primary and encrypt instead.
    if (!given.isSet(QStringLiteral("key")) && !given.isSet(QStringLiteral("key-file"))) {
        for (const QString &key : settings.keys)
            args << QStringLiteral("--key") << key;
    }
    if (settings.plainValues)
        args << QStringLiteral("--plain-values");
    return args;
}

} // namespace

bool parseGuiOptions(const QStringList &arguments, const ui::AppSettings &settings,
                     GuiOptions *options, QString *error)
{
    QCommandLineParser user;
    addGuiOptions(user);
    if (!user.parse(arguments)) {
        *error = user.errorText();
        return false;
    }
    if (user.isSet(QStringLiteral("help")))
        user.showHelp(0);
    if (user.isSet(QStringLiteral("version")))
        user.showVersion();
    if (!user.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument: %1").arg(user.positionalArguments().first());
        return false;
    }
    QCommandLineParser merged;
    addGuiOptions(merged);
    QStringList all{arguments.value(0)};
    all << settingsArguments(user, settings) << arguments.mid(1);
    if (!merged.parse(all) || !readNodeOptions(merged, &options->node, error)) {
        if (error->isEmpty())
            *error = merged.errorText();
        return false;
    }
    options->node.findFreePort = true; // a second window on one machine just works
    // The remembered name is a prefix (<prefix>-<port>): as an exact name, every window
    // started on this machine would take the same one and conflict.
    if (!user.isSet(QStringLiteral("name")))
        options->node.namePrefix = settings.name.trimmed();
    options->screenshotPath = user.value(kScreenshot);
    if (user.isSet(kScreenshotDelay))
        options->screenshotDelayMs = qMax(0, user.value(kScreenshotDelay).toInt());
    options->quitAfterScreenshot = user.isSet(kQuitAfter);
    if (user.isSet(kWindowPos)) {
        const QStringList xy = user.value(kWindowPos).split(QLatin1Char(','));
        bool okX = false;
        bool okY = false;
        const int x = xy.value(0).toInt(&okX);
        const int y = xy.value(1).toInt(&okY);
        if (xy.size() != 2 || !okX || !okY) {
            *error = QStringLiteral("--window-pos %1: expected X,Y").arg(user.value(kWindowPos));
            return false;
        }
        options->windowPos = QPoint(x, y);
    }
    options->openPath = user.value(kOpen);
    options->tapInterface = user.value(kTap);
    for (const QString &text : user.values(kPort)) {
        bool ok = false;
        const uint port = text.toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            *error = QStringLiteral("--port: \"%1\" is not a port number").arg(text);
            return false;
        }
        options->tapPorts.append(quint16(port));
    }
    if (options->tapPorts.isEmpty())
        options->tapPorts.append(7946);
    return true;
}

} // namespace grapevine::gui
