// Captures of real Serf 0.9.4 agents (Debian's golang-github-hashicorp-serf-dev) and a
// grapevine-agent in Serf mode, taken by tcpdump on loopback while they join, send a user
// event and a query, change tags and leave — plain and encrypted with a `serf keygen` key —
// then read back by grapevine-decode: Serf's messages inside memberlist decode with their
// fields, acks carry Vivaldi coordinates, and the members it reconstructs, tags included, are
// what `serf members -format json` reports. A missing agent, program or capture right fails
// the test: it is never skipped.
#include "decode_run.h"
#include "peer_process.h"
#include "serf/serf_agent.h"
#include "tcpdump_capture.h"
#include "tests/support/wait_until.h"

#include "tests/support/free_port.h"
#include "tests/support/peer_required.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>
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

constexpr int kAgreeMs = 30000;
const QString kEventName = QStringLiteral("deploy");
const QString kEventPayload = QStringLiteral("v1.2 to web"); // spaces kept as they are
const QString kQueryName = QStringLiteral("uptime");
const QString kQueryPayload = QStringLiteral("all");

// name -> "state tags" (tags as k=v,k=v), the form both sides are compared in.
using MemberView = QMap<QString, QString>;

QString tagsText(const QMap<QString, QString> &tags)
{
    QStringList parts;
    for (auto it = tags.begin(); it != tags.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QLatin1Char(','));
}

// Serf's member statuses in memberlist's words, as the capture shows them.
QString stateOfStatus(const QString &status)
{
    return status == QLatin1String("failed") ? QStringLiteral("dead") : status;
}

MemberView serfView(const QMap<QString, SerfMember> &members)
{
    MemberView view;
    for (auto it = members.begin(); it != members.end(); ++it)
        view.insert(it.key(), stateOfStatus(it->status) + QLatin1Char(' ') + tagsText(it->tags));
    return view;
}

MemberView decodedView(const QJsonArray &members)
{
    MemberView view;
    for (const QJsonValue &value : members) {
        const QJsonObject m = value.toObject();
        QMap<QString, QString> tags;
        const QJsonObject t = m[QStringLiteral("tags")].toObject();
        for (auto it = t.begin(); it != t.end(); ++it)
            tags.insert(it.key(), it.value().toString());
        view.insert(m[QStringLiteral("name")].toString(),
                    m[QStringLiteral("state")].toString() + QLatin1Char(' ') + tagsText(tags));
    }
    return view;
}

QString describe(const MemberView &view)
{
    QStringList parts;
    for (auto it = view.begin(); it != view.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QStringLiteral("; "));
}

QString serfKeygen()
{
    QProcess keygen;
    keygen.start(serfPath(), {QStringLiteral("keygen")});
    if (!keygen.waitForFinished(10000))
        return {};
    return QString::fromUtf8(keygen.readAllStandardOutput()).trimmed();
}

QString lineText(const QJsonObject &line)
{
    return QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact));
}

// The Serf messages of a decode: {"type","fields"} from user messages and push/pull states.
QList<QJsonObject> serfMessages(const Decoded &decoded)
{
    QList<QJsonObject> out;
    for (const QJsonObject &line : decoded.lines) {
        const QJsonObject serf = line[QStringLiteral("fields")][QStringLiteral("serf")].toObject();
        if (!serf.isEmpty())
            out << serf;
    }
    return out;
}

bool hasSerf(const QList<QJsonObject> &messages, const QString &type,
             const std::function<bool(const QJsonObject &fields)> &match)
{
    return std::any_of(messages.begin(), messages.end(), [&](const QJsonObject &m) {
        return m[QStringLiteral("type")].toString() == type &&
               match(m[QStringLiteral("fields")].toObject());
    });
}

} // namespace

class TstCaptureSerf : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void plainSerfClusterDecodes();
    void encryptedSerfClusterDecodesWithTheKey();

