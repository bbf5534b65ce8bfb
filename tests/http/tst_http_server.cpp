// tst_http_server.cpp — HttpServer on real loopback sockets: one answer per connection, the
// body and head limits, a stalled client timed out, a connection cap, port-in-use errors.
#include "core/http/http_server.h"

#include <QTcpSocket>
#include <QTest>
#include <memory>

using namespace grapevine::http;

namespace {

// Sends bytes, waits (bounded) for the server to close, returns what it answered.
QByteArray exchange(quint16 port, const QByteArray &bytes, int timeoutMs = 5000)
{
    QTcpSocket socket;
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; },
                         timeoutMs))
        return "not connected";
    socket.write(bytes);
    (void)QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; },
                          timeoutMs);
    return answer;
}

int statusOf(const QByteArray &answer)
{
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : -1;
}

std::unique_ptr<HttpServer> echoServer(const HttpLimits &limits = {})
{
    auto server = std::make_unique<HttpServer>([](const HttpRequest &request) {
        return HttpResponse::text(
            200, QString::fromUtf8(request.method + ' ' + request.path + ' ' + request.body));
    });
    server->setLimits(limits);
    QString error;
    if (!server->listen(QStringLiteral(":0"), &error))
        qWarning("%s", qPrintable(error));
    return server;
}

} // namespace

class TestHttpServer : public QObject {
    Q_OBJECT
private slots:
    void answersOneRequestAndCloses();
    void listensOnLoopbackWhenNoHostGiven();
    void bodyOverLimitIsRefusedWith413();
    void stalledClientIsAnswered408();
    void connectionsOverTheCapGet503();
    void portInUseIsOneClearLine();
};

void TestHttpServer::answersOneRequestAndCloses()
{
    auto server = echoServer();
    const QByteArray answer =
        exchange(server->port(), "PUT /v1/value HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");
    QCOMPARE(statusOf(answer), 200);
    QVERIFY2(answer.contains("Connection: close"), answer.constData());
    QVERIFY2(answer.endsWith("\r\n\r\nPUT /v1/value hi"), answer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
}

void TestHttpServer::listensOnLoopbackWhenNoHostGiven()
{
    auto server = echoServer();
    QVERIFY(server->port() != 0);
    QCOMPARE(server->address(), QStringLiteral("127.0.0.1:%1").arg(server->port()));
}

void TestHttpServer::bodyOverLimitIsRefusedWith413()
{
    HttpLimits limits;
    limits.maxBody = 100;
    auto server = echoServer(limits);
    const QByteArray answer = exchange(
        server->port(), "PUT / HTTP/1.1\r\nContent-Length: 101\r\n\r\n" + QByteArray(101, 'x'));
    QCOMPARE(statusOf(answer), 413);
    QVERIFY2(answer.contains("100-byte limit"), answer.constData());
}

void TestHttpServer::stalledClientIsAnswered408()
{
    HttpLimits limits;
    limits.requestTimeoutMs = 200;
    auto server = echoServer(limits);
    const QByteArray answer = exchange(server->port(), "GET / HTTP/1.1\r\nHo");
    QCOMPARE(statusOf(answer), 408);
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, 5000);
}

void TestHttpServer::connectionsOverTheCapGet503()
{
    HttpLimits limits;
    limits.maxConnections = 2;
    auto server = echoServer(limits);
    QTcpSocket idle1, idle2;
    idle1.connectToHost(QHostAddress::LocalHost, server->port());
    idle2.connectToHost(QHostAddress::LocalHost, server->port());
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 2, 5000);
    QCOMPARE(statusOf(exchange(server->port(), "GET / HTTP/1.1\r\n\r\n")), 503);
    idle1.abort();
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 1, 5000);
    QCOMPARE(statusOf(exchange(server->port(), "GET / HTTP/1.1\r\n\r\n")), 200);
}

void TestHttpServer::portInUseIsOneClearLine()
{
    auto first = echoServer();
    HttpServer second([](const HttpRequest &) { return HttpResponse::text(200, QString()); });
    QString error;
    QVERIFY(!second.listen(QStringLiteral("127.0.0.1:%1").arg(first->port()), &error));
    QVERIFY2(error.contains(QStringLiteral("is in use")), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
