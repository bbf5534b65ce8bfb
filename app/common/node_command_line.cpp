// node_command_line.cpp — parsing and validation of the node options both programs share
// (docs/architecture.md, "Programs"). Every error is one line naming the option and what was
// wrong; key bytes are never echoed (only their position and length).
#include "app/common/node_command_line.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QRegularExpression>
#include <algorithm>

namespace grapevine {

namespace {

constexpr int kMaxLabelBytes = 255;
const QStringList kProfiles{QStringLiteral("local"), QStringLiteral("lan"), QStringLiteral("wan")};
const QStringList kLogFormats{QStringLiteral("text"), QStringLiteral("json")};

QCommandLineOption option(const char *name, const QString &help, const char *valueName)
{
    return QCommandLineOption(QString::fromLatin1(name), help, QString::fromLatin1(valueName));
}

bool isHostName(const QString &host)
{
    static const QRegularExpression re(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$"));
    static const QRegularExpression numericTail(QStringLiteral("(^|\\.)[0-9]+$"));
    // An all-numeric last label is a mistyped IPv4 address, not a name.
    return host.size() <= 253 && re.match(host).hasMatch() && !numericTail.match(host).hasMatch();
}

// QHostAddress also takes inet_aton forms ("1.2.3" = 1.2.0.3); only dotted quads are IPv4 here.
bool isIpLiteral(const QString &host)
{
    static const QRegularExpression quad(QStringLiteral("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$"));
    if (QHostAddress(host).isNull())
        return false;
    return host.contains(QLatin1Char(':')) || quad.match(host).hasMatch();
}

struct HostPort {
    QString host;
    int port = -1;
};

// Splits "HOST:PORT", "[v6]:PORT" or ":PORT"; an unbracketed IPv6 address is refused because
// its last group cannot be told apart from a port.
bool splitHostPort(const QString &text, HostPort *out, QString *why)
{
    QString portText;
    static const QRegularExpression bare(QStringLiteral("^[0-9]+$"));
    if (bare.match(text).hasMatch()) {
        out->host.clear(); // a bare port: the option's default host
        portText = text;
    } else if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0 || text.mid(close + 1, 1) != QLatin1String(":")) {
            *why = QStringLiteral("expected [IPv6]:PORT");
            return false;
        }
        out->host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon < 0) {
            *why = QStringLiteral("expected HOST:PORT");
            return false;
        }
        out->host = text.left(colon);
        if (out->host.contains(QLatin1Char(':'))) {
            *why = QStringLiteral("IPv6 addresses need brackets, e.g. [::1]:7946");
            return false;
        }
        portText = text.mid(colon + 1);
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,5}$"));
    if (!ok || !digits.match(portText).hasMatch() || port > 65535) {
        *why = QStringLiteral("port \"%1\" is not a number from 1 to 65535").arg(portText);
        return false;
    }
    out->port = int(port);
    return true;
}

enum class HostKind { IpOnly, IpOrName };

// Checks one HOST:PORT option value. An empty host takes defaultHost.
bool readHostPort(const QString &name, const QString &text, HostKind kind, bool allowPortZero,
                  const QString &defaultHost, HostPort *out, QString *error)
{
    QString why;
    if (!splitHostPort(text, out, &why)) {
        *error = QStringLiteral("--%1 %2: %3").arg(name, text, why);
        return false;
    }
    if (out->port == 0 && !allowPortZero) {
        *error = QStringLiteral("--%1 %2: port must be from 1 to 65535").arg(name, text);
        return false;
    }
    if (out->host.isEmpty())
        out->host = defaultHost;
    const bool isIp = isIpLiteral(out->host);
    if (!isIp && (kind == HostKind::IpOnly || !isHostName(out->host))) {
        *error = QStringLiteral("--%1 %2: \"%3\" is not %4")
                     .arg(name, text, out->host,
                          kind == HostKind::IpOnly ? QStringLiteral("an IP address")
                                                   : QStringLiteral("an IP address or host name"));
        return false;
    }
    return true;
}

bool readKeys(const QCommandLineParser &parser, NodeOptions *options, QString *error)
{
    const QStringList keys = parser.values(QStringLiteral("key"));
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (!decodeKey(keys[i], QStringLiteral("--key: key %1").arg(i + 1), &options->keys, error))
            return false;
    }
    return std::ranges::all_of(parser.values(QStringLiteral("key-file")), [&](const QString &path) {
        return readKeyFile(path, QStringLiteral("--key-file"), &options->keys, error);
    });
}

QString joinHostPort(const HostPort &hp)
{
    const bool v6 = hp.host.contains(QLatin1Char(':'));
    // One arg() call: a chained one would take a "%1" in the host (an IPv6 scope id such as
    // fe80::1%1) for its own placeholder.
    const QString port = QString::number(hp.port);
    return v6 ? QStringLiteral("[%1]:%2").arg(hp.host, port)
              : QStringLiteral("%1:%2").arg(hp.host, port);
}

