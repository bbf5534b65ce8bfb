#include "ui/dialogs/join_targets.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace grapevine::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JoinTargets", text);
}

bool isHostName(const QString &host)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$)"));
    // All-numeric dotted names are malformed IPv4 addresses, not host names.
    static const QRegularExpression numeric(QStringLiteral(R"(^[0-9.]+$)"));
    return re.match(host).hasMatch() && !numeric.match(host).hasMatch();
}

int portNumber(const QString &text)
{
    bool ok = false;
    const int port = text.trimmed().toInt(&ok);
    return ok && port >= 1 && port <= 65535 ? port : 0;
}

// One entry to "host:port", or an error naming the entry.
QString oneTarget(const QString &entry, const QString &defaultPort, QString *error)
{
    QString host;
    QString port;
    if (!splitJoinTarget(entry, &host, &port)) {
        *error =
            tr("“%1” is not an address: write HOST:PORT, [IPv6]:PORT or just a host.").arg(entry);
        return {};
    }
    QHostAddress address;
    const bool isIp = address.setAddress(host);
    if (!isIp && !isHostName(host)) {
        *error = tr("“%1” is not a valid IP address or host name.").arg(host);
        return {};
    }
    const QString portText = port.isEmpty() ? defaultPort.trimmed() : port;
    const int number = portNumber(portText);
    if (number == 0) {
        *error = port.isEmpty()
                     ? tr("The port must be a number from 1 to 65535 (got “%1”).").arg(portText)
                     : tr("The port in “%1” must be a number from 1 to 65535.").arg(entry);
        return {};
    }
    const bool v6 = isIp && address.protocol() == QAbstractSocket::IPv6Protocol;
    const QString canonicalPort = QString::number(number);
    return v6 ? QStringLiteral("[%1]:%2").arg(host, canonicalPort)
              : QStringLiteral("%1:%2").arg(host, canonicalPort);
}

} // namespace

bool splitJoinTarget(const QString &entry, QString *host, QString *port)
{
    const QString text = entry.trimmed();
    port->clear();
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        *host = text.mid(1, close - 1);
        const QString tail = text.mid(close + 1);
        if (!tail.isEmpty() && !tail.startsWith(QLatin1Char(':')))
            return false;
        *port = tail.mid(1);
        return !host->isEmpty() && (tail.isEmpty() || !port->isEmpty());
    }
    if (text.count(QLatin1Char(':')) == 1) {
        *host = text.section(QLatin1Char(':'), 0, 0);
        *port = text.section(QLatin1Char(':'), 1);
        return !host->isEmpty() && !port->isEmpty();
    }
    *host = text; // a bare name, an IPv4 address, or an unbracketed IPv6 address
    return !host->isEmpty();
}

JoinTargets parseJoinTargets(const QString &text, const QString &defaultPort)
{
    JoinTargets result;
    static const QRegularExpression separators(QStringLiteral(R"([\s,;]+)"));
    const QStringList entries = text.split(separators, Qt::SkipEmptyParts);
    if (entries.isEmpty()) {
        result.error = tr("Enter the host name or IP address of a cluster member.");
        return result;
    }
    for (const QString &entry : entries) {
        const QString target = oneTarget(entry, defaultPort, &result.error);
        if (!result.error.isEmpty()) {
            result.targets.clear();
            return result;
        }
        if (!result.targets.contains(target))
            result.targets << target;
    }
    return result;
}

} // namespace grapevine::ui