private:
    // Three Serf agents and a grapevine-agent --serf, all captured from before the first one
    // starts: joins, an event, a query, a tag change and s3's leave. Returns the capture file
    // or "" (m_failure says why); m_expected is s1's `serf members` at the end.
    QString captureSerfCluster();
    bool startCluster();
    bool exerciseCluster();
    bool waitForSerfAgreement();
    void verifyDecoded(const Decoded &decoded);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<SerfAgent>> m_serf;
    std::unique_ptr<PeerProcess> m_grapevine;
    QString m_key;
    MemberView m_expected;
    QString m_failure;
};

void TstCaptureSerf::initTestCase()
{
    GRAPEVINE_REQUIRE_PEER(QFileInfo(serfPath()).isExecutable(),
                           QStringLiteral("the real Serf agent (golang-go and "
                                          "golang-github-hashicorp-serf-dev)"));
    GRAPEVINE_REQUIRE_PEER(QFileInfo(grapevineAgentPath()).isExecutable(),
                           QStringLiteral("grapevine-agent"));
    GRAPEVINE_REQUIRE_PEER(tcpdumpInstalled(), QString::fromLatin1(kTcpdumpPeer));
    QVERIFY2(QFileInfo(QStringLiteral(GRAPEVINE_DECODE_PATH)).isExecutable(),
             "grapevine-decode is not built");
}

void TstCaptureSerf::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_key.clear();
    m_expected.clear();
    m_failure.clear();
}

void TstCaptureSerf::cleanup()
{
    if (QTest::currentTestFailed()) {
        for (auto &agent : m_serf)
            qWarning().noquote() << agent->name() << "log:\n" << agent->logTail(15);
        if (m_grapevine)
            qWarning().noquote() << m_grapevine->label() << "log:\n" << m_grapevine->logTail(15);
        m_dir->setAutoRemove(false);
        qWarning().noquote() << "capture kept in" << m_dir->path();
    }
    for (auto &agent : m_serf)
        agent->kill9();
    m_serf.clear();
    if (m_grapevine)
        m_grapevine->kill9();
    m_grapevine.reset();
}

bool TstCaptureSerf::startCluster()
{
    const QStringList roles{QStringLiteral("web"), QStringLiteral("db"), QStringLiteral("cache")};
    for (int i = 0; i < roles.size(); ++i) {
        SerfAgent &agent = *m_serf[std::size_t(i)];
        QStringList args{QStringLiteral("-tag"), QStringLiteral("role=") + roles[i]};
        if (!m_key.isEmpty())
            args << QStringLiteral("-encrypt=") + m_key;
        if (i > 0)
            args << QStringLiteral("-join=") + m_serf[0]->gossipAddress();
        if (!agent.start(args)) {
            m_failure = agent.lastError();
            return false;
        }
    }
    QStringList args{QStringLiteral("--serf"),
                     QStringLiteral("--tag"),
                     QStringLiteral("impl=grapevine"),
                     QStringLiteral("--data-dir"),
                     m_dir->filePath(QStringLiteral("a1")),
                     QStringLiteral("--join"),
                     m_serf[0]->gossipAddress()};
    if (!m_key.isEmpty())
        args << QStringLiteral("--key") << m_key;
    if (!m_grapevine->start(args)) {
        m_failure = m_grapevine->lastError();
        return false;
    }
    return true;
}

bool TstCaptureSerf::waitForSerfAgreement()
{
    return waitUntil(
        [&] {
            const MemberView first = serfView(m_serf[0]->members());
            const MemberView second = serfView(m_serf[1]->members());
            m_expected = first;
            return !first.isEmpty() && first == second;
        },
        kAgreeMs, 250);
}

