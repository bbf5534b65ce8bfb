// tst_interop_membership.cpp — membership and failure detection between Grapevine and the
// real hashicorp/memberlist (Debian 0.2.2): joins both ways, a mixed 3 + 3 cluster, crash
// detection both ways, graceful leave both ways, and protocol versions 2..5 with
// compression on and off. Every case also fails on any "[ERR]" line in a Go peer's log.
#include "interop_test_base.h"

#include <QHostAddress>
#include <QUdpSocket>

using namespace grapevine::interop;

namespace {

// Agreement after a join can wait for one push/pull (every 15 s in `local`, the first at a
// random offset within it) when gossip missed a member: never wait exactly that long.
constexpr int kJoinMs = 25000;
// kill -9 → dead: the local profile's probe interval (1 s) × a few rounds to pick the node,
// plus Lifeguard's suspicion timeout, at most 6 × 3 × log10(n) × 1 s for small n.
constexpr int kDeadMs = 30000;

QStringList namesOf(const QList<PeerProcess *> &peers)
{
    QStringList names;
    for (PeerProcess *peer : peers)
        names << peer->name();
    return names;
}

} // namespace

class TestInteropMembership : public InteropTestBase {
    Q_OBJECT
    QList<PeerProcess *> startMixedFour();
private slots:
    void errorScanSeesGoRejectingAMalformedPacket();
    void goJoinsGrapevine();
    void grapevineJoinsGo();
    void mixedClusterAgreesFromBothSides();
    void crashIsDetectedAcrossImplementations_data();
    void crashIsDetectedAcrossImplementations();
    void gracefulLeaveIsSeenAsLeft_data();
    void gracefulLeaveIsSeenAsLeft();
    void protocolVersionsAndCompressionInteroperate_data();
    void protocolVersionsAndCompressionInteroperate();
};

// The "[ERR]" scan every case relies on must see a real memberlist error: a datagram of
// an unknown message type makes 0.2.2 log "[ERR] memberlist: msg type (99) not supported".
void TestInteropMembership::errorScanSeesGoRejectingAMalformedPacket()
{
    PeerProcess *g1 = cluster().startGo(QStringLiteral("g1"));
    QVERIFY2(g1, qPrintable(cluster().lastError()));
    QUdpSocket socket;
    const QByteArray garbage("\x63 not a memberlist message");
    QCOMPARE(socket.writeDatagram(garbage, QHostAddress::LocalHost, g1->gossipPort()),
             garbage.size());
    QVERIFY2(waitUntil([&] { return !cluster().goErrors().isEmpty(); }, 5000),
             qPrintable(g1->logTail()));
    QVERIFY(cluster().goErrors().first().contains(QLatin1String("not supported")));
    m_allowedGoErrors << QStringLiteral("msg type (99) not supported");
}

void TestInteropMembership::goJoinsGrapevine()
{
    PeerProcess *a1 = cluster().startGrapevine(QStringLiteral("a1"));
    QVERIFY2(a1, qPrintable(cluster().lastError()));
    PeerProcess *g1 =
        cluster().startGo(QStringLiteral("g1"), {QStringLiteral("--join"), a1->gossipAddress()});
    QVERIFY2(g1, qPrintable(cluster().lastError()));
    QVERIFY2(
        cluster().waitForAlive({a1, g1}, {QStringLiteral("a1"), QStringLiteral("g1")}, kJoinMs),
        qPrintable(cluster().diagnostics()));
}

void TestInteropMembership::grapevineJoinsGo()
{
    PeerProcess *g1 = cluster().startGo(QStringLiteral("g1"));
    QVERIFY2(g1, qPrintable(cluster().lastError()));
    PeerProcess *a1 = cluster().startGrapevine(QStringLiteral("a1"),
                                               {QStringLiteral("--join"), g1->gossipAddress()});
    QVERIFY2(a1, qPrintable(cluster().lastError()));
    QVERIFY2(
        cluster().waitForAlive({a1, g1}, {QStringLiteral("a1"), QStringLiteral("g1")}, kJoinMs),
        qPrintable(cluster().diagnostics()));
}

