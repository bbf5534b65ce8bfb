// The join path of whole Nodes on 127.0.0.1: a join with oneself or with the other IP family
// is refused with the reason, a join in flight can be cancelled (and its late answer is not
// merged), leave -> join is a normal path, several targets join at once, a conflict over
// the node's own name is reported as such and ends, and value packets are decoded.
#include "core/node/node.h"
#include "tests/support/free_port.h"
#include "tests/support/local_nodes.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace grapevine;
using grapevine::testing::aliveMembers;
using grapevine::testing::LocalNodes;

namespace {
constexpr int kWaitMs = 10000;
// What only a periodic push/pull settles: two intervals of the local profile (15 s each).
constexpr int kPushPullWaitMs = 30000;

// The leaver's leave reached `node`: `name` there is left, or already another address's
// (memberlist lets a live node with the same name take over a left one at once).
bool leftOrTakenOver(const Node &node, const QString &name, const QString &leaverAddress)
{
    for (const MemberSnapshot &m : node.members()) {
        if (m.name == name)
            return m.state == MemberState::Left ||
                   QStringLiteral("%1:%2").arg(m.address).arg(m.port) != leaverAddress;
    }
    return false;
}

MemberState stateOf(const Node &node, const QString &name)
{
    for (const MemberSnapshot &m : node.members()) {
        if (m.name == name)
            return m.state;
    }
    return MemberState::Dead;
}

// What a failed wait saw: "seed alive, twin left (127.0.0.1:5000)".
QString membersText(const Node &node)
{
    QStringList parts;
    for (const MemberSnapshot &m : node.members())
        parts << QStringLiteral("%1 %2 (%3:%4)")
                     .arg(m.name, memberStateName(m.state), m.address)
                     .arg(m.port);
    return parts.join(QStringLiteral(", "));
}

JoinResult lastJoin(const QSignalSpy &spy)
{
    return spy.last().at(0).value<JoinResult>();
}
} // namespace

class TstNodeJoin : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void joiningOwnAddressIsRefusedAndSaysSo();
    void ownAddressAmongOthersIsSkipped();
    void ipv6SeedForAnIpv4NodeSaysWhy();
    void aCancelledJoinReportsAtOnceAndIsNotMerged();
    void leaveThenJoinRejoins();
    void setAndSyncAreRefusedWhileOut();
    void joinResultNamesTheNodesReached();
    void namePrefixNamesEveryNodeApart();
    void nameConflictIsReportedAsConflictAndEnds();
    void valuePacketsAreDecoded();

private:
    std::unique_ptr<LocalNodes> m_nodes;
};

void TstNodeJoin::init()
{
    m_nodes = std::make_unique<LocalNodes>();
    QVERIFY(m_nodes->isValid());
}

void TstNodeJoin::cleanup()
{
    m_nodes.reset();
}

void TstNodeJoin::joiningOwnAddressIsRefusedAndSaysSo()
{
    Node &a = m_nodes->start(QStringLiteral("a"));
    QSignalSpy joined(&a, &Node::joinFinished);
    a.join(a.address());
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kWaitMs);
    const JoinResult result = lastJoin(joined);
    QVERIFY(!result.ok);
    QCOMPARE(result.outcome, JoinOutcome::OwnAddress);
    QVERIFY2(result.error.contains(QStringLiteral("own address")), qPrintable(result.error));
    // The same node through another local name for it.
    a.join(QStringLiteral("localhost:") + a.address().section(QLatin1Char(':'), -1));
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 2, kWaitMs);
    QCOMPARE(lastJoin(joined).outcome, JoinOutcome::OwnAddress);
}

void TstNodeJoin::ownAddressAmongOthersIsSkipped()
{
    Node &a = m_nodes->start(QStringLiteral("a"));
    Node &b = m_nodes->start(QStringLiteral("b"));
    QSignalSpy joined(&b, &Node::joinFinished);
    b.joinAll({b.address(), a.address()});
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kWaitMs);
    const JoinResult result = lastJoin(joined);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.outcome, JoinOutcome::Joined);
    QCOMPARE(result.members, 2);
}

