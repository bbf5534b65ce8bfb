// tst_faults_stall.cpp — Lifeguard against a stalled process (issue 7, "faults"): five
// grapevine-agent processes (--profile local) on 127.0.0.1; one is frozen with SIGSTOP for 3 s
// and resumed with SIGCONT, twice. No healthy node may ever be declared dead or left by anyone
// (the frozen one included, whose timers all fire at once when it resumes), and the frozen one
// must be alive everywhere afterwards. The 3 s freeze is the fault itself, not a wait.
#include "agent_process.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <memory>

namespace {

constexpr int kAgents = 5;
constexpr int kRounds = 2;
constexpr int kStallMs = 3000;
constexpr int kVictim = 2; // n3

} // namespace

class TestFaultsStall : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void stalledNodeComesBackAndNoHealthyNodeIsDeclaredDead();
    void cleanupTestCase();

private:
    void reportSuspicions();
    [[nodiscard]] QString victimGone(int round) const;

    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<AgentProcess>> m_agents;
};

void TestFaultsStall::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (int i = 1; i <= kAgents; ++i)
        m_agents.push_back(std::make_unique<AgentProcess>(QStringLiteral("n%1").arg(i),
                                                          m_dir.filePath(QString::number(i))));
    QVERIFY2(m_agents[0]->start({}), m_agents[0]->stderrText().constData());
    for (int i = 1; i < kAgents; ++i)
        QVERIFY2(m_agents[i]->start({m_agents[0]->gossipAddress()}),
                 m_agents[i]->stderrText().constData());
    QVERIFY2(everyoneSeesAllAlive(m_agents, 20000),
             "the five agents did not form a cluster within 20 s");
}

void TestFaultsStall::stalledNodeComesBackAndNoHealthyNodeIsDeclaredDead()
{
    AgentProcess &victim = *m_agents[kVictim];
    const pid_t pid = pid_t(victim.processId());
    for (int round = 1; round <= kRounds; ++round) {
        QVERIFY2(::kill(pid, SIGSTOP) == 0 && victim.running(), qPrintable(victimGone(round)));
        QTest::qWait(kStallMs);
        QVERIFY2(::kill(pid, SIGCONT) == 0 && victim.running(), qPrintable(victimGone(round)));
        QElapsedTimer back;
        back.start();
        QVERIFY2(
            everyoneSeesAllAlive(m_agents, 30000),
            qPrintable(
                QStringLiteral("round %1: not everyone alive everywhere within 30 s").arg(round)));
        qInfo("round %d: SIGSTOP %d ms, all alive everywhere %lld ms after SIGCONT", round,
              kStallMs, back.elapsed());
    }
    // An observation window: a late false positive (a suspicion running out) shows within it.
    QTest::qWait(5000);
    reportSuspicions();
    for (const auto &viewer : m_agents) {
        for (const QJsonObject &e : viewer->events()) {
            const QString about = e.value("node").toString();
            const bool healthy = about != victim.name() && about != viewer->name();
            QVERIFY2(!(healthy && e.value("ev") == "leave"),
                     qPrintable(QStringLiteral("%1 declared healthy %2 %3")
                                    .arg(viewer->name(), about, e.value("state").toString())));
        }
    }
    for (const auto &viewer : m_agents) {
        if (viewer.get() != &victim)
            QCOMPARE(viewer->members().value(victim.name()).value("state").toString(),
                     QStringLiteral("alive"));
    }
}

// The victim ended by itself (a kill on a zombie succeeds; on a reaped process it fails).
QString TestFaultsStall::victimGone(int round) const
{
    const AgentProcess &victim = *m_agents[kVictim];
    return QStringLiteral("round %1: %2 is no longer running. %3\nIts stderr: %4")
        .arg(round)
        .arg(victim.name(), victim.eventsTail(), QString::fromLocal8Bit(victim.stderrText()));
}

// Suspicions are allowed (Lifeguard refutes them); they are printed for the record.
void TestFaultsStall::reportSuspicions()
{
    for (const auto &viewer : m_agents) {
        int healthy = 0, stalled = 0;
        for (const QJsonObject &e : viewer->events()) {
            if (e.value("ev") != "update" || e.value("state") != "suspect")
                continue;
            (e.value("node") == m_agents[kVictim]->name() ? stalled : healthy) += 1;
        }
        qInfo("%s: suspect events about the stalled node %d, about healthy nodes %d",
              qPrintable(viewer->name()), stalled, healthy);
    }
}

void TestFaultsStall::cleanupTestCase()
{
    for (const auto &agent : m_agents) {
        if (agent->running()) {
            ::kill(pid_t(agent->processId()), SIGCONT);
            agent->kill9();
        }
    }
}

QTEST_GUILESS_MAIN(TestFaultsStall)
#include "tst_faults_stall.moc"