bool TstCaptureSerf::exerciseCluster()
{
    const bool formed = waitUntil(
        [&] {
            const auto view = m_serf[0]->members();
            return view.size() == 4 &&
                   std::all_of(view.begin(), view.end(), [](const SerfMember &m) {
                       return m.status == QLatin1String("alive");
                   });
        },
        kAgreeMs, 250);
    if (!formed) {
        m_failure =
            QStringLiteral("the cluster did not form: ") + describe(serfView(m_serf[0]->members()));
        return false;
    }
    pumpEvents(2500); // probes run every second in the local profile: acks with coordinates
    if (!m_serf[0]->cli(QStringLiteral("event"), {kEventName, kEventPayload}).ok ||
        !m_serf[1]
             ->cli(QStringLiteral("query"),
                   {QStringLiteral("-timeout=2s"), kQueryName, kQueryPayload})
             .ok ||
        !m_serf[2]
             ->cli(QStringLiteral("tags"), {QStringLiteral("-set"), QStringLiteral("dc=east")})
             .ok) {
        m_failure = QStringLiteral("serf event, query or tags failed");
        return false;
    }
    // Every agent must hold s3's new tag before s3 leaves: its leave (a dead message about s3
    // at the same incarnation) replaces the tag's alive in every queue that still holds it, so
    // an agent that has not had the alive by then lists s3 left with its old tags for good.
    const bool tagged = waitUntil(
        [&] {
            return std::all_of(m_serf.begin(), m_serf.end(), [](const auto &agent) {
                return agent->members().value(QStringLiteral("s3")).tags.contains("dc");
            });
        },
        kAgreeMs, 250);
    if (!tagged || !m_serf[2]->cli(QStringLiteral("leave"), {}).ok) {
        m_failure = QStringLiteral("s3's new tag was not seen, or its leave failed");
        return false;
    }
    const bool left = waitUntil(
        [&] {
            return m_serf[0]->members().value(QStringLiteral("s3")).status == QLatin1String("left");
        },
        kAgreeMs, 250);
    if (!left || !waitForSerfAgreement()) {
        m_failure = QStringLiteral("s3's leave was not seen by s1 and s2 alike: s1 %1, s2 %2")
                        .arg(describe(serfView(m_serf[0]->members())),
                             describe(serfView(m_serf[1]->members())));
        return false;
    }
    return true;
}

QString TstCaptureSerf::captureSerfCluster()
{
    QList<quint16> ports;
    for (const char *name : {"s1", "s2", "s3"}) {
        m_serf.push_back(std::make_unique<SerfAgent>(QString::fromLatin1(name)));
        ports << m_serf.back()->reserveGossipPort();
    }
    ports << grapevine::testing::freePort();
    m_grapevine = std::make_unique<PeerProcess>(PeerKind::Grapevine, QStringLiteral("a1"),
                                                ports.back(), grapevine::testing::freePort());
    const QString path = m_dir->filePath(QStringLiteral("serf.pcap"));
    TcpdumpCapture tcpdump;
    if (!tcpdump.start(path, ports)) {
        m_failure = tcpdump.error();
        return {};
    }
    if (!startCluster() || !exerciseCluster())
        return {};
    pumpEvents(500); // let the last packets on the wire reach tcpdump's buffer
    if (!tcpdump.stop()) {
        m_failure = tcpdump.error();
        return {};
    }
    return path;
}

