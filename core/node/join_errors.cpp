#include "join_errors.h"

#include <QRegularExpression>

namespace grapevine {

namespace {
QString secondsText(int ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000) : QString::number(ms / 1000.0, 'f', 1);
}
} // namespace

QString plainStreamError(const wire::Endpoint &to, const std::string &streamError)
{
    const QString where = QString::fromStdString(to.toString());
    const QString text = QString::fromStdString(streamError);
    if (text.contains(QLatin1String("refused")))
        return QStringLiteral("TCP connection refused by %1").arg(where);
    static const QRegularExpression timedOut(QStringLiteral("timed out after (\\d+) ms"));
    if (const auto match = timedOut.match(text); match.hasMatch())
        return QStringLiteral("no answer from %1 within %2 s")
            .arg(where, secondsText(match.captured(1).toInt()));
    if (text.contains(QLatin1String("version"), Qt::CaseInsensitive))
        return QStringLiteral("protocol version mismatch with %1").arg(where);
    if (text.startsWith(QLatin1String("remote error")) ||
        text.contains(QLatin1String("decrypt"), Qt::CaseInsensitive) ||
        text.contains(QLatin1String("encrypt"), Qt::CaseInsensitive) ||
        text.contains(QLatin1String("label"), Qt::CaseInsensitive))
        return QStringLiteral("wrong encryption key or label (%1: %2)").arg(where, text);
    if (text.contains(QLatin1String("closed before a reply")))
        return QStringLiteral("%1 closed the connection without answering "
                              "(wrong encryption key or label?)")
            .arg(where);
    return QStringLiteral("%1: %2").arg(where, text);
}

QString plainEngineJoinError(const std::string &engineError)
{
    QString text = QString::fromStdString(engineError);
    if (!text.contains(QLatin1String("version"), Qt::CaseInsensitive))
        return text;
    // Serf (so Consul and Nomad, and Grapevine with --serf) runs delegate versions 2-5; plain
    // memberlist programs and Grapevine without --serf run 0. The two cannot share a cluster.
    if (text.contains(QLatin1String("delegate version")))
        return QStringLiteral("protocol version mismatch (%1): one side speaks Serf (Serf, Consul, "
                              "Nomad, Grapevine with --serf) and the other plain memberlist; "
                              "join a Serf cluster with --serf, a memberlist one without it")
            .arg(text);
    return QStringLiteral("protocol version mismatch (%1)").arg(text);
}

} // namespace grapevine
