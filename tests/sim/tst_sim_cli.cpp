// tst_sim_cli.cpp — the grapevine-sim program as scripts use it: the JSON object on its last
// line (the keys DESIGN.md promises, plus the formation split), the exit codes, and a clear
// error for bad options. Runs the real binary on small clusters.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

class TestSimCli : public QObject {
    Q_OBJECT

private slots:
    void joinReportsTheContractKeysAndTheFormationSplit();
    void crashAfterFormingReportsBoth();
    void clusterThatNeverFormsReportsNoSplit();
    void convergeLimitBoundsTheWaitForAFormedCluster();
    void formedStartSkipsTheJoins();
    void traceHashIdentifiesTheReplay();
    void badOptionIsExplainedWithExitCode2();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out, err;
    };
    static Run run(const QStringList &args);
    static QJsonObject lastJson(const QByteArray &out);
};

TestSimCli::Run TestSimCli::run(const QStringList &args)
{
    QProcess process;
    process.start(QStringLiteral(GRAPEVINE_SIM_PATH), args);
    Run r;
    if (!process.waitForFinished(120000))
        return r;
    r.exitCode = process.exitCode();
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

QJsonObject TestSimCli::lastJson(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.last()).object();
}

void TestSimCli::joinReportsTheContractKeysAndTheFormationSplit()
{
    const Run r = run({"--nodes", "20", "--duration", "20", "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject json = lastJson(r.out);
    for (const char *key :
         {"scenario", "nodes", "runs", "sim_seconds", "wall_seconds", "converged_s",
          "form_sim_seconds", "form_wall_seconds", "after_form_speedup"})
        QVERIFY2(json.contains(key), key);
    QCOMPARE(json.value("scenario").toString(), QStringLiteral("join"));
    QCOMPARE(json.value("nodes").toInt(), 20);
    QCOMPARE(json.value("sim_seconds").toDouble(), 20.0);
    // Formation ends when every node sees all 20; the scale run then goes on to 20 s.
    const double formed = json.value("form_sim_seconds").toDouble();
    QCOMPARE(formed, json.value("converged_s").toDouble());
    QVERIFY2(formed > 0 && formed < 20, qPrintable(QString::number(formed)));
    QVERIFY(json.value("form_wall_seconds").toDouble() <= json.value("wall_seconds").toDouble());
    QVERIFY(json.value("after_form_speedup").toDouble() > 0);
    QVERIFY(r.out.contains("forming the cluster:"));
    // UDP and TCP traffic apart: 19 joins alone are 19 push/pull exchanges of whole states.
    QVERIFY(json.value("bytes").toDouble() > 0);
    QVERIFY(json.value("stream_bytes").toDouble() > 19 * 2 * 100);
}

void TestSimCli::crashAfterFormingReportsBoth()
{
    const Run r = run({"--scenario", "crash", "--nodes", "12", "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject json = lastJson(r.out);
    QVERIFY(json.value("detect_all_s").isDouble());
    QVERIFY(json.value("form_sim_seconds").toDouble() > 0);
    QVERIFY(json.value("form_sim_seconds").toDouble() < json.value("sim_seconds").toDouble());
}

void TestSimCli::clusterThatNeverFormsReportsNoSplit()
{
    // 200 nodes joining over 10 s cannot all see each other after 1 simulated second.
    const Run r = run({"--nodes", "200", "--duration", "1", "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject json = lastJson(r.out);
    QVERIFY(json.value("converged_s").isNull());
    QVERIFY(json.value("form_sim_seconds").isNull());
    QVERIFY(json.value("form_wall_seconds").isNull());
    QVERIFY(json.value("after_form_speedup").isNull());
    QVERIFY(!r.out.contains("forming the cluster:"));
}

void TestSimCli::convergeLimitBoundsTheWaitForAFormedCluster()
{
    // 30 nodes join over 0.3 s: 10 ms after the last join they cannot all see each other
    // yet, so the run fails; the default limit gives them time.
    const QStringList args{"--scenario", "crash", "--nodes", "30", "--json"};
    const Run cut = run(args + QStringList{"--converge-limit", "0.01"});
    QCOMPARE(cut.exitCode, 1); // a failed run
    QCOMPARE(lastJson(cut.out).value("failed_runs").toInt(), 1);
    QVERIFY2(cut.out.contains("did not converge"), cut.out.constData());
    const Run full = run(args);
    QCOMPARE(full.exitCode, 0);
    QCOMPARE(lastJson(full.out).value("failed_runs").toInt(), 0);
    QCOMPARE(run({"--converge-limit", "0"}).exitCode, 2);
}

void TestSimCli::formedStartSkipsTheJoins()
{
    const Run joined = run({"--nodes", "100", "--duration", "10", "--json"});
    const Run formed = run({"--nodes", "100", "--duration", "10", "--formed", "--json"});
    QCOMPARE(formed.exitCode, 0);
    const QJsonObject f = lastJson(formed.out);
    QCOMPARE(f.value("start").toString(), QStringLiteral("formed"));
    QCOMPARE(lastJson(joined.out).value("start").toString(), QStringLiteral("joins"));
    QCOMPARE(f.value("converged_s").toDouble(), 0.0);
    QCOMPARE(f.value("sim_seconds").toDouble(), 10.0);
    QVERIFY(formed.out.contains("(formed start)"));
    // No join storm: far fewer packets than 100 nodes joining one by one.
    QVERIFY2(f.value("packets").toDouble() * 2 < lastJson(joined.out).value("packets").toDouble(),
             formed.out.constData());
}

void TestSimCli::traceHashIdentifiesTheReplay()
{
    const QStringList args{"--scenario", "crash", "--nodes", "10", "--json"};
    const QJsonObject first = lastJson(run(args + QStringList{"--seed", "7"}).out);
    const QJsonObject again = lastJson(run(args + QStringList{"--seed", "7"}).out);
    const QJsonObject other = lastJson(run(args + QStringList{"--seed", "8"}).out);
    const QString hash = first.value("trace_hash").toString();
    QCOMPARE(hash.size(), 16);
    QCOMPARE(again.value("trace_hash").toString(), hash);
    QVERIFY(other.value("trace_hash").toString() != hash);
}

void TestSimCli::badOptionIsExplainedWithExitCode2()
{
    const Run r = run({"--nodes", "many"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--nodes"), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

QTEST_MAIN(TestSimCli)
#include "tst_sim_cli.moc"