void TstNodeJoin::ipv6SeedForAnIpv4NodeSaysWhy()
{
    Node &a = m_nodes->start(QStringLiteral("a")); // bound to 127.0.0.1
    QSignalSpy joined(&a, &Node::joinFinished);
    a.join(QStringLiteral("[::1]:%1").arg(testing::freePort()));
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kWaitMs);
    const JoinResult result = lastJoin(joined);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("IPv4 only")), qPrintable(result.error));
    QVERIFY2(!result.error.contains(QStringLiteral("refused")), qPrintable(result.error));
}

void TstNodeJoin::aCancelledJoinReportsAtOnceAndIsNotMerged()
{
    // A peer whose TCP port accepts but never answers: the join would wait for its timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, testing::freePort()));
    Node &a = m_nodes->start(QStringLiteral("a"));
    QSignalSpy joined(&a, &Node::joinFinished);
    a.join(QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()));
    QTRY_VERIFY2_WITH_TIMEOUT(silent.hasPendingConnections(),
                              "a's join never connected to the silent server", kWaitMs);
    QCOMPARE(joined.count(), 0);
    a.cancelJoin();
    QCOMPARE(joined.count(), 1); // at once, not after the timeout
    QCOMPARE(lastJoin(joined).outcome, JoinOutcome::Cancelled);
    // The peer hangs up: the stream now fails within milliseconds on loopback, and that late
    // end of the cancelled join must not report a second result.
    silent.nextPendingConnection()->abort();
    QVERIFY(!joined.wait(500)); // no second result within a bound far above loopback's
    QCOMPARE(joined.count(), 1);
    QCOMPARE(aliveMembers(a), 1);
}

void TstNodeJoin::leaveThenJoinRejoins()
{
    Node &a = m_nodes->start(QStringLiteral("a"));
    Node &b = m_nodes->start(QStringLiteral("b"));
    b.join(a.address());
    QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(a), 2, kWaitMs);
    QSignalSpy left(&b, &Node::leaveFinished);
    b.leave();
    QTRY_COMPARE_WITH_TIMEOUT(left.count(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(a, QStringLiteral("b")), MemberState::Left, kWaitMs);

    QSignalSpy joined(&b, &Node::joinFinished);
    b.join(a.address());
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kWaitMs);
    QVERIFY2(lastJoin(joined).ok, qPrintable(lastJoin(joined).error));
    // b refutes the "left" a remembers with a higher incarnation: alive again on both sides.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(a, QStringLiteral("b")), MemberState::Alive, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(b), 2, kWaitMs);
    QString error;
    QVERIFY2(b.setValue(QStringLiteral("back again"), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(a.value().value, QStringLiteral("back again"), kWaitMs);
}

void TstNodeJoin::setAndSyncAreRefusedWhileOut()
{
    Node &a = m_nodes->start(QStringLiteral("a"));
    QSignalSpy left(&a, &Node::leaveFinished);
    a.leave();
    QTRY_COMPARE_WITH_TIMEOUT(left.count(), 1, kWaitMs);
    QString error;
    QVERIFY(!a.setValue(QStringLiteral("nobody hears"), &error));
    QVERIFY2(error.contains(QStringLiteral("left the cluster")), qPrintable(error));
}

void TstNodeJoin::joinResultNamesTheNodesReached()
{
    Node &a = m_nodes->start(QStringLiteral("alpha"));
    Node &b = m_nodes->start(QStringLiteral("beta"));
    QSignalSpy joined(&b, &Node::joinFinished);
    b.join(a.address());
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kWaitMs);
    QCOMPARE(lastJoin(joined).peerNames, QStringList{QStringLiteral("alpha")});
}

void TstNodeJoin::namePrefixNamesEveryNodeApart()
{
    NodeOptions first = m_nodes->options(QString());
    first.name.clear();
    first.namePrefix = QStringLiteral("lab");
    NodeOptions second = first;
    second.dataDir = m_nodes->options(QStringLiteral("second")).dataDir;
    Node &a = m_nodes->start(QStringLiteral("first"), first);
    Node &b = m_nodes->start(QStringLiteral("second"), second);
    QCOMPARE(a.name(), QStringLiteral("lab-") + a.address().section(QLatin1Char(':'), -1));
    QCOMPARE(b.name(), QStringLiteral("lab-") + b.address().section(QLatin1Char(':'), -1));
    QVERIFY(a.name() != b.name());
}

