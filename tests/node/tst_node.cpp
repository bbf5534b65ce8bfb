// Whole Nodes on real sockets (127.0.0.1) in one process: join, agree, share a value,
// survive a restart, and explain failed joins in plain words.
#include "core/node/node.h"
#include "tests/support/free_port.h"
#include "tests/support/local_nodes.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace grapevine;
using grapevine::testing::aliveMembers;
using grapevine::testing::LocalNodes;

namespace {
constexpr int kWaitMs = 10000;
// Usually a's gossip tells b about c at once. But with `local`'s RetransmitMult 2, the two
// transmissions of c's alive can both go to c (a piggybacked ack and a gossip tick), as in
// memberlist; then b learns c at its next push/pull (PushPullInterval 15 s, the first at a
// random offset within it), which is the bound agreement is guaranteed by — plus margin,
// never exactly the interval.
constexpr int kFormMs = 25'000;

QString storedValue(const Node &node)
{
    return node.value().value;
}

// What a failed wait saw: "a alive, b left".
QString membersText(const Node &node)
{
    QStringList parts;
    for (const MemberSnapshot &m : node.members())
        parts << m.name + QLatin1Char(' ') + memberStateName(m.state);
    return parts.join(QStringLiteral(", "));
}

using grapevine::testing::freePort;
} // namespace

class TstNode : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void threeNodesJoinAndAgree();
    void joinResolvesHostNames();
    void valueSetOnOneAppearsOnAll();
    void restartKeepsValueAndClock();
    void refusedJoinIsExplained();
    void wrongKeyJoinIsExplained();
    void badKeySizeFailsStart();
    void portInUseFailsStart();
    void defaultNameIsHostnameDashPort();
    void joinListIsRetriedUntilAPeerAnswers();
    void valueOverTheLimitIsRefused();
    void gracefulLeaveShowsAsLeftOnPeers();
    void tracedPacketsNameTheirPeer();
    void incomingStreamRowsNameTheirSender();
    void statsCountTrafficAndHealth();

private:
    static QString hostPort(const Node &node) { return node.address(); }

    std::unique_ptr<LocalNodes> m_nodes;
};

void TstNode::init()
{
    m_nodes = std::make_unique<LocalNodes>();
    QVERIFY(m_nodes->isValid());
}

void TstNode::cleanup()
{
    m_nodes.reset();
}

void TstNode::threeNodesJoinAndAgree()
{
    Node &a = m_nodes->start("a");
    Node &b = m_nodes->start("b");
    Node &c = m_nodes->start("c");
    QSignalSpy joinedB(&b, &Node::joinFinished);
    QSignalSpy joinedC(&c, &Node::joinFinished);
    b.join(hostPort(a));
    c.join(hostPort(a));
    QTRY_COMPARE_WITH_TIMEOUT(joinedB.count(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(joinedC.count(), 1, kWaitMs);
    QVERIFY(joinedB.at(0).at(0).value<JoinResult>().ok);
    for (Node *node : {&a, &b, &c})
        QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(*node), 3, kFormMs);
}

void TstNode::joinResolvesHostNames()
{
    Node &a = m_nodes->start("a");
    Node &b = m_nodes->start("b");
    QSignalSpy joined(&b, &Node::joinFinished);
    const QString port = a.address().section(':', -1);
    b.join(QStringLiteral("localhost:") + port); // resolved asynchronously (QHostInfo)
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kWaitMs);
    const auto result = joined.at(0).at(0).value<JoinResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.target, QStringLiteral("localhost:") + port);
    QCOMPARE(result.members, 2);
}

void TstNode::valueSetOnOneAppearsOnAll()
{
    Node &a = m_nodes->start("a");
    Node &b = m_nodes->start("b");
    Node &c = m_nodes->start("c");
    b.join(hostPort(a));
    c.join(hostPort(a));
    for (Node *node : {&a, &b, &c}) // as in threeNodesJoinAndAgree: may take a push/pull
        QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(*node), 3, kFormMs);
    QSignalSpy convergence(&b, &Node::convergenceChanged);
    QSignalSpy changedOnC(&c, &Node::valueChanged);
    QString error;
    QVERIFY2(b.setValue(QStringLiteral("grapes"), &error), qPrintable(error));
    QCOMPARE(storedValue(b), QStringLiteral("grapes")); // applied locally first
    QTRY_COMPARE_WITH_TIMEOUT(storedValue(a), QStringLiteral("grapes"), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(storedValue(c), QStringLiteral("grapes"), kWaitMs);
    QCOMPARE(c.value().version.origin, QStringLiteral("b"));
    QVERIFY(changedOnC.count() >= 1);
    const auto lastReport = [&convergence] {
        if (convergence.isEmpty())
            return QStringLiteral("no convergence report");
        const auto r = convergence.last().at(0).value<ConvergenceReport>();
        return QStringLiteral("last report: %1/%2 members, complete %3")
            .arg(r.reached)
            .arg(r.total)
            .arg(r.complete);
    };
    QTRY_VERIFY2_WITH_TIMEOUT(!convergence.isEmpty() &&
                                  convergence.last().at(0).value<ConvergenceReport>().complete,
                              qPrintable(lastReport()), kWaitMs);
    const auto report = convergence.last().at(0).value<ConvergenceReport>();
    QCOMPARE(report.reached, 3);
    QCOMPARE(report.total, 3);
}

