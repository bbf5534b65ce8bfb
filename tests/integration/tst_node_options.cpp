// tst_node_options.cpp — the shared node options: every DESIGN.md option is accepted in its
// documented forms, and every bad value is refused with one line naming the option.
#include "app/common/node_command_line.h"

#include <QCommandLineParser>
#include <QTemporaryDir>
#include <QTest>

using grapevine::NodeOptions;

namespace {

bool parse(const QStringList &args, NodeOptions *options, QString *error)
{
    QCommandLineParser parser;
    grapevine::addNodeOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("prog")} + args)) {
        *error = parser.errorText();
        return false;
    }
    return grapevine::readNodeOptions(parser, options, error);
}

QString key(int bytes)
{
    return QString::fromLatin1(QByteArray(bytes, 'k').toBase64());
}

} // namespace

class TestNodeOptions : public QObject {
    Q_OBJECT
private slots:
    void defaultsMatchDesign();
    void acceptsValidOptions();
    void bindAcceptsIpv6InBracketsAndPortZero();
    void ipv6ScopeIdIsKeptInJoinTargets();
    void httpIsLoopbackUnlessHostGiven();
    void keysAreDecodedInOrderWithKeyFile();
    void badValuesAreRefusedWithOneLine_data();
    void badValuesAreRefusedWithOneLine();
    void errorsNeverContainKeyMaterial();
};

void TestNodeOptions::defaultsMatchDesign()
{
    NodeOptions options;
    QString error;
    QVERIFY2(parse({}, &options, &error), qPrintable(error));
    QCOMPARE(options.bindHost, QStringLiteral("0.0.0.0"));
    QCOMPARE(options.bindPort, quint16(7946));
    QCOMPARE(options.profile, QStringLiteral("lan"));
    QCOMPARE(options.logFormat, QStringLiteral("text"));
    QVERIFY(options.http.isEmpty());
    QVERIFY(options.keys.isEmpty());
}

