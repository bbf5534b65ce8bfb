// Endpoint text forms and hex helpers.
#include "core/wire/endpoint.h"

#include <QTest>

using namespace grapevine::wire;

class TestEndpoint : public QObject {
    Q_OBJECT

private slots:
    void parsesAndPrints_data();
    void parsesAndPrints();
    void rejectsBadText_data();
    void rejectsBadText();
    void mappedIpv4IsTheSameAddressButNotTheSameBytes();
    void hexRoundTripsAndRejectsOddDigits();
};

void TestEndpoint::parsesAndPrints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("ipBytes");
    QTest::addColumn<QString>("printed");
    QTest::newRow("v4 with port") << "127.0.0.1:7946" << 4 << "127.0.0.1:7946";
    QTest::newRow("v4 default port") << "10.0.0.2" << 4 << "10.0.0.2:7000";
    QTest::newRow("v6 bracketed") << "[::1]:8000" << 16 << "[::1]:8000";
    QTest::newRow("v6 bare") << "fe80::1" << 16 << "[fe80::1]:7000";
    QTest::newRow("v6 bracketed default port") << "[2001:db8::2]" << 16 << "[2001:db8::2]:7000";
}

void TestEndpoint::parsesAndPrints()
{
    QFETCH(QString, text);
    QFETCH(int, ipBytes);
    QFETCH(QString, printed);
    const auto endpoint = parseEndpoint(text.toStdString(), 7000);
    QVERIFY(endpoint.has_value());
    QCOMPARE(int(endpoint->ip.size()), ipBytes);
    QCOMPARE(QString::fromStdString(endpoint->toString()), printed);
}

void TestEndpoint::rejectsBadText_data()
{
    QTest::addColumn<QString>("text");
    for (const char *bad : {"", "1.2.3", "1.2.3.4:", "1.2.3.4:70000", "1.2.3.4:x", "[::1", "[::1]x",
                            "[1.2.3.4]:5", "host:80", "256.1.1.1"})
        QTest::newRow(bad) << QString::fromLatin1(bad);
}

void TestEndpoint::rejectsBadText()
{
    QFETCH(QString, text);
    QVERIFY(!parseEndpoint(text.toStdString()).has_value());
}

void TestEndpoint::mappedIpv4IsTheSameAddressButNotTheSameBytes()
{
    const Endpoint four{{10, 0, 0, 2}, 7946};
    const Endpoint mapped{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 2}, 7946};
    QVERIFY(four.sameAddress(mapped));
    QVERIFY(four != mapped);
    QCOMPARE(mapped.toString(), std::string("10.0.0.2:7946"));
    QCOMPARE(mapped.ipText(), std::string("10.0.0.2"));
    QVERIFY(!four.sameAddress(Endpoint{{10, 0, 0, 2}, 7947}));
    const Endpoint broken{{1, 2, 3}, 1};
    QVERIFY(broken.ipText().find("invalid") != std::string::npos);
}

void TestEndpoint::hexRoundTripsAndRejectsOddDigits()
{
    const Bytes bytes = {0xde, 0xad, 0x00, 0x0f};
    QCOMPARE(toHex(bytes), std::string("de ad 00 0f"));
    QCOMPARE(fromHex("DE AD | 00 0f\n"), bytes);
    QVERIFY(fromHex("abc").empty());
    QVERIFY(fromHex("zz").empty());
}

QTEST_APPLESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
