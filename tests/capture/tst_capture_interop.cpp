// Captures of real clusters — Go memberlist peers (tests/interop/goagent) and
// grapevine-agents — taken by tcpdump on loopback while they join, gossip a value and
// leave, then read back by grapevine-decode: every packet decodes, and the membership it
// reconstructs is what the peers report over HTTP. A missing peer, program or capture right
// fails the test: it is never skipped.
#include "decode_run.h"
#include "peer_process.h"
#include "tcpdump_capture.h"
#include "tests/support/wait_until.h"

#include "tests/support/free_port.h"
#include "tests/support/peer_required.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>
#include <vector>

using namespace grapevine;
using namespace grapevine::interop;
using grapevine::capture::testing::Decoded;
using grapevine::capture::testing::kTcpdumpPeer;
using grapevine::capture::testing::runDecode;
using grapevine::capture::testing::TcpdumpCapture;
using grapevine::capture::testing::tcpdumpInstalled;
using grapevine::testing::pumpEvents;
using grapevine::testing::waitUntil;

namespace {

const QString kKey = QStringLiteral("MTIzNDU2Nzg5MDEyMzQ1Ng=="); // 16 bytes

struct PeerSpec {
    PeerKind kind;
    QString name;
};

// name -> "state/incarnation"
using MemberView = QMap<QString, QString>;

MemberView viewOf(const QJsonArray &members)
{
    MemberView view;
    for (const QJsonValue &value : members) {
        const QJsonObject m = value.toObject();
        view.insert(m[QStringLiteral("name")].toString(),
                    QStringLiteral("%1/%2")
                        .arg(m[QStringLiteral("state")].toString())
                        .arg(m[QStringLiteral("incarnation")].toInteger()));
    }
    return view;
}

QString describe(const MemberView &view)
{
    QStringList parts;
    for (auto it = view.begin(); it != view.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TstCaptureInterop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void plainGoClusterDecodesCompletely();
    void compressedMixedClusterDecodesCompletely();
    void encryptedClusterDecodesWithTheKey_data();
    void encryptedClusterDecodesWithTheKey();
    void labelledClusterDecodesCompletely_data();
    void labelledClusterDecodesCompletely();
    void truncatedCaptureKeepsWhatWasDecoded();
    void corruptCaptureIsRefusedClearly();
    void liveTapFollowsAClusterPassively();
    void tapWithoutCaptureRightsSaysWhichAreNeeded();

private:
    // Captures `specs` joining the first, a value set on the first, and (with `leave`) the
    // last one leaving; returns the capture file or "" (the failure is recorded).
    QString captureCluster(const QList<PeerSpec> &specs, const QStringList &options, bool leave,
                           bool gossipValue = true);
    QString stopCapture(TcpdumpCapture &tcpdump, const QString &path);
    bool waitForStates(const QStringList &names, const QString &state);
    MemberView httpView(PeerProcess &peer);
    bool waitForAgreement();
    void verifyComplete(const Decoded &decoded, const QStringList &everyLineLayers,
                        const QSet<QString> &types, bool checkMembers = true);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<PeerProcess>> m_peers;
    MemberView m_expected;
    QString m_failure;
};

void TstCaptureInterop::initTestCase()
{
    GRAPEVINE_REQUIRE_PEER(QFileInfo(goAgentPath()).isExecutable(),
                           QStringLiteral("the Go memberlist peer (golang-go and "
                                          "golang-github-hashicorp-memberlist-dev)"));
    GRAPEVINE_REQUIRE_PEER(QFileInfo(grapevineAgentPath()).isExecutable(),
                           QStringLiteral("grapevine-agent"));
    GRAPEVINE_REQUIRE_PEER(tcpdumpInstalled(), QString::fromLatin1(kTcpdumpPeer));
    QVERIFY2(QFileInfo(QStringLiteral(GRAPEVINE_DECODE_PATH)).isExecutable(),
             "grapevine-decode is not built");
}

void TstCaptureInterop::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_expected.clear();
    m_failure.clear();
}

void TstCaptureInterop::cleanup()
{
    if (QTest::currentTestFailed()) {
        for (auto &peer : m_peers)
            qWarning().noquote() << peer->label() << "log:\n" << peer->logTail(15);
        m_dir->setAutoRemove(false);
        qWarning().noquote() << "capture kept in" << m_dir->path();
    }
    for (auto &peer : m_peers)
        peer->kill9();
    m_peers.clear();
}

bool TstCaptureInterop::waitForStates(const QStringList &names, const QString &state)
{
    return waitUntil(
        [&] {
            for (auto &peer : m_peers) {
                if (!peer->isRunning())
                    continue;
                const auto view = peer->members(1000);
                for (const QString &name : names)
                    if (view.value(name) != state)
                        return false;
            }
            return true;
        },
        30000, 200);
}

bool TstCaptureInterop::waitForAgreement()
{
    return waitUntil(
        [&] {
            QList<MemberView> views;
            for (auto &peer : m_peers)
                if (peer->isRunning())
                    views << httpView(*peer);
            m_expected = views.value(0);
            return !m_expected.isEmpty() && views.count(m_expected) == views.size();
        },
        30000, 200);
}

MemberView TstCaptureInterop::httpView(PeerProcess &peer)
{
    const HttpReply reply = peer.get(QStringLiteral("/v1/members"));
    return viewOf(QJsonDocument::fromJson(reply.body).array());
}

QString TstCaptureInterop::captureCluster(const QList<PeerSpec> &specs, const QStringList &options,
                                          bool leave, bool gossipValue)
{
    QList<quint16> ports;
    QStringList names;
    for (const PeerSpec &spec : specs) {
        ports << grapevine::testing::freePort();
        names << spec.name;
        m_peers.push_back(std::make_unique<PeerProcess>(spec.kind, spec.name, ports.back(),
                                                        grapevine::testing::freePort()));
    }
    const QString path = m_dir->filePath(QStringLiteral("cluster.pcap"));
    TcpdumpCapture tcpdump;
    if (!tcpdump.start(path, ports)) {
        m_failure = tcpdump.error();
        return {};
    }
    for (std::size_t i = 0; i < m_peers.size(); ++i) {
        QStringList extra = options;
        if (m_peers[i]->kind() == PeerKind::Grapevine)
            extra << QStringLiteral("--data-dir") << m_dir->filePath(names[qsizetype(i)]);
        if (i > 0)
            extra << QStringLiteral("--join") << m_peers[0]->gossipAddress();
        if (!m_peers[i]->start(extra)) {
            m_failure = m_peers[i]->lastError();
            return {};
        }
    }
    if (!waitForStates(names, QStringLiteral("alive"))) {
        m_failure = QStringLiteral("the cluster did not form");
        return {};
    }
    // Probes run every second in the local profile: let a few ping/ack rounds be captured.
    pumpEvents(2500);
    const QString value = QStringLiteral("captured value");
    m_peers[0]->set(value);
    if (!gossipValue)
        return stopCapture(tcpdump, path);
    const bool spread = waitUntil(
        [&] {
            for (auto &peer : m_peers)
                if (peer->value()[QStringLiteral("value")].toString() != value)
                    return false;
            return true;
        },
        30000, 200);
    if (!spread) {
        m_failure = QStringLiteral("the value did not reach every peer");
        return {};
    }
    // A node's own view runs ahead of the wire (an incarnation it bumped is gossiped on the
    // next tick): once every running peer reports the same view, all of it has been sent.
    // So agreement is awaited while every peer still runs, and again after a leave.
    if (!waitForAgreement()) {
        m_failure = QStringLiteral("the peers' views did not agree");
        return {};
    }
    if (leave) {
        m_peers.back()->terminate();
        if (!waitForStates({names.back()}, QStringLiteral("left"))) {
            m_failure = QStringLiteral("the leave was not seen");
            return {};
        }
    }
    if (leave && !waitForAgreement()) {
        m_failure = QStringLiteral("the peers' views did not agree after the leave");
        return {};
    }
    return stopCapture(tcpdump, path);
}

QString TstCaptureInterop::stopCapture(TcpdumpCapture &tcpdump, const QString &path)
{
    pumpEvents(500); // let the last packets on the wire reach tcpdump's buffer
    if (!tcpdump.stop()) {
        m_failure = tcpdump.error();
        return {};
    }
    return path;
}

void TstCaptureInterop::verifyComplete(const Decoded &decoded, const QStringList &everyLineLayers,
                                       const QSet<QString> &types, bool checkMembers)
{
    QVERIFY2(decoded.exitCode == 0, qPrintable(decoded.stderrText));
    QSet<QString> seen;
    for (const QJsonObject &line : decoded.lines) {
        const QString text = QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact));
        QVERIFY2(!line.contains(QStringLiteral("error")), qPrintable(text));
        const QJsonArray layers = line[QStringLiteral("layers")].toArray();
        for (const QString &layer : everyLineLayers)
            QVERIFY2(layers.contains(layer), qPrintable(text));
        seen.insert(line[QStringLiteral("type")].toString());
    }
    const QJsonObject summary = decoded.summary[QStringLiteral("summary")].toObject();
    QCOMPARE(summary[QStringLiteral("undecodable")].toInt(), 0);
    QVERIFY(summary[QStringLiteral("stream_frames")].toInt() > 0);
    for (const QString &type : types)
        QVERIFY2(seen.contains(type),
                 qPrintable(QStringLiteral("no %1 message decoded").arg(type)));
    if (!checkMembers)
        return;
    const MemberView decodedView = viewOf(decoded.summary[QStringLiteral("members")].toArray());
    QVERIFY2(decodedView == m_expected,
             qPrintable(QStringLiteral("capture: %1\nHTTP:    %2")
                            .arg(describe(decodedView), describe(m_expected))));
}

