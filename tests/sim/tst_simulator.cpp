// The simulator driving real engines: determinism, faults, streams, the codec path.
#include "core/sim/scenario.h"
#include "core/sim/simulator.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::sim;
using namespace std::chrono_literals;

namespace {

// Forms a cluster of n (every node joins n0) and runs until all see n, or 60 s.
bool formCluster(Simulator &sim, int n)
{
    sim.addNode();
    for (int i = 1; i < n; ++i) {
        sim.runFor(10ms);
        sim.join(sim.addNode(), 0);
    }
    return sim.runUntilTrue([&] { return sim.allSee(n); }, 10ms, sim.now() + 60s);
}

SimOptions seeded(std::uint64_t seed)
{
    SimOptions options;
    options.seed = seed;
    return options;
}

QByteArray seedText(std::uint64_t seed)
{
    return "seed " + QByteArray::number(qulonglong(seed));
}

} // namespace

class TstSimulator : public QObject {
    Q_OBJECT
private slots:
    void sameSeedGivesIdenticalTrace_data();
    void sameSeedGivesIdenticalTrace();
    void differentSeedGivesDifferentTrace();
    void recordedViewsMatchTheEngines();
    void formAtOnceGivesEveryNodeEveryMemberWithNothingQueued();
    void joinToACrashedSeedFailsAtTheStreamDeadline();
    void joinAcrossAPartitionFails();
    void frozenNodeCatchesUpFromItsBuffer();
    void frozenNodeWithAFullBufferDropsPackets();
    void crashedNodeIsDeclaredDeadAndARestartRejoins();
    void codecPathConvergesWithoutErrors();
    void lossyLinksStillConverge();
    void broadcastReachesEveryLiveNodeDespiteCrashes();
};

void TstSimulator::sameSeedGivesIdenticalTrace_data()
{
    QTest::addColumn<int>("kind");
    for (auto kind : {ScenarioKind::Join, ScenarioKind::Broadcast, ScenarioKind::Crash,
                      ScenarioKind::Stall, ScenarioKind::Partition})
        QTest::addRow("%s", scenarioName(kind)) << int(kind);
}

void TstSimulator::sameSeedGivesIdenticalTrace()
{
    QFETCH(int, kind);
    ScenarioOptions options;
    options.kind = ScenarioKind(kind);
    options.nodes = 30;
    options.seed = 5;
    options.loss = 0.05;
    options.duration = std::chrono::seconds(20); // the stall's length
    const ScenarioResult a = runScenario(options);
    const ScenarioResult b = runScenario(options);
    QVERIFY2(a.failure.empty(), a.failure.c_str());
    QCOMPARE(a.traceHash, b.traceHash);
    QCOMPARE(a.counters.events, b.counters.events);
    QCOMPARE(a.counters.bytesSent, b.counters.bytesSent);
    QCOMPARE(a.counters.lost, b.counters.lost);
    QCOMPARE(a.simSeconds, b.simSeconds);
    QCOMPARE(a.detectAllS, b.detectAllS);
    QCOMPARE(a.reachMs, b.reachMs);
    QCOMPARE(a.healS, b.healS);
    QVERIFY(a.counters.events > 1000);
}

void TstSimulator::differentSeedGivesDifferentTrace()
{
    ScenarioOptions options;
    options.nodes = 20;
    options.seed = 1;
    const auto a = runScenario(options);
    options.seed = 2;
    const auto b = runScenario(options);
    QVERIFY(a.traceHash != b.traceHash);
}

void TstSimulator::recordedViewsMatchTheEngines()
{
    Simulator sim(seeded(3));
    QVERIFY2(formCluster(sim, 50), seedText(3));
    QCOMPARE(sim.viewMismatches(), 0);
    for (NodeId id = 0; id < 50; ++id)
        QCOMPARE(sim.engine(id)->aliveCount(), 50);
    const auto members = sim.engine(17)->members();
    QCOMPARE(int(members.size()), 50);
    for (const auto &m : members)
        QCOMPARE(m.state, wire::NodeState::Alive);
}

void TstSimulator::formAtOnceGivesEveryNodeEveryMemberWithNothingQueued()
{
    Simulator sim(seeded(8));
    for (int i = 0; i < 40; ++i)
        sim.addNode();
    sim.formAtOnce();
    QVERIFY(sim.allSee(40));
    QCOMPARE(sim.viewMismatches(), 0);
    for (NodeId id = 0; id < 40; ++id) {
        QCOMPARE(sim.engine(id)->aliveCount(), 40);
        // Adopted, not learned: nothing was queued for re-gossip (the own alive at start is
        // the only broadcast each engine queued).
        QCOMPARE(sim.engine(id)->stats().broadcastsQueued, 1u);
    }
    const auto members = sim.engine(23)->members();
    QCOMPARE(int(members.size()), 40);
    for (const auto &m : members) {
        QCOMPARE(m.state, wire::NodeState::Alive);
        QCOMPARE(m.incarnation, 1u);
        QCOMPARE(int(m.vsn.size()), 6); // as each node announces itself
    }
    // A formed cluster runs as one: a minute of probing and push/pull changes no view.
    QVERIFY(sim.runFor(60s));
    QVERIFY(sim.allSee(40));
    QCOMPARE(sim.viewMismatches(), 0);
    QCOMPARE(sim.engine(5)->stats().probeFailures, 0u);
    QVERIFY(sim.engine(5)->stats().probes >= 55);
}

