// local_http.cpp — see the header.
#include "local_http.h"

#include "wait_until.h"

#include <QDeadlineTimer>
#include <QTcpSocket>

namespace grapevine::testing {

namespace {

// Finer than a test's default poll: a benchmark times some waits that include a request.
constexpr int kPollMs = 2;

int remainingMs(const QDeadlineTimer &deadline)
{
    return int(qMax<qint64>(0, deadline.remainingTime()));
}

// The value of header `name` (lower case) in a response head; empty when it is absent.
QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// A chunked body (RFC 9112 §7.1) without its framing; false while chunks are still missing.
// Chunk extensions and trailers are skipped.
bool unchunk(const QByteArray &raw, QByteArray *body)
{
    body->clear();
    qsizetype at = 0;
    for (;;) {
        const qsizetype sizeEnd = raw.indexOf("\r\n", at);
        if (sizeEnd < 0)
            return false;
        bool hex = false;
        const qsizetype size =
            raw.mid(at, sizeEnd - at).split(';').first().trimmed().toLongLong(&hex, 16);
        if (!hex)
            return false;
        if (size == 0)
            return true;
        at = sizeEnd + 2;
        if (raw.size() < at + size + 2)
            return false;
        body->append(raw.mid(at, size));
        at += size + 2;
    }
}

// Fills `reply` from the response read so far; false while more bytes are needed. `closed`:
// the server has closed the connection, which ends a body that has no other framing.
bool parseResponse(const QByteArray &raw, bool closed, HttpReply *reply)
{
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.") || headEnd < 0)
        return false;
    const QByteArray head = raw.left(headEnd);
    const QByteArray rest = raw.mid(headEnd + 4);
    const QByteArray length = headerValue(head, "content-length");
    QByteArray body;
    if (headerValue(head, "transfer-encoding").toLower().contains("chunked")) {
        if (!unchunk(rest, &body))
            return false;
    } else if (!length.isEmpty()) {
        if (rest.size() < length.toLongLong())
            return false;
        body = rest.left(length.toLongLong());
    } else if (closed) {
        body = rest;
    } else {
        return false;
    }
    reply->ok = true;
    reply->status = raw.mid(9, 3).toInt();
    reply->body = body;
    return true;
}

} // namespace

HttpReply localHttp(quint16 port, const QByteArray &method, const QByteArray &target,
                    const QByteArray &body, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    HttpReply reply;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    const auto settled = [&socket] {
        return socket.state() == QAbstractSocket::ConnectedState ||
               socket.state() == QAbstractSocket::UnconnectedState; // refused
    };
    if (!waitUntil(settled, remainingMs(deadline), kPollMs) ||
        socket.state() != QAbstractSocket::ConnectedState)
        return reply;
    socket.write(method + ' ' + target +
                 " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray raw;
    (void)waitUntil(
        [&] {
            raw += socket.readAll();
            const bool closed = socket.state() == QAbstractSocket::UnconnectedState;
            return parseResponse(raw, closed, &reply) || closed;
        },
        remainingMs(deadline), kPollMs);
    return reply;
}

} // namespace grapevine::testing