bool readAddresses(const QCommandLineParser &parser, NodeOptions *options, QString *error)
{
    HostPort hp;
    if (parser.isSet(QStringLiteral("bind"))) {
        if (!readHostPort(QStringLiteral("bind"), parser.value(QStringLiteral("bind")),
                          HostKind::IpOnly, true, QStringLiteral("0.0.0.0"), &hp, error))
            return false;
        options->bindHost = hp.host;
        options->bindPort = quint16(hp.port);
    }
    if (parser.isSet(QStringLiteral("advertise"))) {
        if (!readHostPort(QStringLiteral("advertise"), parser.value(QStringLiteral("advertise")),
                          HostKind::IpOnly, false, QString(), &hp, error))
            return false;
        if (hp.host.isEmpty() || QHostAddress(hp.host).isEqual(QHostAddress::AnyIPv4) ||
            QHostAddress(hp.host).isEqual(QHostAddress::AnyIPv6)) {
            *error = QStringLiteral("--advertise: give a reachable address, not %1")
                         .arg(hp.host.isEmpty() ? QStringLiteral("an empty host") : hp.host);
            return false;
        }
        options->advertise = joinHostPort(hp);
    }
    for (const QString &join : parser.values(QStringLiteral("join"))) {
        if (!readHostPort(QStringLiteral("join"), join, HostKind::IpOrName, false,
                          QStringLiteral("127.0.0.1"), &hp, error))
            return false;
        options->joins.append(joinHostPort(hp));
    }
    if (parser.isSet(QStringLiteral("http"))) {
        // Loopback unless a host is given: the API can change the value and stop the node.
        if (!readHostPort(QStringLiteral("http"), parser.value(QStringLiteral("http")),
                          HostKind::IpOrName, true, QStringLiteral("127.0.0.1"), &hp, error))
            return false;
        options->http = joinHostPort(hp);
    }
    return true;
}

bool readChoices(const QCommandLineParser &parser, NodeOptions *options, QString *error)
{
    if (parser.isSet(QStringLiteral("profile"))) {
        const QString profile = parser.value(QStringLiteral("profile")).toLower();
        if (!kProfiles.contains(profile)) {
            *error = QStringLiteral("--profile %1: expected local, lan or wan")
                         .arg(parser.value(QStringLiteral("profile")));
            return false;
        }
        options->profile = profile;
    }
    if (parser.isSet(QStringLiteral("log-format"))) {
        const QString format = parser.value(QStringLiteral("log-format")).toLower();
        if (!kLogFormats.contains(format)) {
            *error = QStringLiteral("--log-format %1: expected text or json")
                         .arg(parser.value(QStringLiteral("log-format")));
            return false;
        }
        options->logFormat = format;
    }
    return true;
}

bool readTexts(const QCommandLineParser &parser, NodeOptions *options, QString *error)
{
    if (parser.isSet(QStringLiteral("name"))) {
        options->name = parser.value(QStringLiteral("name"));
        if (options->name.trimmed().isEmpty()) {
            *error = QStringLiteral("--name: the name must not be empty");
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("label"))) {
        options->label = parser.value(QStringLiteral("label"));
        const qsizetype bytes = options->label.toUtf8().size();
        if (bytes > kMaxLabelBytes) {
            *error = QStringLiteral("--label: %1 bytes; a label is at most %2 bytes")
                         .arg(bytes)
                         .arg(kMaxLabelBytes);
            return false;
        }
    }
    options->plainValues = parser.isSet(QStringLiteral("plain-values"));
    options->serf = parser.isSet(QStringLiteral("serf"));
    for (const QString &tag : parser.values(QStringLiteral("tag"))) {
        if (tag.indexOf(QLatin1Char('=')) < 1) {
            *error = QStringLiteral("--tag %1: expected KEY=VALUE").arg(tag);
            return false;
        }
        options->tags.append(tag);
    }
    if (!options->tags.isEmpty() && !options->serf) {
        *error = QStringLiteral("--tag needs --serf (in memberlist mode the node metadata carries "
                                "the value's version)");
        return false;
    }
    if (parser.isSet(QStringLiteral("data-dir")))
        options->dataDir = parser.value(QStringLiteral("data-dir"));
    return true;
}

} // namespace

void addNodeOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        option("name", QStringLiteral("Node name (default <hostname>-<port>)."), "NAME"),
        option("bind", QStringLiteral("UDP+TCP gossip address (default 0.0.0.0:7946)."),
               "HOST:PORT"),
        option("advertise", QStringLiteral("Address announced to peers (default: from --bind)."),
               "HOST:PORT"),
        option("join", QStringLiteral("A peer to join; repeatable; retried until it answers."),
               "HOST:PORT"),
        option("profile", QStringLiteral("Timing preset: local, lan or wan (default lan)."),
               "PROFILE"),
        option("key",
               QStringLiteral("AES-GCM key, base64 of 16/24/32 bytes; repeatable, the "
                              "first encrypts."),
               "BASE64"),
        option("key-file", QStringLiteral("File with one base64 key per line ('#' comments)."),
               "FILE"),
        option("label", QStringLiteral("Cluster label (at most 255 bytes)."), "TEXT"),
        QCommandLineOption(QStringLiteral("plain-values"),
                           QStringLiteral("Also send values as plain text user messages.")),
        QCommandLineOption(QStringLiteral("serf"),
                           QStringLiteral("Serf mode: join Serf, Consul and Nomad clusters (Serf's "
                                          "delegate versions, tags as metadata, the value as the "
                                          "Serf user event grapevine-value).")),
        option("tag", QStringLiteral("A Serf tag (with --serf); repeatable."), "KEY=VALUE"),
        option("data-dir", QStringLiteral("Folder of the state file."), "DIR"),
        option("http",
               QStringLiteral("HTTP API address (off unless given; loopback unless a "
                              "host is given)."),
               "HOST:PORT"),
        option("log-format", QStringLiteral("Events on stdout: text or json (default text)."),
               "FORMAT"),
    });
}

bool readNodeOptions(const QCommandLineParser &parser, NodeOptions *options, QString *error)
{
    QString ignored;
    QString *err = error ? error : &ignored;
    return readTexts(parser, options, err) && readChoices(parser, options, err) &&
           readAddresses(parser, options, err) && readKeys(parser, options, err);
}

} // namespace grapevine