void TstCaptureSerf::verifyDecoded(const Decoded &decoded)
{
    QVERIFY2(decoded.exitCode == 0, qPrintable(decoded.stderrText));
    for (const QJsonObject &line : decoded.lines) {
        QVERIFY2(!line.contains(QStringLiteral("error")), qPrintable(lineText(line)));
        if (!m_key.isEmpty())
            QVERIFY2(line[QStringLiteral("layers")].toArray().contains(QStringLiteral("encrypted")),
                     qPrintable(lineText(line)));
    }
    QCOMPARE(decoded.summary[QStringLiteral("summary")][QStringLiteral("undecodable")].toInt(), 0);

    const QList<QJsonObject> serf = serfMessages(decoded);
    const auto is = [](const QJsonObject &f, const char *key, const QString &value) {
        return f[QLatin1String(key)].toString() == value;
    };
    QVERIFY2(hasSerf(serf, QStringLiteral("serf-user-event"),
                     [&](const QJsonObject &f) {
                         return is(f, "name", kEventName) && is(f, "payload", kEventPayload);
                     }),
             "no serf-user-event with the event's name and payload");
    QVERIFY2(hasSerf(serf, QStringLiteral("serf-query"),
                     [&](const QJsonObject &f) {
                         return is(f, "name", kQueryName) && is(f, "payload", kQueryPayload) &&
                                is(f, "source_node", QStringLiteral("s2"));
                     }),
             "no serf-query with the query's name, payload and asker");
    QVERIFY2(hasSerf(serf, QStringLiteral("serf-query-response"),
                     [&](const QJsonObject &f) {
                         return f[QStringLiteral("flags")][QStringLiteral("ack")].toBool();
                     }),
             "no acknowledgement of the query");
    for (const char *joiner : {"s2", "s3"})
        QVERIFY2(hasSerf(serf, QStringLiteral("serf-join"),
                         [&](const QJsonObject &f) {
                             return is(f, "node", QString::fromLatin1(joiner));
                         }),
                 qPrintable(QStringLiteral("no join intent of %1").arg(QLatin1String(joiner))));
    QVERIFY2(hasSerf(serf, QStringLiteral("serf-leave"),
                     [&](const QJsonObject &f) { return is(f, "node", QStringLiteral("s3")); }),
             "no leave intent of s3");
    QVERIFY2(hasSerf(serf, QStringLiteral("serf-push-pull"),
                     [](const QJsonObject &f) { return !f[QStringLiteral("ltime")].isNull(); }),
             "no Serf push/pull state");

    const bool coordinate =
        std::any_of(decoded.lines.begin(), decoded.lines.end(), [](const QJsonObject &line) {
            return line[QStringLiteral("type")] == QLatin1String("ack") &&
                   line[QStringLiteral("fields")][QStringLiteral("coordinate")]
                       [QStringLiteral("vec")]
                           .toArray()
                           .size() == 8;
        });
    QVERIFY2(coordinate, "no ack carried Serf's Vivaldi coordinate");

    // What Serf reports is the story the cluster was put through (so the comparison below
    // compares something).
    QCOMPARE(m_expected.value(QStringLiteral("s3")), QStringLiteral("left dc=east,role=cache"));
    QCOMPARE(m_expected.value(QStringLiteral("a1")), QStringLiteral("alive impl=grapevine"));
    QCOMPARE(m_expected.size(), 4);
    const MemberView fromCapture =
        decodedView(decoded.summary[QStringLiteral("members")].toArray());
    QVERIFY2(fromCapture == m_expected,
             qPrintable(QStringLiteral("capture:      %1\nserf members: %2")
                            .arg(describe(fromCapture), describe(m_expected))));
}

void TstCaptureSerf::plainSerfClusterDecodes()
{
    const QString path = captureSerfCluster();
    QVERIFY2(!path.isEmpty(), qPrintable(m_failure));
    QStringList args{path};
    for (auto &agent : m_serf)
        args << QStringLiteral("--port") << QString::number(agent->gossipPort());
    args << QStringLiteral("--port") << QString::number(m_grapevine->gossipPort());
    verifyDecoded(runDecode(args));
}

void TstCaptureSerf::encryptedSerfClusterDecodesWithTheKey()
{
    m_key = serfKeygen();
    QVERIFY2(!m_key.isEmpty(), "serf keygen gave no key");
    // Kept beside the capture, which a failed run keeps, so that it can still be decoded.
    QFile keyFile(m_dir->filePath(QStringLiteral("serf.key")));
    QVERIFY(keyFile.open(QIODevice::WriteOnly) && keyFile.write(m_key.toLatin1()) > 0);
    keyFile.close();
    const QString path = captureSerfCluster();
    QVERIFY2(!path.isEmpty(), qPrintable(m_failure));
    verifyDecoded(runDecode({path, QStringLiteral("--any-port"), QStringLiteral("--key"), m_key}));

    // Without the key every packet is still listed, as encrypted, and nothing is made up.
    const Decoded locked = runDecode({path, QStringLiteral("--any-port")});
    QCOMPARE(locked.exitCode, 0);
    QVERIFY(!locked.lines.isEmpty());
    for (const QJsonObject &line : locked.lines)
        QVERIFY2(line[QStringLiteral("error")].toString().contains(QLatin1String("no key")),
                 qPrintable(lineText(line)));
}

GRAPEVINE_TEST_GUILESS_MAIN(TstCaptureSerf)
#include "tst_capture_serf.moc"