void TstNodeJoin::nameConflictIsReportedAsConflictAndEnds()
{
    Node &seed = m_nodes->start(QStringLiteral("seed"));
    Node &original = m_nodes->start(QStringLiteral("twin"));
    NodeOptions options = m_nodes->options(QStringLiteral("twin"));
    options.dataDir = m_nodes->options(QStringLiteral("twin-2")).dataDir;
    Node &impostor = m_nodes->start(QStringLiteral("twin"), options);
    original.join(seed.address());
    QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(seed), 2, kWaitMs);

    QSignalSpy conflicts(&impostor, &Node::nameConflictChanged);
    QSignalSpy joined(&impostor, &Node::joinFinished);
    impostor.join(seed.address());
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kWaitMs);
    const JoinResult result = lastJoin(joined);
    QVERIFY(!result.ok);
    QCOMPARE(result.outcome, JoinOutcome::NameConflict);
    QVERIFY2(result.error.contains(original.address()), qPrintable(result.error));
    QTRY_VERIFY2_WITH_TIMEOUT(!conflicts.isEmpty(), "the impostor reported no name conflict",
                              kWaitMs);
    const auto report = conflicts.last().at(0).value<NameConflictReport>();
    QVERIFY(report.active);
    QVERIFY(report.impostor);
    QCOMPARE(report.otherAddress, original.address());

    // The original leaves; the next push/pull carries no conflict: it is over.
    QSignalSpy left(&original, &Node::leaveFinished);
    original.leave();
    QTRY_COMPARE_WITH_TIMEOUT(left.count(), 1, kWaitMs);
    QTRY_VERIFY2_WITH_TIMEOUT(leftOrTakenOver(seed, QStringLiteral("twin"), original.address()),
                              qPrintable(QStringLiteral("the original twin (%1) left; seed has: %2")
                                             .arg(original.address(), membersText(seed))),
                              kWaitMs);
    // The impostor's own sync needs a live member in its table; otherwise the seed's next
    // periodic push/pull to the name's new holder ends it (11.4 s once, under load).
    impostor.syncNow();
    QTRY_VERIFY2_WITH_TIMEOUT(
        !conflicts.last().at(0).value<NameConflictReport>().active,
        qPrintable(QStringLiteral("the conflict is still active (%1 reports); seed has: %2")
                       .arg(conflicts.count())
                       .arg(membersText(seed))),
        kPushPullWaitMs);
}

void TstNodeJoin::valuePacketsAreDecoded()
{
    Node &a = m_nodes->start(QStringLiteral("a"));
    Node &b = m_nodes->start(QStringLiteral("b"));
    b.setTracing(true);
    QSignalSpy traces(&b, &Node::packetTraced);
    b.join(a.address());
    QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(a), 2, kWaitMs);
    QString error;
    QVERIFY(a.setValue(QStringLiteral("grapes are ripe"), &error));
    auto hasDecodedValue = [&traces] {
        for (const QList<QVariant> &args : traces) {
            const auto trace = args.at(0).value<PacketTrace>();
            for (const TracedMessage &m : trace.messages) {
                if (m.type == wire::MessageType::User &&
                    m.summary.contains(QStringLiteral("value=\"grapes are ripe\"")) &&
                    m.summary.contains(QStringLiteral("origin=a")))
                    return true;
            }
        }
        return false;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(
        hasDecodedValue(),
        qPrintable(QStringLiteral("no user message with the value among b's %1 traced packets")
                       .arg(traces.count())),
        kWaitMs);
    // Push/pull: per-node entries and the user state's value in the details fields.
    b.syncNow();
    auto hasPushPullTree = [&traces] {
        for (const QList<QVariant> &args : traces) {
            for (const TracedMessage &m : args.at(0).value<PacketTrace>().messages) {
                if (m.type != wire::MessageType::PushPull)
                    continue;
                bool node = false;
                bool value = false;
                for (const TracedField &f : m.fields) {
                    node =
                        node || (f.name == QLatin1String("node") && f.value == QLatin1String("a"));
                    value = value || (f.name == QLatin1String("value") &&
                                      f.value == QLatin1String("grapes are ripe"));
                }
                if (node && value)
                    return true;
            }
        }
        return false;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(
        hasPushPullTree(),
        qPrintable(QStringLiteral("no push/pull with node a and the value among b's %1 traces")
                       .arg(traces.count())),
        kWaitMs);
}

QTEST_MAIN(TstNodeJoin)
#include "tst_node_join.moc"
