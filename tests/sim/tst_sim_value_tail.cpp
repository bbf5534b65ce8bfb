// The shared value's tail (issue 21) in deterministic simulations: core/value's SharedValue
// on every node, the LAN link model, a formed cluster, several sets per seed. No node may
// be left out: every live node holds every set's value within the bound, without loss and
// with 1 % loss. Every failure message names the seed; replay it with
// grapevine-sim --scenario value --formed --nodes N --seed S [--loss P].
#include "core/sim/scenario.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::sim;
using namespace std::chrono_literals;

namespace {

// Issue 21's simulated targets: completion (the last node) within 150 ms at 1,000 nodes;
// the same bound is asked of 100.
constexpr double kBoundMs = 150;

// The time from one set to the next: a node that does not hold a set's value by then missed
// it. Shorter at 1,000 nodes, where each set's metadata storm is most of the run's cost.
std::chrono::milliseconds intervalFor(int nodes)
{
    return nodes >= 1000 ? 300ms : 1000ms;
}

ScenarioOptions valueRun(int nodes, double loss, std::uint64_t seed, int rounds)
{
    ScenarioOptions options;
    options.kind = ScenarioKind::Value;
    options.nodes = nodes;
    options.seed = seed;
    options.loss = loss;
    options.formedStart = true;
    options.rounds = rounds;
    options.setInterval = intervalFor(nodes);
    return options;
}

void addRuns(int nodes, int seeds, int rounds)
{
    QTest::addColumn<int>("nodes");
    QTest::addColumn<double>("loss");
    QTest::addColumn<int>("seeds");
    QTest::addColumn<int>("rounds");
    QTest::addRow("%d nodes, no loss", nodes) << nodes << 0.0 << seeds << rounds;
    QTest::addRow("%d nodes, 1 %% loss", nodes) << nodes << 0.01 << seeds << rounds;
}

void checkNoNodeIsLeftOut()
{
    QFETCH(int, nodes);
    QFETCH(double, loss);
    QFETCH(int, seeds);
    QFETCH(int, rounds);
    for (std::uint64_t seed = 1; seed <= std::uint64_t(seeds); ++seed) {
        const ScenarioResult r = runScenario(valueRun(nodes, loss, seed, rounds));
        const QByteArray where = "nodes " + QByteArray::number(nodes) + " loss " +
                                 QByteArray::number(loss) + " seed " +
                                 QByteArray::number(qulonglong(seed));
        QVERIFY2(r.failure.empty(), where + ": " + r.failure.c_str());
        QCOMPARE(int(r.valueSets.size()), rounds);
        for (std::size_t set = 0; set < r.valueSets.size(); ++set) {
            const ValueSetOutcome &outcome = r.valueSets[set];
            const QByteArray which = where + " set " + QByteArray::number(qulonglong(set));
            QVERIFY2(outcome.missed == 0,
                     which + ": " + QByteArray::number(outcome.missed) + " nodes missed it");
            QVERIFY2(outcome.completionMs && *outcome.completionMs <= kBoundMs,
                     which + ": the last node held it after " +
                         QByteArray::number(outcome.completionMs.value_or(-1)) + " ms");
            QCOMPARE(int(outcome.nodeMs.size()), nodes - 1);
        }
    }
}

} // namespace

class TstSimValueTail : public QObject {
    Q_OBJECT
private slots:
    // 20 seeds x 5 sets: 100 sets, 9,900 node deliveries per row.
    void noNodeIsLeftOutAt100Nodes_data() { addRuns(100, 20, 5); }
    void noNodeIsLeftOutAt100Nodes() { checkNoNodeIsLeftOut(); }
    // 2 seeds x 3 sets: 6 sets, 5,994 node deliveries per row.
    void noNodeIsLeftOutAt1000Nodes_data() { addRuns(1000, 2, 3); }
    void noNodeIsLeftOutAt1000Nodes() { checkNoNodeIsLeftOut(); }

    void setsCostBytesAndAreTimedWhereTheyHappen()
    {
        const ScenarioResult r = runScenario(valueRun(30, 0.0, 7, 2));
        QCOMPARE(int(r.valueSets.size()), 2);
        for (const ValueSetOutcome &outcome : r.valueSets) {
            QVERIFY(outcome.userBytes > 0);
            QVERIFY(outcome.bytes >= outcome.userBytes);
            // One hop of the LAN model: 0.5 ms latency plus up to 0.2 ms jitter.
            QVERIFY(outcome.completionMs && *outcome.completionMs >= 0.5);
        }
    }
};

QTEST_GUILESS_MAIN(TstSimValueTail)
#include "tst_sim_value_tail.moc"
