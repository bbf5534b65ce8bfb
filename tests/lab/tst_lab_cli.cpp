// grapevine-sim --scenario FILE: a lab recording replays headless to the trace hash the lab
// itself reached, prints the rumor's figures, and a bad file is refused naming the line.
#include "core/lab/lab_cluster.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace grapevine;
using namespace grapevine::lab;
using namespace std::chrono_literals;

class TstLabCli : public QObject {
    Q_OBJECT
private slots:
    void headlessReplayReachesTheLabsTraceHash()
    {
        LabScenario s;
        s.setup.nodes = 30;
        s.setup.seed = 9;
        LabCluster live(s);
        live.runUntil(TimePoint(1s));
        LabAction set;
        set.kind = ActionKind::SetValue;
        set.node = 4;
        set.text = "from the lab";
        QVERIFY(!live.perform(set));
        live.runUntil(TimePoint(1500ms));
        LabAction crash;
        crash.kind = ActionKind::Crash;
        crash.node = 5;
        QVERIFY(!live.perform(crash));
        live.runUntil(TimePoint(6s));

        const QString path = m_dir.filePath(QStringLiteral("run.gvlab"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(writeLabScenario(live.recording())));
        file.close();
        const auto [code, out, err] = run({QStringLiteral("--scenario"), path});
        QCOMPARE(code, 0);
        const QString hash = QStringLiteral("trace hash %1")
                                 .arg(qulonglong(live.traceHash()), 16, 16, QLatin1Char('0'));
        QVERIFY2(out.contains(hash.toUtf8()), out.constData());
        const double ms = std::chrono::duration<double, std::milli>(*live.rumor().completeAt() -
                                                                    live.rumor().startedAt())
                              .count();
        QVERIFY2(
            out.contains(
                QStringLiteral("every live node held it after %1 ms").arg(ms, 0, 'f', 1).toUtf8()),
            out.constData());
    }

    void badFileIsRefusedNamingTheLine()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad.gvlab"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("grapevine-lab 1\nnodes 10\nat 1 crash n12\n");
        file.close();
        const auto [code, out, err] = run({QStringLiteral("--scenario"), path});
        QCOMPARE(code, 2);
        QVERIFY2(err.contains("line 3: no node 'n12'"), err.constData());
    }

private:
    struct Result {
        int code = -1;
        QByteArray out, err;
    };
    static Result run(const QStringList &args)
    {
        QProcess process;
        process.start(QStringLiteral(GRAPEVINE_SIM_PATH), args);
        if (!process.waitForFinished(120000))
            return {};
        return {process.exitCode(), process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TstLabCli)
#include "tst_lab_cli.moc"
