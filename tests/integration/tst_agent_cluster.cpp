// tst_agent_cluster.cpp — five real grapevine-agent processes on 127.0.0.1 (--profile local):
// membership agreement, value spreading and ordering, HTTP errors, crash detection within the
// profile's bound, restart with the same name, graceful leave by HTTP and by SIGTERM.
// The slots share one cluster and run in declaration order (each states what it leaves).
#include "agent_process.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <memory>

namespace {

constexpr int kAgents = 5;

// DefaultLocalConfig (memberlist-wire.md §8.1) and the §8.2 formulas for n members.
int deadBoundMs(int n)
{
    const double probeMs = 1000, gossipMs = 100;
    const double suspicionMinMs = 3 * std::max(1.0, std::log10(double(n))) * probeMs;
    const double suspicionMaxMs = 6 * suspicionMinMs;
    // Worst case: probed last in two shuffled rounds, the probe runs its whole interval, no
    // confirmation shortens the suspicion, then the dead message needs a few gossip rounds.
    return int(2 * (n - 1) * probeMs + probeMs + suspicionMaxMs + 10 * gossipMs + 1000);
}

// Polls cond every 100 ms (keeping the event loop running) until it holds or time runs out.
bool eventually(const std::function<bool()> &cond, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!cond()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(100);
    }
    return true;
}

// DESIGN.md: {"ev":"leave","node":"n3","state":"dead","t":…}
std::function<bool(const QJsonObject &)> leaveEvent(const QString &node, const QString &state)
{
    return [node, state](const QJsonObject &e) {
        return e.value("ev") == "leave" && e.value("node") == node && e.value("state") == state &&
               e.value("t").isDouble();
    };
}

} // namespace

class TestAgentCluster : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fiveAgentsAgreeOnMembership();
    void valueSetOnOneAppearsOnAll();
    void concurrentSetsEndIdenticalEverywhere();
    void httpErrorsAreClean();
    void killedAgentIsMarkedDeadByAllWithinBound();
    void restartedAgentKeepsValueAndComesBackWithHigherIncarnation();
    void gracefulLeaveByHttpShowsLeft();
    void sigtermLeavesGracefully();
    void cleanupTestCase();

private:
    bool allSee(const QString &name, const QString &state, int timeoutMs,
                quint32 minIncarnation = 0);
    bool valuesAgree(QJsonObject *agreed);
    QList<AgentProcess *> running() const;

    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<AgentProcess>> m_agents;
    quint32 m_killedIncarnation = 0;
    QJsonObject m_valueBeforeKill;
};

QList<AgentProcess *> TestAgentCluster::running() const
{
    QList<AgentProcess *> list;
    for (const auto &agent : m_agents) {
        if (agent->running())
            list.append(agent.get());
    }
    return list;
}

// How long a graceful leave may take to reach every member. In `local` every node hands the
// leave's dead message out only RetransmitMult * ceil(log10(N+1)) = 2 times, often to members
// that already have it, so in a five-node cluster one member misses the gossip now and then
// (seen once in about twenty runs). It then hears "left" at the next push/pull (15 s in `local`),
// while it still only suspects the leaver: suspicion runs at least 3 s after its probe
// failed and up to 18 s without confirmations, and a suspect becomes left on a merged leave.
constexpr int kLeaveSpreadMs = 20000;

bool TestAgentCluster::allSee(const QString &name, const QString &state, int timeoutMs,
                              quint32 minIncarnation)
{
    QString lastView; // printed when the wait fails: which agent saw what
    const bool held = eventually(
        [&] {
            for (AgentProcess *agent : running()) {
                if (agent->name() == name)
                    continue;
                const QJsonObject member = agent->members().value(name);
                if (member.value("state").toString() != state ||
                    member.value("incarnation").toInteger() < minIncarnation) {
                    lastView = QStringLiteral("%1 sees %2 as '%3' incarnation %4")
                                   .arg(agent->name(), name, member.value("state").toString())
                                   .arg(member.value("incarnation").toInteger());
                    return false;
                }
            }
            return true;
        },
        timeoutMs);
    if (!held)
        qWarning("wanted %s '%s': %s", qPrintable(name), qPrintable(state), qPrintable(lastView));
    return held;
}