void TestNodeOptions::acceptsValidOptions()
{
    NodeOptions options;
    QString error;
    const bool ok =
        parse({"--name", "n1", "--bind", "127.0.0.1:7001", "--advertise", "10.0.0.5:7001", "--join",
               "127.0.0.1:7002", "--join", "peer.example:7003", "--profile", "local", "--label",
               "prod", "--plain-values", "--data-dir", "/tmp/x", "--log-format", "json"},
              &options, &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(options.name, QStringLiteral("n1"));
    QCOMPARE(options.bindHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(options.bindPort, quint16(7001));
    QCOMPARE(options.advertise, QStringLiteral("10.0.0.5:7001"));
    QCOMPARE(options.joins, (QStringList{"127.0.0.1:7002", "peer.example:7003"}));
    QCOMPARE(options.profile, QStringLiteral("local"));
    QCOMPARE(options.label, QStringLiteral("prod"));
    QVERIFY(options.plainValues);
    QCOMPARE(options.dataDir, QStringLiteral("/tmp/x"));
    QCOMPARE(options.logFormat, QStringLiteral("json"));
}

void TestNodeOptions::bindAcceptsIpv6InBracketsAndPortZero()
{
    NodeOptions options;
    QString error;
    QVERIFY2(parse({"--bind", "[::1]:0", "--join", "[::1]:7946"}, &options, &error),
             qPrintable(error));
    QCOMPARE(options.bindHost, QStringLiteral("::1"));
    QCOMPARE(options.bindPort, quint16(0));
    QCOMPARE(options.joins, QStringList{"[::1]:7946"});
}

// A numeric scope id ("%1", an interface index) is text, not a placeholder: found by
// fuzz_node_options, which saw "[::%1]:947" come back as "[::947]:%2".
void TestNodeOptions::ipv6ScopeIdIsKeptInJoinTargets()
{
    NodeOptions options;
    QString error;
    QVERIFY2(parse({"--join", "[fe80::1%1]:7946", "--join", "[::%2]:947"}, &options, &error),
             qPrintable(error));
    QCOMPARE(options.joins, (QStringList{"[fe80::1%1]:7946", "[::%2]:947"}));
}

void TestNodeOptions::httpIsLoopbackUnlessHostGiven()
{
    NodeOptions options;
    QString error;
    QVERIFY2(parse({"--http", "8080"}, &options, &error), qPrintable(error));
    QCOMPARE(options.http, QStringLiteral("127.0.0.1:8080"));
    QVERIFY2(parse({"--http", ":8081"}, &options, &error), qPrintable(error));
    QCOMPARE(options.http, QStringLiteral("127.0.0.1:8081"));
    QVERIFY2(parse({"--http", "0.0.0.0:8082"}, &options, &error), qPrintable(error));
    QCOMPARE(options.http, QStringLiteral("0.0.0.0:8082"));
}

void TestNodeOptions::keysAreDecodedInOrderWithKeyFile()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("keys")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# cluster keys\n\n" + key(24).toLatin1() + "\n  " + key(32).toLatin1() + "  \n");
    file.close();
    NodeOptions options;
    QString error;
    QVERIFY2(parse({"--key", key(16), "--key-file", file.fileName()}, &options, &error),
             qPrintable(error));
    QCOMPARE(options.keys.size(), 3);
    QCOMPARE(options.keys[0].size(), 16);
    QCOMPARE(options.keys[1].size(), 24);
    QCOMPARE(options.keys[2].size(), 32);
}

void TestNodeOptions::badValuesAreRefusedWithOneLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("port 0 for join") << QStringList{"--join", "127.0.0.1:0"}
                                     << "--join 127.0.0.1:0: port must be from 1 to 65535";
    QTest::newRow("port too big") << QStringList{"--bind", "127.0.0.1:65536"}
                                  << "is not a number from 1 to 65535";
    QTest::newRow("port letters") << QStringList{"--bind", "127.0.0.1:http"}
                                  << "\"http\" is not a number";
    QTest::newRow("no port") << QStringList{"--join", "127.0.0.1"} << "expected HOST:PORT";
    QTest::newRow("bare ipv6") << QStringList{"--join", "::1:7946"}
                               << "IPv6 addresses need brackets";
    QTest::newRow("unclosed bracket")
        << QStringList{"--bind", "[::1:7946"} << "expected [IPv6]:PORT";
    QTest::newRow("bind name") << QStringList{"--bind", "example.com:7946"}
                               << "is not an IP address";
    QTest::newRow("short ipv4") << QStringList{"--bind", "1.2.3:7946"}
                                << "\"1.2.3\" is not an IP address";
    QTest::newRow("short ipv4 join")
        << QStringList{"--join", "10.1.2:7946"} << "is not an IP address or host name";
    QTest::newRow("bad bind ip") << QStringList{"--bind", "300.1.1.1:7946"}
                                 << "\"300.1.1.1\" is not an IP address";
    QTest::newRow("join garbage") << QStringList{"--join", "a b:7946"}
                                  << "is not an IP address or host name";
    QTest::newRow("advertise any")
        << QStringList{"--advertise", "0.0.0.0:7946"} << "give a reachable address";
    QTest::newRow("profile") << QStringList{"--profile", "fast"}
                             << "--profile fast: expected local, lan or wan";
    QTest::newRow("log format") << QStringList{"--log-format", "xml"}
                                << "--log-format xml: expected text or json";
    QTest::newRow("key size") << QStringList{"--key", key(16), "--key", key(20)}
                              << "--key: key 2 is 20 bytes; AES keys must be 16, 24 or 32 bytes";
    QTest::newRow("key base64") << QStringList{"--key", "not*base64"}
                                << "--key: key 1 is not valid base64";
    QTest::newRow("key file missing") << QStringList{"--key-file", "/nonexistent/keys"}
                                      << "--key-file /nonexistent/keys: cannot read";
    QTest::newRow("label") << QStringList{"--label", QString(256, QLatin1Char('x'))}
                           << "--label: 256 bytes; a label is at most 255 bytes";
    QTest::newRow("empty name") << QStringList{"--name", ""}
                                << "--name: the name must not be empty";
}

void TestNodeOptions::badValuesAreRefusedWithOneLine()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    NodeOptions options;
    QString error;
    QVERIFY(!parse(args, &options, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestNodeOptions::errorsNeverContainKeyMaterial()
{
    const QString secret = QString::fromLatin1(QByteArray("0123456789abcdefghij").toBase64());
    NodeOptions options;
    QString error;
    QVERIFY(!parse({"--key", secret}, &options, &error));
    QVERIFY2(!error.contains(secret), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestNodeOptions)
#include "tst_node_options.moc"
