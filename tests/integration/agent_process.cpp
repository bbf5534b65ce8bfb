// agent_process.cpp — see the header.
#include "agent_process.h"
#include "tests/support/free_port.h"

#include <QJsonArray>
#include <QTest>
#include <csignal>

using grapevine::testing::HttpReply;

QString agentPath()
{
    return QStringLiteral(GRAPEVINE_AGENT_PATH);
}

AgentProcess::AgentProcess(QString name, QString dataDir)
    : m_name(std::move(name))
    , m_dataDir(std::move(dataDir))
    , m_child(m_name)
{
    m_child.expectJsonStdout();
}

QString AgentProcess::gossipAddress() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_gossipPort);
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
    (void)m_child.start(agentPath(), args + extraArgs); // one that did not start sends no event
    return waitForEvent([](const QJsonObject &e) { return e.value("ev") == "http"; }, 10000);
}

HttpReply AgentProcess::http(const QByteArray &method, const QByteArray &target,
                             const QByteArray &body)
{
    return grapevine::testing::localHttp(m_httpPort, method, target, body);
}

QHash<QString, QJsonObject> AgentProcess::members()
{
    QHash<QString, QJsonObject> byName;
    const HttpReply reply = http("GET", "/v1/members");
    for (const QJsonValue &member : reply.json().array())
        byName.insert(member.toObject().value("name").toString(), member.toObject());
    return byName;
}

QJsonObject AgentProcess::value()
{
    return http("GET", "/v1/value").json().object();
}

void AgentProcess::terminate()
{
    (void)m_child.signal(SIGTERM);
}

QByteArray AgentProcess::stderrText() const
{
    return m_child.log().join(QLatin1Char('\n')).toUtf8();
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