bool TestAgentCluster::valuesAgree(QJsonObject *agreed)
{
    const QList<AgentProcess *> agents = running();
    const QJsonObject first = agents.first()->value();
    for (AgentProcess *agent : agents) {
        const QJsonObject value = agent->value();
        for (const char *field : {"value", "lamport", "origin"}) {
            if (value.value(field) != first.value(field) || value.isEmpty())
                return false;
        }
    }
    *agreed = first;
    return true;
}

void TestAgentCluster::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (int i = 1; i <= kAgents; ++i)
        m_agents.push_back(
            std::make_unique<AgentProcess>(QStringLiteral("n%1").arg(i), m_dir.path()));
    QVERIFY2(m_agents[0]->start({}), m_agents[0]->stderrText().constData());
    for (int i = 1; i < kAgents; ++i)
        QVERIFY2(m_agents[i]->start({m_agents[0]->gossipAddress()}),
                 m_agents[i]->stderrText().constData());
    const auto &events = m_agents[0]->events();
    const auto up = std::find_if(events.begin(), events.end(),
                                 [](const QJsonObject &e) { return e.value("ev") == "up"; });
    QVERIFY(up != events.end());
    QCOMPARE(up->value("node").toString(), QStringLiteral("n1"));
    QVERIFY(up->value("t").toInteger() > 1'600'000'000'000'000'000LL); // Unix ns
}

void TestAgentCluster::fiveAgentsAgreeOnMembership()
{
    const bool agreed = eventually(
        [&] {
            for (AgentProcess *agent : running()) {
                const auto members = agent->members();
                if (members.size() != kAgents)
                    return false;
                for (const QJsonObject &m : members) {
                    if (m.value("state") != "alive" || m.value("addr") != "127.0.0.1")
                        return false;
                }
            }
            return true;
        },
        15000);
    QVERIFY2(agreed, "the five agents did not agree on five alive members within 15 s");
    const QJsonObject self = m_agents[1]->members().value("n2");
    QCOMPARE(self.value("port").toInt(), m_agents[1]->gossipAddress().section(':', 1).toInt());
}

void TestAgentCluster::valueSetOnOneAppearsOnAll()
{
    const RawHttpReply set = m_agents[0]->http("GET", "/?set=hello+grape%20vine");
    QCOMPARE(set.status, 200);
    QCOMPARE(set.body, QByteArray("SET last value: hello grape vine\n"));
    QJsonObject agreed;
    QVERIFY2(eventually([&] { return valuesAgree(&agreed); }, 10000), "values did not converge");
    QCOMPARE(agreed.value("value").toString(), QStringLiteral("hello grape vine"));
    QCOMPARE(agreed.value("origin").toString(), QStringLiteral("n1"));
    QCOMPARE(m_agents[2]->http("GET", "/").body, QByteArray("last value: hello grape vine\n"));
    QVERIFY(m_agents[3]->waitForEvent(
        [](const QJsonObject &e) {
            return e.value("ev") == "value" && e.value("value") == "hello grape vine" &&
                   e.value("origin") == "n1" && e.value("lamport").toInteger() > 0;
        },
        5000));
}

void TestAgentCluster::concurrentSetsEndIdenticalEverywhere()
{
    // Both requests are on the wire before either answer is read.
    QTcpSocket a, b;
    a.connectToHost(QHostAddress::LocalHost, m_agents[1]->httpPort());
    b.connectToHost(QHostAddress::LocalHost, m_agents[2]->httpPort());
    QVERIFY(QTest::qWaitFor(
        [&] {
            return a.state() == QAbstractSocket::ConnectedState &&
                   b.state() == QAbstractSocket::ConnectedState;
        },
        5000));
    a.write("PUT /v1/value HTTP/1.1\r\nContent-Length: 7\r\n\r\nfrom-n2");
    b.write("PUT /v1/value HTTP/1.1\r\nContent-Length: 7\r\n\r\nfrom-n3");
    QVERIFY(QTest::qWaitFor(
        [&] {
            return a.state() == QAbstractSocket::UnconnectedState &&
                   b.state() == QAbstractSocket::UnconnectedState;
        },
        5000));
    QVERIFY(a.readAll().startsWith("HTTP/1.1 200"));
    QVERIFY(b.readAll().startsWith("HTTP/1.1 200"));
    QJsonObject agreed;
    QVERIFY2(eventually([&] { return valuesAgree(&agreed); }, 10000), "concurrent sets diverged");
    const QString winner = agreed.value("value").toString();
    QVERIFY2(winner == "from-n2" || winner == "from-n3", qPrintable(winner));
    QCOMPARE(agreed.value("origin").toString(),
             winner == "from-n2" ? QStringLiteral("n2") : QStringLiteral("n3"));
}

