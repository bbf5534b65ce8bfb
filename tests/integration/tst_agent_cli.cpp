// tst_agent_cli.cpp — grapevine-agent's command line as a user meets it: --version, --help,
// and every startup failure as one line on stderr with exit code 2.
#include "agent_process.h"
#include "tests/support/free_port.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>
#include <csignal>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runAgent(const QStringList &args)
{
    QProcess process;
    process.start(agentPath(), args);
    Run run;
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished(2000);
        run.err = "did not exit";
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestAgentCli : public QObject {
    Q_OBJECT
private slots:
    void versionPrintsNameAndVersion();
    void helpListsEveryNodeOption();
    void startupErrorsAreOneLineAndExit2_data();
    void startupErrorsAreOneLineAndExit2();
    void portInUseIsOneLineAndExit2();
    void unansweredJoinIsRetriedAndSigintLeaves();
};

void TestAgentCli::versionPrintsNameAndVersion()
{
    const Run run = runAgent({"--version"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.trimmed(), QByteArray("grapevine-agent 0.1.0"));
}

void TestAgentCli::helpListsEveryNodeOption()
{
    const Run run = runAgent({"--help"});
    QCOMPARE(run.exitCode, 0);
    for (const char *option :
         {"--name", "--bind", "--advertise", "--join", "--profile", "--key", "--key-file",
          "--label", "--plain-values", "--data-dir", "--http", "--log-format"})
        QVERIFY2(run.out.contains(option), option);
}

void TestAgentCli::startupErrorsAreOneLineAndExit2_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const QString key20 = QString::fromLatin1(QByteArray(20, 'k').toBase64());
    QTest::newRow("bad address") << QStringList{"--bind", "1.2.3:7946"} << "is not an IP address";
    QTest::newRow("bad port") << QStringList{"--bind", "127.0.0.1:70000"}
                              << "not a number from 1 to 65535";
    QTest::newRow("bad key") << QStringList{"--key", key20} << "key 1 is 20 bytes";
    QTest::newRow("bad profile") << QStringList{"--profile", "x"} << "expected local, lan or wan";
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
}

void TestAgentCli::startupErrorsAreOneLineAndExit2()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Run run = runAgent(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("grapevine-agent: "), run.err.constData());
    QVERIFY2(run.err.contains(expected.toUtf8()), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
}

void TestAgentCli::portInUseIsOneLineAndExit2()
{
    QTemporaryDir dir;
    const quint16 port = grapevine::testing::freePort();
    QUdpSocket occupant;
    QVERIFY(occupant.bind(QHostAddress::LocalHost, port));
    const Run run = runAgent({"--bind", QStringLiteral("127.0.0.1:%1").arg(port), "--data-dir",
                              dir.path(), "--name", "busy"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("in use"), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
}

void TestAgentCli::unansweredJoinIsRetriedAndSigintLeaves()
{
    QTemporaryDir dir;
    AgentProcess agent(QStringLiteral("lonely"), dir.path());
    const QString nobody = QStringLiteral("127.0.0.1:%1").arg(grapevine::testing::freePort());
    QVERIFY2(agent.start({nobody}), agent.stderrText().constData());
    QVERIFY2(agent.waitForEvent(
                 [](const QJsonObject &e) {
                     return e.value("ev") == "log" &&
                            e.value("message").toString().contains("retry");
                 },
                 10000),
             "no retry was logged for a join target that does not answer");
    QVERIFY(agent.running());
    ::kill(pid_t(agent.processId()), SIGINT);
    QCOMPARE(agent.waitForExit(15000), 0);
    QVERIFY2(agent.waitForEvent([](const QJsonObject &e) { return e.value("ev") == "left"; }, 1000),
             qPrintable(agent.eventsTail()));
}

QTEST_GUILESS_MAIN(TestAgentCli)
#include "tst_agent_cli.moc"