void TstCaptureInterop::plainGoClusterDecodesCompletely()
{
    const QString path = captureCluster({{PeerKind::Go, QStringLiteral("g1")},
                                         {PeerKind::Go, QStringLiteral("g2")},
                                         {PeerKind::Go, QStringLiteral("g3")}},
                                        {QStringLiteral("--no-compress")}, true);
    QVERIFY2(!path.isEmpty(), qPrintable(m_failure));
    const QStringList ports = {QStringLiteral("--port"), QString::number(m_peers[0]->gossipPort()),
                               QStringLiteral("--port"), QString::number(m_peers[1]->gossipPort()),
                               QStringLiteral("--port"), QString::number(m_peers[2]->gossipPort())};
    const Decoded decoded = runDecode(QStringList{path} + ports);
    verifyComplete(decoded, {},
                   {QStringLiteral("alive"), QStringLiteral("ping"), QStringLiteral("ack"),
                    QStringLiteral("push-pull"), QStringLiteral("user"), QStringLiteral("dead")});
    QCOMPARE(m_expected.value(QStringLiteral("g3")).section(QLatin1Char('/'), 0, 0),
             QStringLiteral("left"));
}

void TstCaptureInterop::compressedMixedClusterDecodesCompletely()
{
    const QString path = captureCluster(
        {{PeerKind::Grapevine, QStringLiteral("a1")}, {PeerKind::Go, QStringLiteral("g1")}}, {},
        false);
    QVERIFY2(!path.isEmpty(), qPrintable(m_failure));
    const Decoded decoded = runDecode({path, QStringLiteral("--any-port")});
    verifyComplete(decoded, {},
                   {QStringLiteral("alive"), QStringLiteral("ping"), QStringLiteral("ack"),
                    QStringLiteral("push-pull"), QStringLiteral("user")});
    bool compressed = false;
    bool envelope = false;
    for (const QJsonObject &line : decoded.lines) {
        compressed = compressed || line[QStringLiteral("layers")].toArray().contains(
                                       QStringLiteral("compressed"));
        envelope = envelope || line[QStringLiteral("fields")].toObject().contains(
                                   QStringLiteral("grapevine_value"));
    }
    QVERIFY2(compressed, "no compressed packet or frame was decoded");
    QVERIFY2(envelope, "the Grapevine value envelope was not decoded");
}

