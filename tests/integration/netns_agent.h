// netns_agent.h — one grapevine-agent process inside a network namespace (`ip netns exec`),
// --profile local, --log-format json. Its HTTP API listens on the namespace's own loopback, so
// the test reaches it with `ip netns exec <ns> curl` whatever happens to the links between
// namespaces. Running it, its events and its log are tests/support/child_process.h's.
#pragma once

#include "tests/support/child_process.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

class NetnsAgent {
public:
    NetnsAgent(QString ns, QString name, QString bindHost, quint16 port, QString dataDir);

    // Starts the agent; waits (bounded) for its "http" event.
    bool start(const QStringList &joins);
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString gossipAddress() const;
    [[nodiscard]] bool running() const { return m_child.running(); }

    // name -> member from GET /v1/members (empty when the API does not answer).
    QHash<QString, QJsonObject> members();
    QJsonObject value();
    bool setValue(const QByteArray &value);

    [[nodiscard]] const QList<QJsonObject> &events() const { return m_child.events(); }
    // Its stderr, and any stdout line that was not a JSON event.
    [[nodiscard]] QByteArray stderrText() const;
    void kill9() { m_child.kill9(); }

private:
    QByteArray curl(const QStringList &args);

    QString m_ns, m_name, m_bindHost, m_dataDir;
    quint16 m_port = 0;
    grapevine::testing::ChildProcess m_child;
};
