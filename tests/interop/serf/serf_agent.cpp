// serf_agent.cpp — see the header.
#include "serf_agent.h"

#include "tests/support/free_port.h"
#include "tests/support/wait_until.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <utility>

namespace grapevine::interop {

using testing::waitUntil;

QString serfPath()
{
    const QString env = qEnvironmentVariable("GRAPEVINE_SERF");
    return env.isEmpty() ? QStringLiteral(GRAPEVINE_SERF_PATH) : env;
}

SerfAgent::SerfAgent(QString name, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_agent(m_name, testing::Stderr::Merged)
{
}

SerfAgent::~SerfAgent() = default;

QString SerfAgent::gossipAddress() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_gossipPort);
}

quint16 SerfAgent::reserveGossipPort()
{
    m_reservedPort = testing::freePort();
    m_gossipPort = m_reservedPort;
    return m_reservedPort;
}

bool SerfAgent::start(const QStringList &extra, int timeoutMs)
{
    m_gossipPort = m_reservedPort != 0 ? std::exchange(m_reservedPort, 0) : testing::freePort();
    m_rpcPort = testing::freePort();
    QStringList args{QStringLiteral("agent"),
                     QStringLiteral("-node=%1").arg(m_name),
                     QStringLiteral("-bind=127.0.0.1:%1").arg(m_gossipPort),
                     QStringLiteral("-rpc-addr=127.0.0.1:%1").arg(m_rpcPort),
                     QStringLiteral("-profile=local"),
                     QStringLiteral("-log-level=debug")};
    args += extra;
    if (!m_agent.start(serfPath(), args)) {
        m_lastError = QStringLiteral("serf agent did not start: %1").arg(m_agent.errorString());
        return false;
    }
    const bool up = waitUntil(
        [this] { return m_agent.running() && cli(QStringLiteral("members"), {}, 2000).ok; },
        timeoutMs, 200);
    if (!up)
        m_lastError =
            QStringLiteral("serf agent %1 did not answer on RPC:\n%2").arg(m_name, logTail());
    return up;
}

CliResult SerfAgent::cli(const QString &command, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(serfPath(),
            QStringList{command, QStringLiteral("-rpc-addr=127.0.0.1:%1").arg(m_rpcPort)} + args);
    CliResult result;
    // Keep the event loop running: our own agents answer the queries this CLI waits for.
    const bool done = waitUntil([&p] { return p.state() == QProcess::NotRunning; }, timeoutMs, 20);
    if (!done) {
        p.kill();
        p.waitForFinished(2000);
    }
    result.output = QString::fromUtf8(p.readAll());
    result.ok = done && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return result;
}

QMap<QString, SerfMember> SerfAgent::members()
{
    QMap<QString, SerfMember> out;
    const CliResult r = cli(QStringLiteral("members"), {QStringLiteral("-format=json")}, 5000);
    if (!r.ok)
        return out;
    const QJsonObject doc = QJsonDocument::fromJson(r.output.toUtf8()).object();
    for (const QJsonValue &v : doc.value(QStringLiteral("members")).toArray()) {
        const QJsonObject m = v.toObject();
        SerfMember member;
        member.status = m.value(QStringLiteral("status")).toString();
        const QJsonObject tags = m.value(QStringLiteral("tags")).toObject();
        for (auto it = tags.begin(); it != tags.end(); ++it)
            member.tags.insert(it.key(), it.value().toString());
        out.insert(m.value(QStringLiteral("name")).toString(), member);
    }
    return out;
}

bool SerfAgent::startMonitor()
{
    m_monitor = std::make_unique<testing::ChildProcess>(m_name + QStringLiteral(" monitor"),
                                                        testing::Stderr::Merged);
    return m_monitor->start(serfPath(), {QStringLiteral("monitor"),
                                         QStringLiteral("-rpc-addr=127.0.0.1:%1").arg(m_rpcPort),
                                         QStringLiteral("-log-level=debug")});
}

QString SerfAgent::monitorOutput()
{
    if (!m_monitor)
        return {};
    m_monitor->drainOutput(0);
    return m_monitor->log().join(QLatin1Char('\n'));
}

QStringList SerfAgent::errorLines(const QStringList &allowed)
{
    m_agent.drainOutput(0);
    if (m_monitor)
        m_monitor->drainOutput(0);
    const QStringList log = m_agent.log() + (m_monitor ? m_monitor->log() : QStringList());
    QStringList out;
    for (const QString &line : testing::errorLines(log, allowed))
        out << QStringLiteral("%1: %2").arg(m_name, line.trimmed());
    return out;
}

QString SerfAgent::logTail(int lines)
{
    m_agent.drainOutput(0);
    // The tests poll `serf members` several times a second; each poll logs an accepted RPC
    // client, which would push everything that explains a failure out of the tail.
    QStringList all = m_agent.log();
    all.removeIf([](const QString &line) { return line.contains(u"agent.ipc: Accepted client"); });
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

} // namespace grapevine::interop
