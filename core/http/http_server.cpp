// http_server.cpp — see the header.
#include "http_server.h"

#include <QHostInfo>
#include <QTcpSocket>

namespace grapevine::http {

namespace {

// Resolves the host of "HOST:PORT"; a name is looked up once, at start (blocking is fine there).
bool resolve(const QString &hostPort, QHostAddress *host, quint16 *port, QString *error)
{
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    QString hostText = colon < 0 ? QString() : hostPort.left(colon);
    bool ok = false;
    const uint value = hostPort.mid(colon + 1).toUInt(&ok);
    if (!ok || value > 65535) {
        *error = QStringLiteral("HTTP address %1: expected HOST:PORT").arg(hostPort);
        return false;
    }
    *port = quint16(value);
    if (hostText.startsWith(QLatin1Char('[')) && hostText.endsWith(QLatin1Char(']')))
        hostText = hostText.mid(1, hostText.size() - 2);
    if (hostText.isEmpty() || hostText == QLatin1String("localhost")) {
        *host = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    if (host->setAddress(hostText))
        return true;
    const QHostInfo info = QHostInfo::fromName(hostText);
    if (info.addresses().isEmpty()) {
        *error = QStringLiteral("HTTP address %1: cannot resolve \"%2\"").arg(hostPort, hostText);
        return false;
    }
    *host = info.addresses().first();
    return true;
}

} // namespace

HttpServer::HttpServer(HttpConnection::Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

bool HttpServer::listen(const QString &hostPort, QString *error)
{
    QHostAddress host;
    quint16 port = 0;
    return resolve(hostPort, &host, &port, error) && listen(host, port, error);
}

bool HttpServer::listen(const QHostAddress &host, quint16 port, QString *error)
{
    m_server.setMaxPendingConnections(m_limits.maxConnections);
    if (m_server.listen(host, port))
        return true;
    const QString where = QStringLiteral("%1 on %2").arg(port).arg(host.toString());
    *error = m_server.serverError() == QAbstractSocket::AddressInUseError
                 ? QStringLiteral("HTTP port %1 is in use").arg(where)
                 : QStringLiteral("HTTP cannot listen on port %1: %2")
                       .arg(where, m_server.errorString());
    return false;
}

QString HttpServer::address() const
{
    const QHostAddress host = m_server.serverAddress();
    const QString text = host.toString();
    return host.protocol() == QAbstractSocket::IPv6Protocol
               ? QStringLiteral("[%1]:%2").arg(text, QString::number(port()))
               : QStringLiteral("%1:%2").arg(text, QString::number(port()));
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, m_handler, m_limits.maxHead, m_limits.maxBody,
                                              m_limits.requestTimeoutMs, this);
        ++m_open;
        connect(connection, &HttpConnection::closed, this, [this, connection] {
            --m_open;
            connection->deleteLater();
        });
        if (m_open > m_limits.maxConnections) {
            connection->refuse(HttpResponse::error(
                503,
                QStringLiteral("too many connections (limit %1)").arg(m_limits.maxConnections)));
        }
    }
}

} // namespace grapevine::http
