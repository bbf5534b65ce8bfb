// peak_rss.cpp — see the header.
#include "tests/support/peak_rss.h"

#include <QFile>

namespace grapevine::testing {

namespace {

// The number after `field` ("VmHWM:") in a /proc status file, in KiB; -1 if absent.
qint64 statusKb(const QString &path, const QByteArray &field)
{
    QFile status(path);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

qint64 peakRssKb(qint64 pid)
{
    return statusKb(QStringLiteral("/proc/%1/status").arg(pid), "VmHWM:");
}

qint64 ownPeakRssKb()
{
    return statusKb(QStringLiteral("/proc/self/status"), "VmHWM:");
}

qint64 ownRssKb()
{
    return statusKb(QStringLiteral("/proc/self/status"), "VmRSS:");
}

void resetOwnPeakRss()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

} // namespace grapevine::testing
