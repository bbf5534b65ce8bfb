// 1,000 nodes join one seed node (staggered over 10 s) and agree on the membership.
// The heaviest simulation test: about N²·RetransmitMult·⌈log10(N+1)⌉ = 16 million gossiped
// alive messages per seed. An optimized build runs seeds 1..3; a Debug build (engine ~4x
// slower) runs seed 1 only, to keep the suite's time reasonable.
#include "core/sim/scenario.h"
#include "core/sim/simulator.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::sim;

class TstSimJoinScale : public QObject {
    Q_OBJECT
private slots:
    void thousandNodesJoinAndAgree_data();
    void thousandNodesJoinAndAgree();
};

void TstSimJoinScale::thousandNodesJoinAndAgree_data()
{
    QTest::addColumn<quint64>("seed");
#ifdef NDEBUG
    for (quint64 seed : {1, 2, 3})
#else
    for (quint64 seed : {1})
#endif
        QTest::addRow("seed %llu", qulonglong(seed)) << seed;
}

void TstSimJoinScale::thousandNodesJoinAndAgree()
{
    QFETCH(quint64, seed);
    ScenarioOptions options;
    options.kind = ScenarioKind::Join;
    options.nodes = 1000;
    options.seed = seed;
    // The convergence condition, allSee(1000), is every node's recorded view holding all
    // 1,000 members alive; tst_simulator checks those views against Engine::aliveCount().
    const ScenarioResult r = runScenario(options);
    const QByteArray where = "seed " + QByteArray::number(seed) + ": " + r.failure.c_str();
    QVERIFY2(r.converged, where);
    QVERIFY2(r.failure.empty(), where);
    QCOMPARE(r.counters.codecErrors, 0u);
    qInfo("seed %llu: 1000 nodes converged %.2f s after the first start", qulonglong(seed),
          r.convergedS);
}

QTEST_GUILESS_MAIN(TstSimJoinScale)
#include "tst_sim_join_scale.moc"
