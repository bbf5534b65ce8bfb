// tst_interop_values.cpp — the shared value across implementations: raw user messages from
// Go over UDP and TCP, Grapevine's envelope reaching Go, push/pull user state to a late
// joiner on either side, the classic plain-text example (Go --plain, Grapevine
// --plain-values), and encryption: the same key joins and exchanges values; a different
// key or no key keeps the stranger out. Every case also fails on any unexpected "[ERR]"
// line in a Go peer's log.
#include "interop_test_base.h"

#include <QElapsedTimer>
#include <QUrl>

using namespace grapevine::interop;

namespace {

// Agreement after a join can wait for one push/pull (every 15 s in `local`, the first at a
// random offset within it) when gossip missed a member: never wait exactly that long.
constexpr int kJoinMs = 25000;
constexpr int kValueMs = 10000;
// AES keys (base64): two different 128-bit ones and a 256-bit one.
const QString kKeyA = QStringLiteral("AAECAwQFBgcICQoLDA0ODw==");
const QString kKeyB = QStringLiteral("EBESExQVFhcYGRobHB0eHw==");

auto valueEvent(const QString &value, const QString &via = {})
{
    return [value, via](const QJsonObject &e) {
        return e[QStringLiteral("ev")] == QStringLiteral("value") &&
               e[QStringLiteral("value")] == value &&
               (via.isEmpty() || e[QStringLiteral("via")] == via);
    };
}

bool holds(PeerProcess *peer, const QString &value)
{
    return waitUntil([&] { return peer->value()[QStringLiteral("value")].toString() == value; },
                     kValueMs);
}

QStringList keyArgs(const QString &key)
{
    return key.isEmpty() ? QStringList{} : QStringList{QStringLiteral("--key"), key};
}

} // namespace

class TestInteropValues : public InteropTestBase {
    Q_OBJECT
private slots:
    void userMessageFromGoBecomesTheValue_data();
    void userMessageFromGoBecomesTheValue();
    void grapevineValueReachesGoAsEnvelope();
    void lateGrapevineJoinerGetsGoStateByPushPull();
    void lateGoJoinerGetsGrapevineStateByPushPull();
    void plainGoSetAppearsInGrapevine();
    void plainValuesFromGrapevineAppearInPlainGo();
    void plainGoValueCrossesAChainedMixedCluster();
    void sameKeyJoinsAndExchangesValues();
    void wrongOrMissingKeyKeepsStrangersOut_data();
    void wrongOrMissingKeyKeepsStrangersOut();

private:
    // g1 (Go, extra args) and a1 (Grapevine, extra args, joins g1), both seeing each other.
    bool startPair(const QStringList &goArgs, const QStringList &grapevineArgs);
    PeerProcess *m_go = nullptr;
    PeerProcess *m_grapevine = nullptr;
};

bool TestInteropValues::startPair(const QStringList &goArgs, const QStringList &grapevineArgs)
{
    m_go = cluster().startGo(QStringLiteral("g1"), goArgs);
    if (!m_go)
        return false;
    m_grapevine = cluster().startGrapevine(
        QStringLiteral("a1"),
        QStringList{QStringLiteral("--join"), m_go->gossipAddress()} + grapevineArgs);
    return m_grapevine &&
           cluster().waitForAlive({m_go, m_grapevine}, {QStringLiteral("g1"), QStringLiteral("a1")},
                                  kJoinMs);
}

void TestInteropValues::userMessageFromGoBecomesTheValue_data()
{
    QTest::addColumn<bool>("reliable");
    QTest::newRow("UDP (SendBestEffort)") << false;
    QTest::newRow("TCP (SendReliable)") << true;
}

// A raw user message is what a plain memberlist program sends: Grapevine applies it.
void TestInteropValues::userMessageFromGoBecomesTheValue()
{
    QFETCH(bool, reliable);
    QVERIFY2(startPair({}, {}), qPrintable(cluster().lastError() + cluster().diagnostics()));
    const QString text = reliable ? QStringLiteral("over tcp ✓") : QStringLiteral("over udp ✓");
    const HttpReply sent = m_go->get(QStringLiteral("/v1/send?node=a1&reliable=%1&msg=%2")
                                         .arg(reliable ? 1 : 0)
                                         .arg(QString::fromLatin1(QUrl::toPercentEncoding(text))));
    QVERIFY2(sent.ok && sent.status == 200, sent.body.constData());
    QVERIFY2(holds(m_grapevine, text), qPrintable(cluster().diagnostics()));
}

