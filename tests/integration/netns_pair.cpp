// netns_pair.cpp — see the header.
#include "netns_pair.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <unistd.h>

namespace {

const QString kPrefix = QStringLiteral("gvfault-");

bool run(const QString &program, const QStringList &args, QByteArray *output, int timeoutMs)
{
    QProcess process;
    process.start(program, args);
    if (!process.waitForStarted(timeoutMs))
        return false;
    const bool done =
        QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs);
    if (!done) {
        process.kill();
        process.waitForFinished(1000);
        return false;
    }
    if (output)
        *output = process.readAllStandardOutput();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace

NetnsPair::NetnsPair()
{
    const QString pid = QString::number(QCoreApplication::applicationPid());
    m_a = kPrefix + pid + "-a";
    m_b = kPrefix + pid + "-b";
}

NetnsPair::~NetnsPair()
{
    if (!m_created)
        return;
    // Deleting a namespace kills nothing, but destroys its end of the veth (and so the pair).
    ip({"netns", "del", m_a});
    ip({"netns", "del", m_b});
}

bool NetnsPair::ip(const QStringList &args, QByteArray *output, int timeoutMs)
{
    return run(QStringLiteral("ip"), args, output, timeoutMs);
}

bool NetnsPair::inNamespace(const QString &ns, const QStringList &command, QByteArray *output,
                            int timeoutMs)
{
    return ip(QStringList{"netns", "exec", ns} + command, output, timeoutMs);
}

void NetnsPair::removeStale()
{
    QByteArray list;
    if (!ip({"netns", "list"}, &list))
        return;
    for (const QByteArray &line : list.split('\n')) {
        const QString name = QString::fromUtf8(line.split(' ').value(0));
        if (!name.startsWith(kPrefix))
            continue;
        const QString pid = name.mid(kPrefix.size()).section('-', 0, 0);
        if (!QFile::exists("/proc/" + pid))
            ip({"netns", "del", name});
    }
}

bool NetnsPair::create(QString *why)
{
    if (::geteuid() != 0) {
        *why = QStringLiteral("not root (euid %1): ip netns needs CAP_SYS_ADMIN").arg(::geteuid());
        return false;
    }
    if (QStandardPaths::findExecutable("ip").isEmpty()) {
        *why = QStringLiteral("no `ip` in PATH (Debian package iproute2)");
        return false;
    }
    removeStale();
    if (!ip({"netns", "add", m_a}) || !ip({"netns", "add", m_b})) {
        *why = QStringLiteral("`ip netns add` failed (no CAP_SYS_ADMIN in this container?)");
        ip({"netns", "del", m_a});
        return false;
    }
    m_created = true;
    const QString pid = QString::number(QCoreApplication::applicationPid());
    const QString vethA = "gvf" + pid + "a", vethB = "gvf" + pid + "b"; // <= 15 characters
    const bool ok = ip({"link", "add", vethA, "netns", m_a, "type", "veth", "peer", "name", vethB,
                        "netns", m_b}) &&
                    ip({"-n", m_a, "addr", "add", address(0) + "/24", "dev", vethA}) &&
                    ip({"-n", m_b, "addr", "add", address(1) + "/24", "dev", vethB}) &&
                    ip({"-n", m_a, "link", "set", "lo", "up"}) &&
                    ip({"-n", m_b, "link", "set", "lo", "up"}) && setLinked(true);
    if (!ok)
        *why = QStringLiteral("could not set up the veth pair between %1 and %2").arg(m_a, m_b);
    return ok;
}

bool NetnsPair::setLinked(bool up)
{
    const QString pid = QString::number(QCoreApplication::applicationPid());
    const QString state = up ? "up" : "down";
    return ip({"-n", m_a, "link", "set", "gvf" + pid + "a", state}) &&
           ip({"-n", m_b, "link", "set", "gvf" + pid + "b", state});
}
