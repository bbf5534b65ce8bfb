// agent_process.cpp — see the header.
#include "agent_process.h"
#include "tests/support/free_port.h"

#include <QJsonDocument>
#include <QTest>
#include <csignal>

QString agentPath()
{
    return QStringLiteral(GRAPEVINE_AGENT_PATH);
}

AgentProcess::AgentProcess(QString name, QString dataDir)
    : m_name(std::move(name))
    , m_dataDir(std::move(dataDir))
{
}

AgentProcess::~AgentProcess()
{
    if (running())
        kill9();
}

QString AgentProcess::gossipAddress() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_gossipPort);
}

bool AgentProcess::running() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool AgentProcess::start(const QStringList &joins, const QStringList &extraArgs, bool newPorts)
{
    if (newPorts || m_gossipPort == 0) {
        m_gossipPort = grapevine::testing::freePort();
        m_httpPort = grapevine::testing::freePort();
    }
    QStringList args{"--name",        m_name,       "--bind",
                     gossipAddress(), "--http",     QStringLiteral("127.0.0.1:%1").arg(m_httpPort),
                     "--profile",     "local",      "--log-format",
                     "json",          "--data-dir", m_dataDir};
    for (const QString &join : joins)
        args << "--join" << join;
    m_events.clear();
    m_pending.clear();
    m_stderr.clear();
    m_process = std::make_unique<QProcess>();
    QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(),
                     [this] { onStdout(); });
    QObject::connect(m_process.get(), &QProcess::readyReadStandardError, m_process.get(),
                     [this] { m_stderr += m_process->readAllStandardError(); });
    m_process->start(agentPath(), args + extraArgs);
    return waitForEvent([](const QJsonObject &e) { return e.value("ev") == "http"; }, 10000);
}

void AgentProcess::onStdout()
{
    m_pending += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(newline);
        m_pending.remove(0, newline + 1);
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            m_events.append(doc.object());
        else
            qWarning("%s: not a JSON event: %s", qPrintable(m_name), line.constData());
    }
}

RawHttpReply AgentProcess::http(const QByteArray &method, const QByteArray &target,
                                const QByteArray &body)
{
    return rawHttp(m_httpPort, method, target, body);
}

QHash<QString, QJsonObject> AgentProcess::members()
{
    QHash<QString, QJsonObject> byName;
    const RawHttpReply reply = http("GET", "/v1/members");
    for (const QJsonValue &member : reply.json().array())
        byName.insert(member.toObject().value("name").toString(), member.toObject());
    return byName;
}

QJsonObject AgentProcess::value()
{
    return http("GET", "/v1/value").json().object();
}

bool AgentProcess::waitForEvent(const std::function<bool(const QJsonObject &)> &pred, int timeoutMs)
{
    qsizetype checked = 0;
    return QTest::qWaitFor(
               [&] {
                   for (; checked < m_events.size(); ++checked) {
                       if (pred(m_events[checked]))
                           return true;
                   }
                   return !running();
               },
               timeoutMs) &&
           std::any_of(m_events.begin(), m_events.end(), pred);
}

QString AgentProcess::eventsTail(int count) const
{
    QStringList lines{QStringLiteral("%1's last events (%2 in all, %3):")
                          .arg(m_name)
                          .arg(m_events.size())
                          .arg(running() ? QStringLiteral("running") : QStringLiteral("exited"))};
    for (qsizetype i = qMax<qsizetype>(0, m_events.size() - count); i < m_events.size(); ++i)
        lines << QString::fromUtf8(QJsonDocument(m_events[i]).toJson(QJsonDocument::Compact));
    return lines.join(QLatin1Char('\n'));
}

void AgentProcess::kill9()
{
    if (m_process)
        ::kill(pid_t(m_process->processId()), SIGKILL);
    (void)waitForExit(5000);
}

void AgentProcess::terminate()
{
    if (m_process)
        m_process->terminate();
}

int AgentProcess::waitForExit(int timeoutMs)
{
    if (!m_process)
        return -1;
    if (!QTest::qWaitFor([this] { return m_process->state() == QProcess::NotRunning; }, timeoutMs))
        return -1;
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

bool everyoneSeesAllAlive(const std::vector<std::unique_ptr<AgentProcess>> &agents, int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            for (const auto &agent : agents) {
                const auto members = agent->members();
                if (members.size() != qsizetype(agents.size()))
                    return false;
                for (const QJsonObject &m : members)
                    if (m.value("state") != "alive")
                        return false;
            }
            return true;
        },
        timeoutMs);
}
