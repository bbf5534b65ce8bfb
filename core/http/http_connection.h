// http_connection.h — HttpConnection: one accepted socket, one request, one response, close.
// Owns the socket, its HttpRequestParser and a deadline that runs from accept (a client that
// trickles bytes or stalls is answered 408 and dropped: slowloris-proof). Never calls back into
// the handler after the response is written.
#pragma once

#include "http_request_parser.h"
#include "http_response.h"

#include <QObject>
#include <QTimer>
#include <functional>

class QTcpSocket;

namespace grapevine::http {

class HttpConnection : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    HttpConnection(QTcpSocket *socket, Handler handler, qsizetype maxHead, qsizetype maxBody,
                   int timeoutMs, QObject *parent = nullptr);

    // Answers at once and closes (used for 503 when the server is full).
    void refuse(const HttpResponse &response);

signals:
    void closed();

private:
    void onReadyRead();
    void onTimeout();
    void respond(const HttpResponse &response);
    void finish();

    QTcpSocket *m_socket;
    Handler m_handler;
    HttpRequestParser m_parser;
    QTimer m_deadline;
    bool m_responded = false;
    bool m_finished = false;
};

} // namespace grapevine::http