void TstSimulator::joinToACrashedSeedFailsAtTheStreamDeadline()
{
    Simulator sim(seeded(4));
    sim.addNode();
    sim.crash(0);
    const NodeId late = sim.addNode();
    sim.join(late, 0);
    sim.runFor(sim.config().tcpTimeout + 1s);
    QCOMPARE(sim.counters().streamsFailed, 1u);
    QCOMPARE(sim.recorder().aliveSeenBy(late), 1);
}

void TstSimulator::joinAcrossAPartitionFails()
{
    Simulator sim(seeded(5));
    sim.addNode();
    const NodeId other = sim.addNode();
    sim.partition({0, 1});
    sim.join(other, 0);
    sim.runFor(sim.config().tcpTimeout + 1s);
    QCOMPARE(sim.counters().streamsFailed, 1u);
    QCOMPARE(sim.recorder().aliveSeenBy(other), 1);
    sim.heal();
    sim.join(other, 0);
    QVERIFY(sim.runUntilTrue([&] { return sim.allSee(2); }, 10ms, sim.now() + 5s));
}

void TstSimulator::frozenNodeCatchesUpFromItsBuffer()
{
    Simulator sim(seeded(6));
    QVERIFY(formCluster(sim, 10));
    sim.runFor(2s);
    sim.freeze(4);
    sim.runFor(1500ms);
    QCOMPARE(sim.status(4), NodeStatus::Frozen);
    sim.unfreeze(4);
    sim.runFor(20s);
    QCOMPARE(sim.counters().bufferDrops, 0u);
    QVERIFY(sim.allSee(10));
    QVERIFY(sim.recorder().deaths().empty());
}

void TstSimulator::frozenNodeWithAFullBufferDropsPackets()
{
    SimOptions options = seeded(6);
    options.receiveBufferBytes = 1;
    Simulator sim(options);
    QVERIFY(formCluster(sim, 10));
    sim.freeze(4);
    sim.runFor(3s);
    QVERIFY(sim.counters().bufferDrops > 0);
}

void TstSimulator::crashedNodeIsDeclaredDeadAndARestartRejoins()
{
    Simulator sim(seeded(7));
    QVERIFY(formCluster(sim, 10));
    sim.crash(3);
    QVERIFY2(sim.runUntilTrue([&] { return sim.allSee(9); }, 10ms, sim.now() + 120s), seedText(7));
    QCOMPARE(sim.liveCount(), 9u);
    sim.restart(3, 0);
    QVERIFY2(sim.runUntilTrue([&] { return sim.allSee(10); }, 10ms, sim.now() + 60s), seedText(7));
    QCOMPARE(sim.viewMismatches(), 0);
}

void TstSimulator::codecPathConvergesWithoutErrors()
{
    SimOptions options = seeded(8);
    options.useCodec = true;
    Simulator sim(options);
    QVERIFY2(formCluster(sim, 20), seedText(8));
    sim.runFor(5s);
    QCOMPARE(sim.counters().codecErrors, 0u);
    QVERIFY(sim.counters().bytesSent > 0);
}

void TstSimulator::lossyLinksStillConverge()
{
    SimOptions options = seeded(9);
    options.link = LinkModel{500us, 200us, 0.1};
    Simulator sim(options);
    QVERIFY2(formCluster(sim, 30), seedText(9));
    QVERIFY(sim.counters().lost > 0);
}

void TstSimulator::broadcastReachesEveryLiveNodeDespiteCrashes()
{
    Simulator sim(seeded(10));
    QVERIFY2(formCluster(sim, 50), seedText(10));
    sim.crash(7);
    sim.crash(31);
    sim.runFor(500ms);
    const wire::Bytes payload = wire::toBytes("after the crashes");
    sim.broadcast(12, payload);
    sim.runFor(10s);
    for (NodeId id = 0; id < 50; ++id) {
        if (id == 7 || id == 31)
            QVERIFY(!sim.delegate(id));
        else
            QVERIFY2(sim.delegate(id)->firstSeen("after the crashes"),
                     seedText(10) + " node " + QByteArray::number(id));
    }
}

QTEST_GUILESS_MAIN(TstSimulator)
#include "tst_simulator.moc"