void TstNode::restartKeepsValueAndClock()
{
    NodeOptions options = m_nodes->options("keeper");
    quint64 lamport = 0;
    {
        Node first(options);
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        QVERIFY(first.setValue(QStringLiteral("one")));
        QVERIFY(first.setValue(QStringLiteral("two")));
        lamport = first.value().version.lamport;
    }
    Node second(options);
    QString error;
    QVERIFY2(second.start(&error), qPrintable(error));
    QCOMPARE(storedValue(second), QStringLiteral("two"));
    QCOMPARE(second.value().version.lamport, lamport);
    QVERIFY(second.setValue(QStringLiteral("three")));
    QCOMPARE(second.value().version.lamport, lamport + 1);
}

void TstNode::refusedJoinIsExplained()
{
    Node &a = m_nodes->start("a");
    const quint16 closed = freePort();
    QSignalSpy joined(&a, &Node::joinFinished);
    a.join(QStringLiteral("127.0.0.1:%1").arg(closed));
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kWaitMs);
    const auto result = joined.at(0).at(0).value<JoinResult>();
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QStringLiteral("TCP connection refused by 127.0.0.1:%1").arg(closed));
}

void TstNode::wrongKeyJoinIsExplained()
{
    NodeOptions optionsA = m_nodes->options("a");
    optionsA.keys = {QByteArray(16, 'a')};
    NodeOptions optionsB = m_nodes->options("b");
    optionsB.keys = {QByteArray(16, 'b')};
    Node &a = m_nodes->start("a", optionsA);
    Node &b = m_nodes->start("b", optionsB);
    QSignalSpy joined(&b, &Node::joinFinished);
    b.join(hostPort(a));
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kWaitMs);
    const auto result = joined.at(0).at(0).value<JoinResult>();
    QVERIFY(!result.ok);
    QVERIFY2(result.error.startsWith(QLatin1String("wrong encryption key or label")),
             qPrintable(result.error));
}

void TstNode::badKeySizeFailsStart()
{
    NodeOptions options = m_nodes->options("k");
    options.keys = {QByteArray(16, 'x'), QByteArray(20, 'y')};
    Node node(options);
    QString error;
    QVERIFY(!node.start(&error));
    QCOMPARE(error, QStringLiteral("key 2 is 20 bytes; AES keys must be 16, 24 or 32 bytes"));
}

void TstNode::portInUseFailsStart()
{
    Node &a = m_nodes->start("a");
    NodeOptions options = m_nodes->options("b");
    options.bindPort = static_cast<quint16>(a.address().section(':', -1).toUInt());
    Node b(options);
    QString error;
    QVERIFY(!b.start(&error));
    QCOMPARE(error, QStringLiteral("port %1 is in use (UDP) on 127.0.0.1").arg(options.bindPort));
}

void TstNode::defaultNameIsHostnameDashPort()
{
    NodeOptions options = m_nodes->options("");
    options.name.clear();
    Node node(options);
    QString error;
    QVERIFY2(node.start(&error), qPrintable(error));
    QVERIFY2(node.name().endsWith("-" + node.address().section(':', -1)), qPrintable(node.name()));
}

void TstNode::joinListIsRetriedUntilAPeerAnswers()
{
    const quint16 port = freePort();
    NodeOptions late = m_nodes->options("late");
    late.joins = {QStringLiteral("127.0.0.1:%1").arg(port)};
    Node &b = m_nodes->start("b", late);
    QSignalSpy retries(&b, &Node::logged);
    QSignalSpy joins(&b, &Node::joinFinished);
    QTRY_VERIFY2_WITH_TIMEOUT(joins.count() >= 1, "b reported no join result", kWaitMs);
    QVERIFY(!joins.at(0).at(0).value<JoinResult>().ok);
    NodeOptions seed = m_nodes->options("seed");
    seed.bindPort = port;
    Node &a = m_nodes->start("seed", seed);
    QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(a), 2, 3 * kWaitMs);
    QVERIFY(joins.last().at(0).value<JoinResult>().ok);
    bool sawRetry = false;
    for (const auto &line : retries)
        sawRetry |= line.at(0).toString().contains(QLatin1String("retrying in"));
    QVERIFY(sawRetry);
}