// Grapevine's own value travels as its envelope (C1 'G' 'V' 01 …); the Go peer decodes it
// and must see Grapevine's version (lamport 1, origin a1).
void TestInteropValues::grapevineValueReachesGoAsEnvelope()
{
    QVERIFY2(startPair({}, {}), qPrintable(cluster().lastError() + cluster().diagnostics()));
    QVERIFY(m_grapevine->set(QStringLiteral("from grapevine")));
    QVERIFY2(m_go->waitForEvent(
                 [](const QJsonObject &e) {
                     return e[QStringLiteral("ev")] == QStringLiteral("user") &&
                            e[QStringLiteral("hex")].toString().startsWith(
                                QStringLiteral("c1475601"));
                 },
                 kValueMs),
             qPrintable(cluster().diagnostics()));
    QVERIFY2(m_go->waitForEvent(
                 [](const QJsonObject &e) {
                     return valueEvent(QStringLiteral("from grapevine"),
                                       QStringLiteral("msg"))(e) &&
                            e[QStringLiteral("origin")] == QStringLiteral("a1") &&
                            e[QStringLiteral("lamport")].toInt() == 1;
                 },
                 kValueMs),
             qPrintable(cluster().diagnostics()));
}

// Go sets before Grapevine exists; the join's push/pull carries Go's state (an envelope
// with Go's version: lamport 1, origin g1), which no user message can produce.
void TestInteropValues::lateGrapevineJoinerGetsGoStateByPushPull()
{
    PeerProcess *g1 = cluster().startGo(QStringLiteral("g1"));
    QVERIFY2(g1, qPrintable(cluster().lastError()));
    QVERIFY(g1->set(QStringLiteral("set before you came")));
    PeerProcess *a1 = cluster().startGrapevine(QStringLiteral("a1"),
                                               {QStringLiteral("--join"), g1->gossipAddress()});
    QVERIFY2(a1, qPrintable(cluster().lastError()));
    QVERIFY2(a1->waitForEvent(
                 [](const QJsonObject &e) {
                     return valueEvent(QStringLiteral("set before you came"))(e) &&
                            e[QStringLiteral("origin")] == QStringLiteral("g1") &&
                            e[QStringLiteral("lamport")].toInt() == 1;
                 },
                 kJoinMs),
             qPrintable(cluster().diagnostics()));
}

void TestInteropValues::lateGoJoinerGetsGrapevineStateByPushPull()
{
    PeerProcess *a1 = cluster().startGrapevine(QStringLiteral("a1"));
    QVERIFY2(a1, qPrintable(cluster().lastError()));
    QVERIFY(a1->set(QStringLiteral("waiting for go")));
    PeerProcess *g1 =
        cluster().startGo(QStringLiteral("g1"), {QStringLiteral("--join"), a1->gossipAddress()});
    QVERIFY2(g1, qPrintable(cluster().lastError()));
    // The join's push/pull state itself, as Go's MergeRemoteState received it. Not the
    // value event: a1 also gossips the value to g1 as soon as it knows g1, and on a loaded
    // machine that UDP message can be applied first, after which the state is not newer.
    const QString valueHex = QString::fromLatin1(QByteArrayLiteral("waiting for go").toHex());
    QVERIFY2(g1->waitForEvent(
                 [&](const QJsonObject &e) {
                     return e[QStringLiteral("ev")] == QStringLiteral("state") &&
                            e[QStringLiteral("join")].toBool() &&
                            e[QStringLiteral("hex")].toString().contains(valueHex);
                 },
                 kJoinMs),
             qPrintable(cluster().diagnostics()));
    QVERIFY2(holds(g1, QStringLiteral("waiting for go")), qPrintable(cluster().diagnostics()));
}

// The classic example: a set only broadcasts raw text.
void TestInteropValues::plainGoSetAppearsInGrapevine()
{
    QVERIFY2(startPair({QStringLiteral("--plain")}, {}),
             qPrintable(cluster().lastError() + cluster().diagnostics()));
    QVERIFY(m_go->set(QStringLiteral("classic hello")));
    QVERIFY2(holds(m_grapevine, QStringLiteral("classic hello")),
             qPrintable(cluster().diagnostics()));
}

// With --plain-values Grapevine also sends raw text, which a plain program applies (the
// plain Go peer ignores the envelope, as it is not text).
void TestInteropValues::plainValuesFromGrapevineAppearInPlainGo()
{
    QVERIFY2(startPair({QStringLiteral("--plain")}, {QStringLiteral("--plain-values")}),
             qPrintable(cluster().lastError() + cluster().diagnostics()));
    QVERIFY(m_grapevine->set(QStringLiteral("plain from grapevine")));
    QVERIFY2(
        m_go->waitForEvent(
            valueEvent(QStringLiteral("plain from grapevine"), QStringLiteral("msg")), kValueMs),
        qPrintable(cluster().diagnostics()));
    QVERIFY2(holds(m_go, QStringLiteral("plain from grapevine")),
             qPrintable(cluster().diagnostics()));
}