// A chain g1 ← a1 ← g2 ← a2 ← g3 ← a3: every join crosses implementations, and every node
// only learns about the far end through gossip relayed by the other implementation.
void TestInteropMembership::mixedClusterAgreesFromBothSides()
{
    QList<PeerProcess *> peers;
    for (int i = 1; i <= 3; ++i) {
        const QStringList goJoin =
            peers.isEmpty() ? QStringList{}
                            : QStringList{QStringLiteral("--join"), peers.last()->gossipAddress()};
        PeerProcess *g = cluster().startGo(QStringLiteral("g%1").arg(i), goJoin);
        QVERIFY2(g, qPrintable(cluster().lastError()));
        peers << g;
        PeerProcess *a = cluster().startGrapevine(QStringLiteral("a%1").arg(i),
                                                  {QStringLiteral("--join"), g->gossipAddress()});
        QVERIFY2(a, qPrintable(cluster().lastError()));
        peers << a;
    }
    QVERIFY2(cluster().waitForAlive(peers, namesOf(peers), 2 * kJoinMs),
             qPrintable(cluster().diagnostics()));
}

// g1, a1, g2, a2, each joining through g1, and a2 also through g2. The crash and leave cases
// test detection, not dissemination: in the Local preset a rumor is handed to only two peers
// per node (RetransmitMult 2 × ⌈log10 5⌉), so the newest node's alive now and then misses a
// peer that learned about it late, which then waits for a push/pull (every 15 s) — seen once
// in CI as "g2 sees a2 as ''" after 15 s. Joining g2 directly makes the precondition certain.
// Returns fewer than four peers when one fails to start (cluster().lastError() says why).
QList<PeerProcess *> TestInteropMembership::startMixedFour()
{
    PeerProcess *g1 = cluster().startGo(QStringLiteral("g1"));
    if (!g1)
        return {};
    const QStringList join{QStringLiteral("--join"), g1->gossipAddress()};
    PeerProcess *a1 = cluster().startGrapevine(QStringLiteral("a1"), join);
    PeerProcess *g2 = cluster().startGo(QStringLiteral("g2"), join);
    if (!a1 || !g2)
        return {};
    PeerProcess *a2 = cluster().startGrapevine(
        QStringLiteral("a2"), join + QStringList{QStringLiteral("--join"), g2->gossipAddress()});
    if (!a2)
        return {};
    return {g1, a1, g2, a2};
}

void TestInteropMembership::crashIsDetectedAcrossImplementations_data()
{
    QTest::addColumn<bool>("killGo");
    QTest::newRow("grapevine node killed, Go detects") << false;
    QTest::newRow("Go node killed, Grapevine detects") << true;
}

void TestInteropMembership::crashIsDetectedAcrossImplementations()
{
    QFETCH(bool, killGo);
    const QList<PeerProcess *> all = startMixedFour();
    QVERIFY2(all.size() == 4, qPrintable(cluster().lastError()));
    PeerProcess *g1 = all[0], *a1 = all[1], *g2 = all[2], *a2 = all[3];
    QVERIFY2(cluster().waitForAlive(all, namesOf(all), kJoinMs),
             qPrintable(cluster().diagnostics()));

    PeerProcess *victim = killGo ? g2 : a2;
    // Go may fail to reach the dead node over TCP (fallback ping, push/pull): expected.
    m_allowedGoErrors << victim->gossipAddress()
                      << QStringLiteral("Push/Pull with %1 failed").arg(victim->name());
    victim->kill9();
    QVERIFY2(cluster().waitForStates({g1, a1}, {victim->name()}, {QStringLiteral("dead")}, kDeadMs),
             qPrintable(cluster().diagnostics()));
    QVERIFY2(cluster().waitForAlive({g1, a1}, {QStringLiteral("g1"), QStringLiteral("a1")}, 1000),
             qPrintable(cluster().diagnostics()));
}

