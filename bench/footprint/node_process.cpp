// node_process.cpp — see the header.
#include "node_process.h"

#include "tests/support/free_port.h"
#include "tests/support/local_http.h"

#include <QFile>
#include <unistd.h>

NodeProcess::NodeProcess(QString program, QString name)
    : m_program(std::move(program))
    , m_name(std::move(name))
    , m_child(m_name, grapevine::testing::Stderr::Discarded)
{
    // Events go to a handler only (setEventHandler): over a long run, keeping them would grow
    // this process, not the nodes measured.
    m_child.setEventHandler([](const QJsonObject &) {});
}

NodeProcess::~NodeProcess()
{
    stop();
}

QString NodeProcess::gossipAddress() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_gossipPort);
}

bool NodeProcess::start(const QStringList &extra, int timeoutMs)
{
    m_gossipPort = grapevine::testing::freePort();
    m_httpPort = grapevine::testing::freePort();
    const QStringList args =
        QStringList{"--name",        m_name,   "--bind",
                    gossipAddress(), "--http", QStringLiteral("127.0.0.1:%1").arg(m_httpPort),
                    "--log-format",  "json"} +
        extra;
    if (!m_child.start(m_program, args))
        return false;
    return waitUntil([this] { return !get("/v1/members", 200).isEmpty(); }, timeoutMs);
}

QByteArray NodeProcess::get(const QByteArray &target, int timeoutMs)
{
    const grapevine::testing::HttpReply reply =
        grapevine::testing::localHttp(m_httpPort, "GET", target, {}, timeoutMs);
    return reply.status == 200 ? reply.body : QByteArray();
}

ProcessUsage NodeProcess::usage() const
{
    ProcessUsage usage;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                usage.rssKb = line.mid(6).trimmed().split(' ').first().toLongLong();
        }
    }
    QFile rollup(QStringLiteral("/proc/%1/smaps_rollup").arg(pid()));
    if (rollup.open(QIODevice::ReadOnly)) {
        usage.privateKb = 0;
        for (const QByteArray &line : rollup.readAll().split('\n')) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() < 2)
                continue;
            if (parts[0] == "Pss:")
                usage.pssKb = parts[1].toLongLong();
            else if (parts[0] == "Private_Clean:" || parts[0] == "Private_Dirty:")
                usage.privateKb += parts[1].toLongLong();
        }
    }
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid()));
    if (stat.open(QIODevice::ReadOnly)) {
        // Fields after the ")" that closes the command name; utime and stime are 14 and 15.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            usage.cpuSeconds = double(fields[11].toLongLong() + fields[12].toLongLong()) /
                               double(::sysconf(_SC_CLK_TCK));
    }
    return usage;
}

void NodeProcess::stop()
{
    if (m_child.terminate(5000) == -1)
        m_child.kill9(); // nothing when it has exited (a crash too)
}