// Issue 14: g1 <- a1 <- g2 <- a2 <- g3 <- a3, each joining the one before; the Go nodes are
// the classic example with relaying (--plain --relay: raw text only, no state), the
// Grapevine agents run --plain-values. A value set on g2 reaches every node within 2 s
// (20 gossip intervals of the local profile), through Grapevine's plain copies, not by the
// Go nodes' own push/pull (every 15 s, and --plain carries no state).
void TestInteropValues::plainGoValueCrossesAChainedMixedCluster()
{
    const QStringList goArgs{QStringLiteral("--plain"), QStringLiteral("--relay")};
    const QStringList grapevineArgs{QStringLiteral("--plain-values")};
    QList<PeerProcess *> chain;
    QStringList names;
    for (int i = 1; i <= 3; ++i) {
        const QStringList joinGo =
            chain.isEmpty() ? QStringList{}
                            : QStringList{QStringLiteral("--join"), chain.back()->gossipAddress()};
        PeerProcess *g = cluster().startGo(QStringLiteral("g%1").arg(i), goArgs + joinGo);
        QVERIFY2(g, qPrintable(cluster().lastError()));
        chain << g;
        PeerProcess *a = cluster().startGrapevine(
            QStringLiteral("a%1").arg(i),
            QStringList{QStringLiteral("--join"), g->gossipAddress()} + grapevineArgs);
        QVERIFY2(a, qPrintable(cluster().lastError()));
        chain << a;
        names << QStringLiteral("g%1").arg(i) << QStringLiteral("a%1").arg(i);
    }
    // Six nodes, each gossiping a newcomer's alive only twice: a node that missed one waits
    // for push/pull, and the first round may pass it by (g2 missed a3 for 25 s here once), as
    // in tst_interop_membership's mixed cluster.
    QVERIFY2(cluster().waitForAlive(chain, names, 2 * kJoinMs),
             qPrintable(cluster().diagnostics()));
    PeerProcess *g2 = chain[2];
    const QString value = QStringLiteral("from the middle of the chain");
    QVERIFY(g2->set(value));
    QElapsedTimer since;
    since.start();
    const bool everywhere = waitUntil(
        [&] {
            for (PeerProcess *peer : chain) {
                if (peer != g2 && peer->value()[QStringLiteral("value")].toString() != value)
                    return false;
            }
            return true;
        },
        2000);
    QVERIFY2(everywhere, qPrintable(cluster().diagnostics()));
    qInfo("every node of the chain held the value %lld ms after the set", since.elapsed());
}

void TestInteropValues::sameKeyJoinsAndExchangesValues()
{
    QVERIFY2(startPair(keyArgs(kKeyA), keyArgs(kKeyA)),
             qPrintable(cluster().lastError() + cluster().diagnostics()));
    QVERIFY(m_grapevine->set(QStringLiteral("secret from grapevine")));
    QVERIFY2(m_go->waitForEvent(valueEvent(QStringLiteral("secret from grapevine")), kValueMs),
             qPrintable(cluster().diagnostics()));
    QVERIFY(m_go->set(QStringLiteral("secret from go")));
    QVERIFY2(holds(m_grapevine, QStringLiteral("secret from go")),
             qPrintable(cluster().diagnostics()));
}

void TestInteropValues::wrongOrMissingKeyKeepsStrangersOut_data()
{
    QTest::addColumn<QString>("goKey");
    QTest::addColumn<QString>("grapevineKey");
    QTest::newRow("different keys") << kKeyA << kKeyB;
    QTest::newRow("Go encrypts, Grapevine has no key") << kKeyA << QString();
    QTest::newRow("Grapevine encrypts, Go has no key") << QString() << kKeyB;
}

// Grapevine keeps trying to join Go; for several probe and gossip rounds neither may list
// the other. Go's decrypt / decode / stream errors are its expected reaction to a stranger.
void TestInteropValues::wrongOrMissingKeyKeepsStrangersOut()
{
    QFETCH(QString, goKey);
    QFETCH(QString, grapevineKey);
    m_allowedGoErrors << QStringLiteral("Decrypt packet failed")
                      << QStringLiteral("failed to receive") << QStringLiteral("Failed to decrypt")
                      << QStringLiteral("No installed keys") << QStringLiteral("Failed to decode")
                      << QStringLiteral("not supported");
    PeerProcess *g1 = cluster().startGo(QStringLiteral("g1"), keyArgs(goKey));
    QVERIFY2(g1, qPrintable(cluster().lastError()));
    PeerProcess *a1 = cluster().startGrapevine(
        QStringLiteral("a1"),
        QStringList{QStringLiteral("--join"), g1->gossipAddress()} + keyArgs(grapevineKey));
    QVERIFY2(a1, qPrintable(cluster().lastError()));
    QVERIFY(a1->set(QStringLiteral("must not leak")));
    QVERIFY2(cluster().staysAlone({g1, a1}, 6000), qPrintable(cluster().diagnostics()));
    QVERIFY2(!g1->waitForEvent(valueEvent(QStringLiteral("must not leak")), 1),
             "the value leaked to Go");
}

GRAPEVINE_INTEROP_MAIN(TestInteropValues)
#include "tst_interop_values.moc"
