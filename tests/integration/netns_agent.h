// netns_agent.h — one grapevine-agent process inside a network namespace (`ip netns exec`),
// --profile local, --log-format json. Its HTTP API listens on the namespace's own loopback, so
// the test reaches it with `ip netns exec <ns> curl` whatever happens to the links between
// namespaces. JSON events are collected from stdout.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <memory>

class NetnsAgent {
public:
    NetnsAgent(QString ns, QString name, QString bindHost, quint16 port, QString dataDir);
    ~NetnsAgent();

    // Starts the agent; waits (bounded) for its "http" event.
    bool start(const QStringList &joins);
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString gossipAddress() const;
    [[nodiscard]] bool running() const;

    // name -> member from GET /v1/members (empty when the API does not answer).
    QHash<QString, QJsonObject> members();
    QJsonObject value();
    bool setValue(const QByteArray &value);

    [[nodiscard]] const QList<QJsonObject> &events() const { return m_events; }
    [[nodiscard]] QByteArray stderrText() const { return m_stderr; }
    void kill9();

private:
    QByteArray curl(const QStringList &args);
    void onStdout();

    QString m_ns, m_name, m_bindHost, m_dataDir;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_pending, m_stderr;
    QList<QJsonObject> m_events;
};
