// Many-seed simulations from issue 3 (the 1,000-node join is tst_sim_join_scale): crash
// detection within memberlist's bound, Lifeguard under a stalling node, partition healing,
// broadcast reach.
// Every failure message names the seed; rerun it with grapevine-sim --seed S.
#include "core/sim/scenario.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::sim;
using namespace std::chrono_literals;

namespace {

ScenarioOptions scenario(ScenarioKind kind, int nodes, std::uint64_t seed)
{
    ScenarioOptions options;
    options.kind = kind;
    options.nodes = nodes;
    options.seed = seed;
    return options;
}

QByteArray context(const ScenarioResult &r)
{
    return QByteArray("scenario ") + scenarioName(r.kind) + " nodes " +
           QByteArray::number(r.nodes) + " seed " + QByteArray::number(qulonglong(r.seed)) +
           (r.failure.empty() ? QByteArray() : QByteArray(": ") + r.failure.c_str());
}

void addSeeds(std::initializer_list<std::uint64_t> seeds)
{
    QTest::addColumn<quint64>("seed");
    for (auto seed : seeds)
        QTest::addRow("seed %llu", qulonglong(seed)) << quint64(seed);
}

} // namespace

class TstSimScenarios : public QObject {
    Q_OBJECT
private slots:
    void crashIsDetectedByEveryNodeWithinTheBound_data() { addSeeds({1, 2, 3}); }
    void crashIsDetectedByEveryNodeWithinTheBound();
    void stallingNodeNeverGetsHealthyNodesDeclaredDead_data() { addSeeds({1, 2, 3, 4}); }
    void stallingNodeNeverGetsHealthyNodesDeclaredDead();
    void partitionHealsAfterLifting_data() { addSeeds({1, 2}); }
    void partitionHealsAfterLifting();
    void partitionLongerThanGossipToTheDeadHeals_data() { addSeeds({1, 2}); }
    void partitionLongerThanGossipToTheDeadHeals();
    void broadcastReachesEveryLiveNode_data() { addSeeds({1, 2, 3}); }
    void broadcastReachesEveryLiveNode();
    void formedStartDetectsACrashAndSpreadsABroadcast_data() { addSeeds({1, 2}); }
    void formedStartDetectsACrashAndSpreadsABroadcast();
};

// Bound (LAN preset, N = 50), from memberlist's formulas (crashDetectionBound):
//   2·(N−1)·ProbeInterval = 98 s      round-robin probing reaches the victim
// + ProbeInterval          = 1 s       the failed probe (direct, indirect, TCP) ends
// + SuspicionMaxTimeoutMult·SuspicionMult·log10(50)·ProbeInterval = 6·4·1.698 s = 40.752 s
// + RetransmitMult·⌈log10(51)⌉·GossipInterval = 8·0.2 s = 1.6 s   dissemination window
// = 141.352 s.
void TstSimScenarios::crashIsDetectedByEveryNodeWithinTheBound()
{
    QFETCH(quint64, seed);
    const ScenarioResult r = runScenario(scenario(ScenarioKind::Crash, 50, seed));
    QVERIFY2(r.failure.empty(), context(r));
    QCOMPARE(r.detectBoundS, 141.352);
    QVERIFY2(r.detectAllS.has_value(), context(r) + " detected by " +
                                           QByteArray::number(r.detectedBy) + "/" +
                                           QByteArray::number(r.observers));
    QVERIFY2(*r.detectAllS <= r.detectBoundS, context(r));
    QVERIFY2(*r.detectFirstS <= *r.detectAllS, context(r));
    qInfo("seed %llu: first %.2f s, all %.2f s (bound %.2f s)", qulonglong(seed), *r.detectFirstS,
          *r.detectAllS, r.detectBoundS);
}

void TstSimScenarios::stallingNodeNeverGetsHealthyNodesDeclaredDead()
{
    QFETCH(quint64, seed);
    ScenarioOptions options = scenario(ScenarioKind::Stall, 50, seed);
    options.duration = 40s; // 10 stalls of 2 s, 2 s apart
    const ScenarioResult r = runScenario(options);
    QVERIFY2(r.failure.empty(), context(r));
    QCOMPARE(r.stalls, 10);
    QVERIFY2(r.falsePositives == 0,
             context(r) + " false positives " + QByteArray::number(r.falsePositives));
    qInfo("seed %llu: stalled node declared dead %d times", qulonglong(seed), r.stalledDeaths);
}