void TstCaptureInterop::encryptedClusterDecodesWithTheKey_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<int>("version");
    QTest::newRow("version 1 (protocol 2)") << QStringLiteral("2") << 1;
    // memberlist 0.2.2 at protocol 1 encrypts with version 0 but announces every member at
    // its own port (the capture shows it: alives for g2 carry g1's port), so two such peers
    // never settle: the capture is checked for complete decoding, not for a stable view.
    QTest::newRow("version 0 (protocol 1)") << QStringLiteral("1") << 0;
}

void TstCaptureInterop::encryptedClusterDecodesWithTheKey()
{
    QFETCH(QString, protocol);
    QFETCH(int, version);
    const QString path = captureCluster(
        {{PeerKind::Go, QStringLiteral("g1")}, {PeerKind::Go, QStringLiteral("g2")}},
        {QStringLiteral("--key"), kKey, QStringLiteral("--protocol-version"), protocol}, false,
        version == 1);
    QVERIFY2(!path.isEmpty(), qPrintable(m_failure));
    const Decoded decoded =
        runDecode({path, QStringLiteral("--any-port"), QStringLiteral("--key"),
                   QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA=="), QStringLiteral("--key"), kKey});
    verifyComplete(decoded, {QStringLiteral("encrypted")},
                   {QStringLiteral("alive"), QStringLiteral("ping"), QStringLiteral("push-pull"),
                    QStringLiteral("user")},
                   version == 1);
    for (const QJsonObject &line : decoded.lines)
        QCOMPARE(line[QStringLiteral("encryption")].toInt(-1), version);

    // Without the key nothing is readable, but every packet is listed, as encrypted.
    const Decoded locked = runDecode({path, QStringLiteral("--any-port")});
    QCOMPARE(locked.exitCode, 0);
    QVERIFY(!locked.lines.isEmpty());
    for (const QJsonObject &line : locked.lines)
        QVERIFY(line[QStringLiteral("error")].toString().contains(QLatin1String("no key")));
}

void TstCaptureInterop::labelledClusterDecodesCompletely_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QStringList>("layers");
    QTest::newRow("label") << QStringList{QStringLiteral("--label"), QStringLiteral("prod")}
                           << QStringList{};
    QTest::newRow("label and key") << QStringList{QStringLiteral("--label"), QStringLiteral("prod"),
                                                  QStringLiteral("--key"), kKey}
                                   << QStringList{QStringLiteral("encrypted")};
}

void TstCaptureInterop::labelledClusterDecodesCompletely()
{
    QFETCH(QStringList, options);
    QFETCH(QStringList, layers);
    const QString path = captureCluster(
        {{PeerKind::Grapevine, QStringLiteral("a1")}, {PeerKind::Grapevine, QStringLiteral("a2")}},
        options, true);
    QVERIFY2(!path.isEmpty(), qPrintable(m_failure));
    const Decoded decoded =
        runDecode({path, QStringLiteral("--any-port"), QStringLiteral("--key"), kKey});
    verifyComplete(decoded, layers,
                   {QStringLiteral("alive"), QStringLiteral("ping"), QStringLiteral("push-pull"),
                    QStringLiteral("user")});
    for (const QJsonObject &line : decoded.lines)
        QCOMPARE(line[QStringLiteral("label")].toString(), QStringLiteral("prod"));
}

void TstCaptureInterop::truncatedCaptureKeepsWhatWasDecoded()
{
    const QString path = captureCluster(
        {{PeerKind::Go, QStringLiteral("g1")}, {PeerKind::Go, QStringLiteral("g2")}}, {}, false);
    QVERIFY2(!path.isEmpty(), qPrintable(m_failure));
    const Decoded whole = runDecode({path, QStringLiteral("--any-port")});
    QCOMPARE(whole.exitCode, 0);
    QFile file(path);
    QVERIFY(file.resize(file.size() - 7)); // cut inside the last record
    const Decoded cut = runDecode({path, QStringLiteral("--any-port")});
    QCOMPARE(cut.exitCode, 2);
    QVERIFY2(cut.stderrText.contains(QLatin1String("truncated")), qPrintable(cut.stderrText));
    QVERIFY2(cut.summary[QStringLiteral("capture_error")].toString().contains(
                 QLatin1String("truncated")),
             "the summary line must name the damage");
    // Everything before the cut is still there: all rows but the last frame's.
    const int wholeFrames =
        whole.summary[QStringLiteral("summary")][QStringLiteral("frames")].toInt();
    const int cutFrames = cut.summary[QStringLiteral("summary")][QStringLiteral("frames")].toInt();
    QCOMPARE(cutFrames, wholeFrames - 1);
    QVERIFY(cut.lines.size() >= whole.lines.size() - 3);
    for (qsizetype i = 0; i + 3 < cut.lines.size(); ++i)
        QCOMPARE(cut.lines[i], whole.lines[i]);
}

void TstCaptureInterop::corruptCaptureIsRefusedClearly()
{
    const QString path = m_dir->filePath(QStringLiteral("corrupt.pcap"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(64, 'x'));
    file.close();
    const Decoded decoded = runDecode({path});
    QCOMPARE(decoded.exitCode, 1);
    QVERIFY2(decoded.stderrText.contains(QLatin1String("unknown file format")),
             qPrintable(decoded.stderrText));
    const Decoded missing = runDecode({m_dir->filePath(QStringLiteral("missing.pcap"))});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.stderrText.contains(QLatin1String("cannot open")));
}

void TstCaptureInterop::liveTapFollowsAClusterPassively()
{
    const quint16 p1 = grapevine::testing::freePort();
    const quint16 p2 = grapevine::testing::freePort();
    QProcess tap;
    tap.start(QStringLiteral(GRAPEVINE_DECODE_PATH),
              {QStringLiteral("--tap"), QStringLiteral("lo"), QStringLiteral("--port"),
               QString::number(p1), QStringLiteral("--port"), QString::number(p2)});
    QByteArray log;
    QVERIFY2(waitUntil(
                 [&] {
                     log += tap.readAllStandardError();
                     return log.contains("tapping lo") || tap.state() == QProcess::NotRunning;
                 },
                 10000),
             log.constData());
    QVERIFY2(tap.state() == QProcess::Running, log.constData());
    m_peers.push_back(std::make_unique<PeerProcess>(PeerKind::Go, QStringLiteral("g1"), p1,
                                                    grapevine::testing::freePort()));
    m_peers.push_back(std::make_unique<PeerProcess>(PeerKind::Go, QStringLiteral("g2"), p2,
                                                    grapevine::testing::freePort()));
    QVERIFY2(m_peers[0]->start({}), qPrintable(m_peers[0]->lastError()));
    QVERIFY2(m_peers[1]->start({QStringLiteral("--join"), m_peers[0]->gossipAddress()}),
             qPrintable(m_peers[1]->lastError()));
    QVERIFY2(waitForStates({QStringLiteral("g1"), QStringLiteral("g2")}, QStringLiteral("alive")),
             qPrintable(QStringLiteral("g1's view: ") + describe(httpView(*m_peers[0]))));
    pumpEvents(2500); // a few probe rounds
    QVERIFY2(waitForAgreement(),
             qPrintable(QStringLiteral("g1's view: ") + describe(httpView(*m_peers[0])) +
                        QStringLiteral("; g2's: ") + describe(httpView(*m_peers[1]))));
    // The tap's output arrives as it happens (not only at the end).
    QByteArray live;
    QVERIFY2(
        waitUntil(
            [&] {
                live += tap.readAllStandardOutput();
                return live.contains("\"type\":\"ping\"");
            },
            10000),
        qPrintable(QStringLiteral("no ping in the tap's %1 bytes of output").arg(live.size())));
    pumpEvents(500);
    tap.terminate();
    QVERIFY(tap.waitForFinished(10000));
    QCOMPARE(tap.exitCode(), 0);
    Decoded decoded;
    decoded.exitCode = tap.exitCode();
    for (const QByteArray &line : (live + tap.readAllStandardOutput()).split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.contains(QStringLiteral("summary")))
            decoded.summary = object;
        else if (!object.isEmpty())
            decoded.lines.append(object);
    }
    verifyComplete(decoded, {},
                   {QStringLiteral("alive"), QStringLiteral("ping"), QStringLiteral("ack"),
                    QStringLiteral("push-pull")});
}

void TstCaptureInterop::tapWithoutCaptureRightsSaysWhichAreNeeded()
{
    GRAPEVINE_REQUIRE_PEER(::geteuid() == 0,
                           QStringLiteral("root (to drop to an unprivileged user)"));
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    GRAPEVINE_REQUIRE_PEER(!setpriv.isEmpty(), QStringLiteral("setpriv (util-linux)"));
    QProcess tap;
    tap.start(setpriv, {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                        QStringLiteral("--clear-groups"), QStringLiteral(GRAPEVINE_DECODE_PATH),
                        QStringLiteral("--tap"), QStringLiteral("lo")});
    QVERIFY(tap.waitForFinished(10000));
    const QString err = QString::fromLocal8Bit(tap.readAllStandardError());
    QCOMPARE(tap.exitCode(), 1);
    QVERIFY2(err.contains(QLatin1String("run as root")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("setcap cap_net_raw,cap_net_admin+eip")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("never make it setuid")), qPrintable(err));
}

GRAPEVINE_TEST_GUILESS_MAIN(TstCaptureInterop)
#include "tst_capture_interop.moc"
