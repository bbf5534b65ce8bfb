// agent_process.h — one grapevine-agent process for integration tests: its command line
// (--log-format json, --profile local, ports on 127.0.0.1, a data folder, joins) and its HTTP
// API. Running it, its events and its log are tests/support/child_process.h's.
#pragma once

#include "tests/support/child_process.h"
#include "tests/support/local_http.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

class AgentProcess {
public:
    AgentProcess(QString name, QString dataDir);

    // Starts the agent on fresh (or the previous) ports; waits for its "http" event.
    bool start(const QStringList &joins, const QStringList &extraArgs = {}, bool newPorts = true);
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString gossipAddress() const;
    [[nodiscard]] quint16 httpPort() const { return m_httpPort; }
    [[nodiscard]] bool running() const { return m_child.running(); }
    [[nodiscard]] qint64 processId() const { return m_child.pid(); }

    grapevine::testing::HttpReply http(const QByteArray &method, const QByteArray &target,
                                       const QByteArray &body = {});
    // name -> member object from GET /v1/members (empty when the API does not answer).
    QHash<QString, QJsonObject> members();
    QJsonObject value();

    // Waits (bounded) for an event matching pred; true when seen, false early once it exited.
    bool waitForEvent(const std::function<bool(const QJsonObject &)> &pred, int timeoutMs)
    {
        return m_child.waitForEvent(pred, timeoutMs);
    }
    [[nodiscard]] const QList<QJsonObject> &events() const { return m_child.events(); }
    // The last events and how the agent ended, for a failure message.
    [[nodiscard]] QString eventsTail(int count = 5) const { return m_child.eventsTail(count); }

    void kill9() { m_child.kill9(); }
    void terminate(); // SIGTERM
    // The exit code; -1 if it is still running after timeoutMs, or crashed.
    int waitForExit(int timeoutMs) { return m_child.waitForExit(timeoutMs); }
    // Its stderr, and any stdout line that was not a JSON event.
    [[nodiscard]] QByteArray stderrText() const;

private:
    QString m_name;
    QString m_dataDir;
    quint16 m_gossipPort = 0;
    quint16 m_httpPort = 0;
    grapevine::testing::ChildProcess m_child;
};

QString agentPath();

// Whether, within timeoutMs, every agent lists exactly the agents as members, all alive.
bool everyoneSeesAllAlive(const std::vector<std::unique_ptr<AgentProcess>> &agents, int timeoutMs);
