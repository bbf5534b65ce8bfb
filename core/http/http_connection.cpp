// http_connection.cpp — see the header.
#include "http_connection.h"

#include <QTcpSocket>

#include <utility>

namespace grapevine::http {

HttpConnection::HttpConnection(QTcpSocket *socket, Handler handler, qsizetype maxHead,
                               qsizetype maxBody, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(std::move(handler))
    , m_parser(maxHead, maxBody)
{
    m_socket->setParent(this);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    m_deadline.start(timeoutMs);
}

void HttpConnection::refuse(const HttpResponse &response)
{
    respond(response);
}

void HttpConnection::onReadyRead()
{
    if (m_responded) {
        m_socket->readAll(); // the client keeps sending after our answer: drop it
        return;
    }
    switch (m_parser.feed(m_socket->readAll())) {
    case HttpRequestParser::Status::NeedMore:
        return;
    case HttpRequestParser::Status::Complete:
        respond(m_handler(m_parser.request()));
        return;
    case HttpRequestParser::Status::Failed:
        respond(HttpResponse::error(m_parser.errorStatus(), m_parser.errorMessage()));
        return;
    }
}

void HttpConnection::onTimeout()
{
    if (m_responded) {
        m_socket->abort(); // the peer never read the answer; do not wait forever
        finish();
        return;
    }
    respond(HttpResponse::error(408, QStringLiteral("request not complete in time")));
}

void HttpConnection::respond(const HttpResponse &response)
{
    m_responded = true;
    m_socket->write(response.serialize());
    // disconnectFromHost flushes first; the deadline still bounds a peer that never reads.
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finish();
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    emit closed();
}

} // namespace grapevine::http