void TestAgentCluster::httpErrorsAreClean()
{
    AgentProcess &n1 = *m_agents[0];
    const QJsonObject before = n1.value();
    QCOMPARE(n1.http("GET", "/nope").status, 404);
    QCOMPARE(n1.http("POST", "/v1/members").status, 405);
    QCOMPARE(n1.http("DELETE", "/v1/value").status, 405);
    QCOMPARE(n1.http("GET", "/v1/leave").status, 405);
    const RawHttpReply tooLong = n1.http("PUT", "/v1/value", QByteArray(4000, 'v'));
    QCOMPARE(tooLong.status, 413);
    QVERIFY2(!tooLong.json().object().value("error").toString().isEmpty(),
             tooLong.body.constData());
    const RawHttpReply tooLarge = n1.http("PUT", "/v1/value", QByteArray(70000, 'v'));
    QCOMPARE(tooLarge.status, 413);
    QVERIFY2(tooLarge.body.contains("65536-byte limit"), tooLarge.body.constData());
    QCOMPARE(n1.value().value("lamport"), before.value("lamport"));
    const RawHttpReply stats = n1.http("GET", "/v1/stats");
    QCOMPARE(stats.status, 200);
    QVERIFY(stats.json().isObject());
}

void TestAgentCluster::killedAgentIsMarkedDeadByAllWithinBound()
{
    AgentProcess &victim = *m_agents[4];
    m_killedIncarnation =
        quint32(m_agents[0]->members().value("n5").value("incarnation").toInteger());
    m_valueBeforeKill = victim.value();
    QElapsedTimer timer;
    timer.start();
    victim.kill9();
    const int bound = deadBoundMs(kAgents);
    QVERIFY2(allSee("n5", "dead", bound),
             qPrintable(QStringLiteral("n5 not dead everywhere within %1 ms").arg(bound)));
    qInfo("kill -9 of n5 seen as dead by all others after %lld ms (bound %d ms)", timer.elapsed(),
          bound);
    QVERIFY(m_agents[0]->waitForEvent(leaveEvent("n5", "dead"), 1000));
}

void TestAgentCluster::restartedAgentKeepsValueAndComesBackWithHigherIncarnation()
{
    AgentProcess &n5 = *m_agents[4];
    QVERIFY2(n5.start({m_agents[0]->gossipAddress()}, {}, false), n5.stderrText().constData());
    const QJsonObject restored = n5.value();
    QCOMPARE(restored.value("value"), m_valueBeforeKill.value("value"));
    QCOMPARE(restored.value("lamport").toInteger(), m_valueBeforeKill.value("lamport").toInteger());
    QCOMPARE(restored.value("origin"), m_valueBeforeKill.value("origin"));
    QVERIFY2(allSee("n5", "alive", 15000, m_killedIncarnation + 1),
             "restarted n5 is not alive everywhere with a higher incarnation");
}

void TestAgentCluster::gracefulLeaveByHttpShowsLeft()
{
    AgentProcess &n4 = *m_agents[3];
    const RawHttpReply reply = n4.http("POST", "/v1/leave");
    QCOMPARE(reply.status, 202);
    QCOMPARE(n4.waitForExit(15000), 0);
    QVERIFY2(allSee("n4", "left", kLeaveSpreadMs), "n4 is not shown as left everywhere");
    QVERIFY(m_agents[0]->waitForEvent(leaveEvent("n4", "left"), 1000));
}

void TestAgentCluster::sigtermLeavesGracefully()
{
    AgentProcess &n3 = *m_agents[2];
    n3.terminate();
    QCOMPARE(n3.waitForExit(15000), 0);
    QVERIFY2(allSee("n3", "left", kLeaveSpreadMs), "n3 is not shown as left everywhere");
}

void TestAgentCluster::cleanupTestCase()
{
    for (const auto &agent : m_agents) {
        if (QTest::currentTestFailed() && !agent->stderrText().isEmpty())
            qWarning("%s stderr: %s", qPrintable(agent->name()), agent->stderrText().constData());
        if (agent->running())
            agent->kill9();
    }
}

QTEST_GUILESS_MAIN(TestAgentCluster)
#include "tst_agent_cluster.moc"
