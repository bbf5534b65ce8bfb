// node_http_api.h — NodeHttpApi: the node's HTTP API (DESIGN.md "Interfaces") on HttpServer.
// Routes requests to a Node and answers with its snapshots; used by grapevine-agent and the
// window alike. It must live in the Node's thread (it calls the Node's getters directly).
// POST /v1/leave starts the Node's graceful leave and emits leaveRequested: the program decides
// to exit once the Node reports leaveFinished.
#pragma once

#include "core/http/http_server.h"
#include "core/node/node.h"

#include <QObject>
#include <optional>

namespace grapevine::http {

class NodeEventLog;

class NodeHttpApi : public QObject {
    Q_OBJECT
public:
    explicit NodeHttpApi(Node *node, QObject *parent = nullptr);

    // Starts serving on "HOST:PORT" (empty host = loopback). One line in *error on failure.
    bool listen(const QString &hostPort, QString *error, const HttpLimits &limits = {});
    [[nodiscard]] QString address() const;
    // /v1/stats then also reports the event log's output ("events": written, dropped).
    void setEventLog(const NodeEventLog *log) { m_eventLog = log; }

    // The routing itself, without sockets (tests and the fuzz target call it directly).
    HttpResponse handle(const HttpRequest &request);

signals:
    void leaveRequested();

private:
    HttpResponse onRoot(const HttpRequest &request);
    HttpResponse onValue(const HttpRequest &request);
    HttpResponse onMembers();
    HttpResponse onMemberPath(const HttpRequest &request); // /v1/members/NAME/…
    HttpResponse onTimeline(const QString &member);
    HttpResponse onStats();
    HttpResponse onLeave();
    HttpResponse setValue(const QString &value, bool classic);
    [[nodiscard]] QJsonObject valueJson() const;

    Node *m_node;
    HttpServer *m_server = nullptr;
    const NodeEventLog *m_eventLog = nullptr;
    std::optional<ConvergenceReport> m_convergence;
    bool m_leaving = false;
};

} // namespace grapevine::http
