// netns_agent.cpp — see the header.
#include "netns_agent.h"

#include "agent_process.h"
#include "netns_pair.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

// HTTP port inside the namespace: namespaces are isolated, so gossip port + 1000 never clashes.
constexpr quint16 kHttpOffset = 1000;

} // namespace

NetnsAgent::NetnsAgent(QString ns, QString name, QString bindHost, quint16 port, QString dataDir)
    : m_ns(std::move(ns))
    , m_name(std::move(name))
    , m_bindHost(std::move(bindHost))
    , m_dataDir(std::move(dataDir))
    , m_port(port)
    , m_child(m_name)
{
}

QString NetnsAgent::gossipAddress() const
{
    return QStringLiteral("%1:%2").arg(m_bindHost).arg(m_port);
}

bool NetnsAgent::start(const QStringList &joins)
{
    QStringList args{"netns",        "exec",
                     m_ns,           agentPath(),
                     "--name",       m_name,
                     "--bind",       gossipAddress(),
                     "--http",       QStringLiteral("127.0.0.1:%1").arg(m_port + kHttpOffset),
                     "--profile",    "local",
                     "--log-format", "json",
                     "--data-dir",   m_dataDir};
    for (const QString &join : joins)
        args << "--join" << join;
    (void)m_child.start("ip", args); // `ip netns exec` execs the agent: same pid
    return m_child.waitForEvent([](const QJsonObject &e) { return e.value("ev") == "http"; },
                                10000) &&
           running();
}

QByteArray NetnsAgent::stderrText() const
{
    return m_child.log().join(QLatin1Char('\n')).toUtf8();
}

QByteArray NetnsAgent::curl(const QStringList &args)
{
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_port + kHttpOffset);
    QByteArray body;
    QStringList command{"curl", "-s", "--max-time", "3"};
    command << args;
    command.last().prepend(url);
    if (!NetnsPair::inNamespace(m_ns, command, &body, 5000))
        return {};
    return body;
}

QHash<QString, QJsonObject> NetnsAgent::members()
{
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue &member : QJsonDocument::fromJson(curl({"/v1/members"})).array())
        byName.insert(member.toObject().value("name").toString(), member.toObject());
    return byName;
}

QJsonObject NetnsAgent::value()
{
    return QJsonDocument::fromJson(curl({"/v1/value"})).object();
}

bool NetnsAgent::setValue(const QByteArray &value)
{
    return !curl({"-X", "PUT", "--data-binary", QString::fromUtf8(value), "/v1/value"}).isEmpty();
}
