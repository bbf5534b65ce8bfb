// tst_http_request_parser.cpp — the pure HTTP request parser: requests split anywhere parse
// the same; limits and unsupported features give the right status, never a crash.
#include "core/http/http_request_parser.h"

#include <QRandomGenerator>
#include <QTest>

using grapevine::http::HttpRequestParser;

class TestHttpRequestParser : public QObject {
    Q_OBJECT
private slots:
    void parsesRequestSplitAtEveryByte();
    void parsesBodyByContentLength();
    void decodesQueryWithPlusAndPercent_data();
    void decodesQueryWithPlusAndPercent();
    void refusesBadRequests_data();
    void refusesBadRequests();
    void oversizedHeadIsRefusedBeforeItEnds();
    void randomBytesNeverCrash();
};

void TestHttpRequestParser::parsesRequestSplitAtEveryByte()
{
    const QByteArray request = "GET /v1/members?x=1 HTTP/1.1\r\nHost: a\r\nX-Y:  z \r\n\r\n";
    for (int split = 0; split <= request.size(); ++split) {
        HttpRequestParser parser;
        parser.feed(QByteArrayView(request).first(split));
        QCOMPARE(parser.feed(QByteArrayView(request).sliced(split)),
                 HttpRequestParser::Status::Complete);
        QCOMPARE(parser.request().method, QByteArray("GET"));
        QCOMPARE(parser.request().path, QByteArray("/v1/members"));
        QCOMPARE(parser.request().query, QByteArray("x=1"));
        QCOMPARE(parser.request().header("x-y").value_or("?"), QByteArray("z"));
    }
}

void TestHttpRequestParser::parsesBodyByContentLength()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("PUT /v1/value HTTP/1.1\nContent-Length: 5\n\nhel"),
             HttpRequestParser::Status::NeedMore);
    QCOMPARE(parser.feed("loEXTRA"), HttpRequestParser::Status::Complete);
    QCOMPARE(parser.request().body, QByteArray("hello"));
}

void TestHttpRequestParser::decodesQueryWithPlusAndPercent_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plus") << QByteArray("/?set=hello+world") << QStringLiteral("hello world");
    QTest::newRow("percent") << QByteArray("/?set=a%20b%2Bc") << QStringLiteral("a b+c");
    QTest::newRow("utf8") << QByteArray("/?set=%C3%A9t%C3%A9") << QStringLiteral("été");
    QTest::newRow("bad escape kept") << QByteArray("/?set=100%") << QStringLiteral("100%");
    QTest::newRow("empty") << QByteArray("/?a=1&set=") << QString();
}

void TestHttpRequestParser::decodesQueryWithPlusAndPercent()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, expected);
    HttpRequestParser parser;
    QCOMPARE(parser.feed("GET " + target + " HTTP/1.0\r\n\r\n"),
             HttpRequestParser::Status::Complete);
    const auto value = parser.request().queryValue("set");
    QVERIFY(value.has_value());
    QCOMPARE(*value, expected);
}

void TestHttpRequestParser::refusesBadRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::newRow("chunked") << QByteArray("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                             << 501;
    QTest::newRow("body too large")
        << QByteArray("PUT / HTTP/1.1\r\nContent-Length: 65537\r\n\r\n") << 413;
    QTest::newRow("bad length") << QByteArray("PUT / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")
                                << 400;
    QTest::newRow("two lengths")
        << QByteArray("PUT / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
    QTest::newRow("http2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("garbage version") << QByteArray("GET / FTP\r\n\r\n") << 400;
    QTest::newRow("absolute target") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost a\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
    QTest::newRow("control in value") << QByteArray("GET / HTTP/1.1\r\nA: b\x01\r\n\r\n") << 400;
    QTest::newRow("empty") << QByteArray("\r\n\r\n") << 400;
}

void TestHttpRequestParser::refusesBadRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    HttpRequestParser parser;
    QCOMPARE(parser.feed(bytes), HttpRequestParser::Status::Failed);
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorMessage().isEmpty());
}

void TestHttpRequestParser::oversizedHeadIsRefusedBeforeItEnds()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("GET / HTTP/1.1\r\nX: " + QByteArray(9000, 'a')),
             HttpRequestParser::Status::Failed);
    QCOMPARE(parser.errorStatus(), 431);
    QVERIFY(parser.errorMessage().contains(QStringLiteral("8192")));
}

void TestHttpRequestParser::randomBytesNeverCrash()
{
    const quint32 seed = 20261201;
    QRandomGenerator rng(seed);
    const QByteArray base = "PUT /v1/value?set=a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
    for (int round = 0; round < 5000; ++round) {
        QByteArray bytes = base;
        for (int m = 0; m < 1 + int(rng.bounded(4)); ++m)
            bytes[rng.bounded(int(bytes.size()))] = char(rng.bounded(256));
        HttpRequestParser parser;
        const auto status = parser.feed(bytes);
        if (status == HttpRequestParser::Status::Failed)
            QVERIFY2(parser.errorStatus() >= 400, qPrintable(QStringLiteral("seed %1").arg(seed)));
        if (status == HttpRequestParser::Status::Complete)
            QVERIFY2(parser.request().body.size() <= 9,
                     qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_http_request_parser.moc"
