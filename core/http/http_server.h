// http_server.h — HttpServer: a small HTTP/1.1 server on QTcpServer for the node API.
// Owns the listening socket and the open connections (bounded in number; over the bound a
// client gets 503 at once). One request per connection, then close. Knows nothing about nodes:
// requests go to a Handler. Lives in one thread (the one it was created in).
#pragma once

#include "http_connection.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

namespace grapevine::http {

struct HttpLimits {
    qsizetype maxHead = HttpRequestParser::kDefaultMaxHead;
    qsizetype maxBody = HttpRequestParser::kDefaultMaxBody;
    int requestTimeoutMs = 10'000; // from accept to a complete request
    int maxConnections = 64;
};

class HttpServer : public QObject {
    Q_OBJECT
public:
    explicit HttpServer(HttpConnection::Handler handler, QObject *parent = nullptr);

    void setLimits(const HttpLimits &limits) { m_limits = limits; }
    [[nodiscard]] const HttpLimits &limits() const { return m_limits; }

    // "HOST:PORT", "[v6]:PORT"; an empty host means loopback. Port 0 lets the OS pick.
    // On failure returns false with one line in *error ("HTTP port 8080 is in use on …").
    bool listen(const QString &hostPort, QString *error);
    bool listen(const QHostAddress &host, quint16 port, QString *error);

    [[nodiscard]] QString address() const; // "127.0.0.1:8080" as actually bound
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] int connectionCount() const { return m_open; }

private:
    void onNewConnection();

    QTcpServer m_server;
    HttpConnection::Handler m_handler;
    HttpLimits m_limits;
    int m_open = 0;
};

} // namespace grapevine::http