void TestInteropMembership::gracefulLeaveIsSeenAsLeft_data()
{
    QTest::addColumn<bool>("goLeaves");
    QTest::newRow("grapevine leaves, Go sees left") << false;
    QTest::newRow("Go leaves, Grapevine sees left") << true;
}

void TestInteropMembership::gracefulLeaveIsSeenAsLeft()
{
    QFETCH(bool, goLeaves);
    const QList<PeerProcess *> all = startMixedFour();
    QVERIFY2(all.size() == 4, qPrintable(cluster().lastError()));
    PeerProcess *g1 = all[0], *a1 = all[1], *g2 = all[2], *a2 = all[3];
    QVERIFY2(cluster().waitForAlive(all, namesOf(all), kJoinMs),
             qPrintable(cluster().diagnostics()));

    PeerProcess *leaver = goLeaves ? g2 : a2;
    // memberlist 0.2.2 closes its sockets while a reader may still be in a call and then
    // sometimes logs the reader's "use of closed network connection" as [ERR]: a line about
    // its own shutdown, not about anything it received (seen once in six runs).
    if (goLeaves)
        m_allowedGoErrors << QStringLiteral("use of closed network connection");
    QVERIFY2(leaver->terminate(),
             qPrintable(leaver->label() + " did not exit 0 after SIGTERM\n" + leaver->logTail()));
    QVERIFY2(cluster().waitForStates({g1, a1}, {leaver->name()}, {QStringLiteral("left")}, kJoinMs),
             qPrintable(cluster().diagnostics()));
}

void TestInteropMembership::protocolVersionsAndCompressionInteroperate_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<bool>("compress");
    for (int version = 2; version <= 5; ++version) {
        QTest::addRow("protocol %d, compression on", version) << version << true;
        QTest::addRow("protocol %d, compression off", version) << version << false;
    }
}

// Go speaks the given version with or without compression; one Grapevine node is joined
// by Go, another joins through Go (push/pull in that version), then a value crosses over
// in both directions.
void TestInteropMembership::protocolVersionsAndCompressionInteroperate()
{
    QFETCH(int, version);
    QFETCH(bool, compress);
    PeerProcess *a1 = cluster().startGrapevine(QStringLiteral("a1"));
    QVERIFY2(a1, qPrintable(cluster().lastError()));
    QStringList goArgs{QStringLiteral("--join"), a1->gossipAddress(),
                       QStringLiteral("--protocol-version"), QString::number(version)};
    if (!compress)
        goArgs << QStringLiteral("--no-compress");
    PeerProcess *g1 = cluster().startGo(QStringLiteral("g1"), goArgs);
    QVERIFY2(g1, qPrintable(cluster().lastError()));
    PeerProcess *a2 = cluster().startGrapevine(QStringLiteral("a2"),
                                               {QStringLiteral("--join"), g1->gossipAddress()});
    QVERIFY2(a2, qPrintable(cluster().lastError()));
    const QList<PeerProcess *> all{a1, g1, a2};
    QVERIFY2(cluster().waitForAlive(all, namesOf(all), kJoinMs),
             qPrintable(cluster().diagnostics()));

    const QString fromGrapevine = QStringLiteral("v%1-from-a1").arg(version);
    QVERIFY(a1->set(fromGrapevine));
    QVERIFY2(g1->waitForEvent(
                 [&](const QJsonObject &e) {
                     return e[QStringLiteral("ev")] == QStringLiteral("value") &&
                            e[QStringLiteral("value")] == fromGrapevine;
                 },
                 kJoinMs),
             qPrintable(cluster().diagnostics()));
    const QString fromGo = QStringLiteral("v%1-from-g1").arg(version);
    QVERIFY(g1->set(fromGo));
    QVERIFY2(waitUntil([&] { return a2->value()[QStringLiteral("value")].toString() == fromGo; },
                       kJoinMs),
             qPrintable(cluster().diagnostics()));
}

GRAPEVINE_INTEROP_MAIN(TestInteropMembership)
#include "tst_interop_membership.moc"
