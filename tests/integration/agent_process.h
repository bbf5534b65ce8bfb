// agent_process.h — one grapevine-agent process for integration tests: started with
// --log-format json on 127.0.0.1, its JSON events collected from stdout, its HTTP API at hand.
#pragma once

#include "raw_http.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

class AgentProcess {
public:
    AgentProcess(QString name, QString dataDir);
    ~AgentProcess();

    // Starts the agent on fresh (or the previous) ports; waits for its "http" event.
    bool start(const QStringList &joins, const QStringList &extraArgs = {}, bool newPorts = true);
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString gossipAddress() const;
    [[nodiscard]] quint16 httpPort() const { return m_httpPort; }
    [[nodiscard]] bool running() const;
    [[nodiscard]] qint64 processId() const { return m_process ? m_process->processId() : 0; }

    RawHttpReply http(const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {});
    // name -> member object from GET /v1/members (empty when the API does not answer).
    QHash<QString, QJsonObject> members();
    QJsonObject value();

    // Waits (bounded) for an event matching pred; true when seen.
    bool waitForEvent(const std::function<bool(const QJsonObject &)> &pred, int timeoutMs);
    [[nodiscard]] const QList<QJsonObject> &events() const { return m_events; }
    [[nodiscard]] QString eventsTail(int count = 5) const; // the last events, for a failure

    void kill9();
    void terminate();               // SIGTERM
    int waitForExit(int timeoutMs); // exit code, -1 if still running / crashed
    [[nodiscard]] QByteArray stderrText() const { return m_stderr; }

private:
    void onStdout();

    QString m_name;
    QString m_dataDir;
    quint16 m_gossipPort = 0;
    quint16 m_httpPort = 0;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_pending;
    QByteArray m_stderr;
    QList<QJsonObject> m_events;
};

QString agentPath();

// Whether, within timeoutMs, every agent lists exactly the agents as members, all alive.
bool everyoneSeesAllAlive(const std::vector<std::unique_ptr<AgentProcess>> &agents, int timeoutMs);
