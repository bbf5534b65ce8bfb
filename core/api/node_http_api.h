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

namespace grapevine::api {

class NodeEventLog;

class NodeHttpApi : public QObject {
    Q_OBJECT
public:
    explicit NodeHttpApi(Node *node, QObject *parent = nullptr);

    // Starts serving on "HOST:PORT" (empty host = loopback). One line in *error on failure.
    bool listen(const QString &hostPort, QString *error, const http::HttpLimits &limits = {});
    [[nodiscard]] QString address() const;
    // /v1/stats then also reports the event log's output ("events": written, dropped).
    void setEventLog(const NodeEventLog *log) { m_eventLog = log; }

    // The routing itself, without sockets (tests and the fuzz target call it directly).
    http::HttpResponse handle(const http::HttpRequest &request);

signals:
    void leaveRequested();

private:
    http::HttpResponse onRoot(const http::HttpRequest &request);
    http::HttpResponse onValue(const http::HttpRequest &request);
    http::HttpResponse onMembers();
    http::HttpResponse onMemberPath(const http::HttpRequest &request); // /v1/members/NAME/…
    http::HttpResponse onTimeline(const QString &member);
    http::HttpResponse onStats();
    http::HttpResponse onLeave();
    http::HttpResponse setValue(const QString &value, bool classic);
    [[nodiscard]] QJsonObject valueJson() const;

    Node *m_node;
    http::HttpServer *m_server = nullptr;
    const NodeEventLog *m_eventLog = nullptr;
    std::optional<ConvergenceReport> m_convergence;
    bool m_leaving = false;
};

} // namespace grapevine::api
