// agent.h — Agent: grapevine-agent's wiring of one Node to the event log and the HTTP API.
// Owns the exit policy: a signal or POST /v1/leave starts a graceful leave, and the program
// exits 0 when the Node reports it finished (or after a bounded wait). Holds no protocol logic.
#pragma once

#include "core/api/node_event_log.h"
#include "core/api/node_http_api.h"
#include "core/node/node.h"

#include <QObject>
#include <QTimer>

namespace grapevine::agent {

class Agent : public QObject {
    Q_OBJECT
public:
    Agent(const NodeOptions &options, bool logPackets, QObject *parent = nullptr);

    // Binds the node and the HTTP API. False with one line in *error (port in use, bad
    // address, bad key); the caller exits 2.
    bool start(QString *error);

public slots:
    void onSignal(int signal);

signals:
    void finished(int exitCode);

private:
    void beginLeave(const QString &reason);

    NodeOptions m_options;
    Node m_node;
    api::NodeEventLog m_log;
    api::NodeHttpApi m_api;
    QTimer m_leaveGuard;
    bool m_leaving = false;
};

} // namespace grapevine::agent
