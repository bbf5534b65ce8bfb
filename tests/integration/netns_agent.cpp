// netns_agent.cpp — see the header.
#include "netns_agent.h"

#include "agent_process.h"
#include "netns_pair.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

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
{
}

NetnsAgent::~NetnsAgent()
{
    if (running())
        kill9();
}

QString NetnsAgent::gossipAddress() const
{
    return QStringLiteral("%1:%2").arg(m_bindHost).arg(m_port);
}

bool NetnsAgent::running() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
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
    m_process = std::make_unique<QProcess>();
    QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(),
                     [this] { onStdout(); });
    QObject::connect(m_process.get(), &QProcess::readyReadStandardError, m_process.get(),
                     [this] { m_stderr += m_process->readAllStandardError(); });
    m_process->start("ip", args); // `ip netns exec` execs the agent: same pid
    return QTest::qWaitFor(
               [this] {
                   return !running() ||
                          std::any_of(m_events.begin(), m_events.end(),
                                      [](const QJsonObject &e) { return e.value("ev") == "http"; });
               },
               10000) &&
           running();
}

void NetnsAgent::onStdout()
{
    m_pending += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QJsonDocument doc = QJsonDocument::fromJson(m_pending.left(newline));
        m_pending.remove(0, newline + 1);
        if (doc.isObject())
            m_events.append(doc.object());
    }
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

void NetnsAgent::kill9()
{
    if (!m_process)
        return;
    m_process->kill();
    (void)QTest::qWaitFor([this] { return !running(); }, 5000);
}
