// raw_http.cpp — see the header.
#include "raw_http.h"

#include <QTcpSocket>
#include <QTest>

RawHttpReply rawHttp(quint16 port, const QByteArray &method, const QByteArray &target,
                     const QByteArray &body, int timeoutMs)
{
    QTcpSocket socket;
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    RawHttpReply reply;
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; },
                         timeoutMs))
        return reply;
    socket.write(method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; },
                         timeoutMs))
        return reply;
    const qsizetype split = answer.indexOf("\r\n\r\n");
    if (!answer.startsWith("HTTP/1.1 ") || split < 0)
        return reply;
    reply.status = answer.mid(9, 3).toInt();
    reply.body = answer.mid(split + 4);
    return reply;
}