void TstSimScenarios::partitionHealsAfterLifting()
{
    QFETCH(quint64, seed);
    const ScenarioResult r = runScenario(scenario(ScenarioKind::Partition, 40, seed));
    QVERIFY2(r.failure.empty(), context(r));
    QVERIFY2(r.healS.has_value(), context(r));
    // A 20 s split outlasts the suspicion timeouts (min 6.4 s at N = 40), so each side has
    // declared the other dead before the heal: the heal is a real recovery.
    QVERIFY2(r.partitionDeaths > 0, context(r));
    qInfo("seed %llu: healed %.2f s after lifting, %d deaths during the split", qulonglong(seed),
          *r.healS, r.partitionDeaths);
}

// Issue 7: a 90 s split outlasts detection plus GossipToTheDeadTime (30 s with lan), so
// every node has reaped every member of the other side before the heal. Only the engines'
// reconnect lists remember them. Bound: a node's first reconnect tick after the heal comes
// within ReconnectInterval (10 s) and every entry it holds is across the cut; the push/pull
// merges both sides, whose alives then spread by gossip and push/pull (well under 20 s).
void TstSimScenarios::partitionLongerThanGossipToTheDeadHeals()
{
    QFETCH(quint64, seed);
    ScenarioOptions options = scenario(ScenarioKind::Partition, 40, seed);
    options.partitionHold = 90s;
    const ScenarioResult r = runScenario(options);
    QVERIFY2(r.failure.empty(), context(r));
    QVERIFY2(r.partitionDeaths > 0, context(r));
    QVERIFY2(r.deadAtHeal == 0, context(r) + " dead at heal " + QByteArray::number(r.deadAtHeal));
    QVERIFY2(r.healS.has_value(), context(r));
    QVERIFY2(*r.healS <= 30.0, context(r) + " healed in " + QByteArray::number(*r.healS));
    qInfo("seed %llu: healed %.2f s after a 90 s split, %d deaths during it", qulonglong(seed),
          *r.healS, r.partitionDeaths);
}

void TstSimScenarios::broadcastReachesEveryLiveNode()
{
    QFETCH(quint64, seed);
    const ScenarioResult r = runScenario(scenario(ScenarioKind::Broadcast, 100, seed));
    QVERIFY2(r.failure.empty(), context(r));
    QCOMPARE(r.reachTargets, 99);
    QVERIFY2(r.reachedFraction() == 1.0,
             context(r) + " reached " + QByteArray::number(r.reachMs.size()));
    qInfo("seed %llu: p50 %.1f ms, p99 %.1f ms", qulonglong(seed), percentile(r.reachMs, 50),
          percentile(r.reachMs, 99));
}

// The same experiments from a formed start (grapevine-sim --formed): the cluster is whole at
// t = 0, and failure detection and dissemination behave as in a cluster formed by joins.
void TstSimScenarios::formedStartDetectsACrashAndSpreadsABroadcast()
{
    QFETCH(quint64, seed);
    ScenarioOptions crash = scenario(ScenarioKind::Crash, 50, seed);
    crash.formedStart = true;
    const ScenarioResult c = runScenario(crash);
    QVERIFY2(c.failure.empty(), context(c));
    QCOMPARE(c.convergedS, 0.0);
    QVERIFY2(c.detectAllS.has_value() && *c.detectAllS <= c.detectBoundS, context(c));

    ScenarioOptions broadcast = scenario(ScenarioKind::Broadcast, 100, seed);
    broadcast.formedStart = true;
    const ScenarioResult b = runScenario(broadcast);
    QVERIFY2(b.failure.empty(), context(b));
    QCOMPARE(b.reachTargets, 99);
    QVERIFY2(b.reachedFraction() == 1.0,
             context(b) + " reached " + QByteArray::number(b.reachMs.size()));
    qInfo("seed %llu formed: crash seen by all in %.2f s; broadcast p99 %.1f ms", qulonglong(seed),
          *c.detectAllS, percentile(b.reachMs, 99));
}

QTEST_GUILESS_MAIN(TstSimScenarios)
#include "tst_sim_scenarios.moc"