void TstNode::valueOverTheLimitIsRefused()
{
    Node &a = m_nodes->start("a");
    QString error;
    QVERIFY(!a.setValue(QString(a.maxValueBytes() + 1, QLatin1Char('v')), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(a.setValue(QString(a.maxValueBytes(), QLatin1Char('v')), &error));
}

void TstNode::gracefulLeaveShowsAsLeftOnPeers()
{
    Node &a = m_nodes->start("a");
    Node &b = m_nodes->start("b");
    b.join(hostPort(a));
    QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(a), 2, kWaitMs);
    QSignalSpy changes(&a, &Node::memberChanged);
    QSignalSpy left(&b, &Node::leaveFinished);
    b.leave();
    QTRY_COMPARE_WITH_TIMEOUT(left.count(), 1, kWaitMs);
    QTRY_VERIFY2_WITH_TIMEOUT(
        std::any_of(changes.cbegin(), changes.cend(),
                    [](const auto &args) {
                        const auto m = args.at(1).template value<MemberSnapshot>();
                        return args.at(0).template value<MemberChange>() == MemberChange::Left &&
                               m.name == QLatin1String("b") && m.state == MemberState::Left;
                    }),
        qPrintable(QStringLiteral("no 'b left' change on a, whose members are: ") + membersText(a)),
        kWaitMs);
}

void TstNode::tracedPacketsNameTheirPeer()
{
    Node &a = m_nodes->start("a");
    Node &b = m_nodes->start("b");
    a.setTracing(true);
    QSignalSpy traces(&a, &Node::packetTraced);
    b.join(hostPort(a));
    QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(a), 2, kWaitMs);
    // Once b is a member, a's probes and acks to it carry its name.
    QTRY_VERIFY2_WITH_TIMEOUT(
        std::any_of(traces.cbegin(), traces.cend(),
                    [](const auto &args) {
                        const auto t = args.at(0).template value<PacketTrace>();
                        return t.peerName == QLatin1String("b") && !t.raw.isEmpty() &&
                               !t.messages.isEmpty();
                    }),
        qPrintable(QStringLiteral("none of a's %1 traced packets names b").arg(traces.count())),
        kWaitMs);
    const auto first = traces.at(0).at(0).value<PacketTrace>();
    QCOMPARE(first.channel, TraceChannel::Tcp); // the join's push/pull comes first
    QCOMPARE(first.messages.at(0).type, wire::MessageType::PushPull);
}

// Issue #17 defect 12: b's join arrives over a TCP stream from an ephemeral port, which no
// member advertises; its push/pull lists b alone, so the row and a's reply name b.
void TstNode::incomingStreamRowsNameTheirSender()
{
    Node &a = m_nodes->start("a");
    Node &b = m_nodes->start("b");
    a.setTracing(true);
    QSignalSpy traces(&a, &Node::packetTraced);
    b.join(hostPort(a));
    QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(a), 2, kWaitMs);
    QTRY_VERIFY2_WITH_TIMEOUT(traces.size() >= 2,
                              qPrintable(QStringLiteral("%1 traced packets").arg(traces.size())),
                              kWaitMs);
    const auto request = traces.at(0).at(0).value<PacketTrace>();
    const auto reply = traces.at(1).at(0).value<PacketTrace>();
    QCOMPARE(request.channel, TraceChannel::Tcp);
    QCOMPARE(request.direction, Direction::In);
    QVERIFY2(request.peer != hostPort(b), qPrintable(request.peer)); // an ephemeral port
    QCOMPARE(request.peerName, QStringLiteral("b"));
    QCOMPARE(reply.direction, Direction::Out);
    QCOMPARE(reply.peer, request.peer);
    QCOMPARE(reply.peerName, QStringLiteral("b"));
}

void TstNode::statsCountTrafficAndHealth()
{
    Node &a = m_nodes->start("a");
    Node &b = m_nodes->start("b");
    b.join(hostPort(a));
    QTRY_COMPARE_WITH_TIMEOUT(aliveMembers(b), 2, kWaitMs);
    const auto udpOutPackets = [&b] {
        return b.stats().traffic.value_or(net::TrafficCounters{}).udpOut.packets;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(udpOutPackets() > 0, "b counted no UDP packet out", kWaitMs);
    const NodeStats stats = b.stats();
    QVERIFY(stats.running);
    QCOMPARE(stats.running->health, 0);
    QCOMPARE(stats.running->membersAlive, 2);
    // b's join is a push/pull; b's periodic one may follow at any time (its first tick is
    // staggered at random within the 15 s interval, as memberlist staggers it). So count that
    // b sent at least one and that a counted every one b sent.
    const auto pushPulls = [](const Node &node, Direction direction) {
        const net::TrafficCounters traffic = node.stats().traffic.value_or(net::TrafficCounters{});
        const net::TrafficSide &side = direction == Direction::In ? traffic.tcpIn : traffic.tcpOut;
        return side.messages.value(wire::MessageType::PushPull);
    };
    QVERIFY(pushPulls(b, Direction::Out) >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(pushPulls(a, Direction::In), pushPulls(b, Direction::Out), kWaitMs);
}

QTEST_GUILESS_MAIN(TstNode)
#include "tst_node.moc"
