// grapevine-decode on bytes Serf 0.9.4 itself writes (tests/serf/serf_vectors.h), in a pcap
// made with libpcap: every Serf message type shows as fields.serf with its exact fields, the
// ack's coordinate and the alive's tags come out as JSON, a key-management query shows only a
// key prefix, and Grapevine's value envelope and plain text are not mistaken for Serf's.
// Deterministic: no peers, no sockets; the real grapevine-decode reads a file.
#include "capture_fixtures.h"
#include "decode_run.h"
#include "pcap_test_file.h"

#include "core/serf/serf_messages.h"
#include "core/value/envelope.h"
#include "core/wire/stream.h"
#include "tests/serf/serf_vectors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace grapevine;
using namespace grapevine::capture;
using namespace grapevine::capture::testing;
namespace vectors = grapevine::serf::vectors;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
const wire::Endpoint kA = endpoint(1, 7946);
const wire::Endpoint kB = endpoint(2, 7946);
const wire::Endpoint kDialler = endpoint(1, 51000);

CapturedFrame udpFrame(int second, const wire::Message &message)
{
    return frameOf(udp(kA, kB, sealed({message})), kLinkEthernet, second * kSecond);
}

wire::UserMsg user(const wire::Bytes &payload)
{
    return wire::UserMsg{payload};
}

wire::UserMsg user(const serf::Message &message)
{
    return wire::UserMsg{serf::encodeMessage(message)};
}

// A key-management query (`serf keys -install`), as Serf sends it: the key in a key request.
serf::Query installKey()
{
    serf::Query q;
    q.ltime = 4;
    q.id = 9;
    q.name = "_serf_install-key";
    q.sourceNode = "s1";
    q.addr = {127, 0, 0, 1};
    q.port = 7946;
    q.timeoutNs = 2'000'000'000;
    q.payload = wire::fromHex(vectors::kKeyRequest);
    return q;
}

serf::Relay relayed()
{
    serf::Relay relay;
    relay.destName = "s2";
    relay.destIp = {127, 0, 0, 2};
    relay.destPort = 7946;
    relay.inner = wire::fromHex(vectors::kQueryResponse);
    return relay;
}

wire::PushPull pushPull()
{
    wire::PushPull pp;
    wire::PushNodeState node;
    node.name = "s1";
    node.addr = wire::SmallBytes(wire::Bytes{10, 0, 0, 1});
    node.port = 7946;
    node.incarnation = 1;
    node.vsn = wire::SmallBytes(wire::Bytes{1, 5, 2, 2, 5, 4});
    node.meta = wire::fromHex(vectors::kTags);
    pp.nodes.push_back(node);
    pp.userState = wire::fromHex(vectors::kPushPull);
    return pp;
}

std::vector<CapturedFrame> story()
{
    wire::Alive tagged = alive("s1", 1, 1);
    tagged.meta = wire::fromHex(vectors::kTags);
    const wire::Bytes frame = wire::encodeFrame(pushPull(), wire::StreamOptions{}, {});
    return {
        udpFrame(1, tagged),
        udpFrame(2, user(wire::fromHex(vectors::kJoin))),
        udpFrame(3, user(wire::fromHex(vectors::kUserEvent))),
        udpFrame(4, user(wire::fromHex(vectors::kQuery))),
        udpFrame(5, user(wire::fromHex(vectors::kQueryResponse))),
        udpFrame(6, user(installKey())),
        udpFrame(7, user(serf::QueryResponse{4, 9, "s2", 0, wire::fromHex(vectors::kKeyResponse)})),
        udpFrame(8, user(relayed())),
        udpFrame(9, wire::Ack{7, wire::fromHex(vectors::kAckCoordinate)}),
        udpFrame(10, user(wire::fromHex(vectors::kLeave))),
        udpFrame(11, user(value::encodeEnvelope({"blue", {3, "g1"}, 0}))),
        udpFrame(12, user(wire::toBytes("plain text"))),
        frameOf(tcp(kDialler, kB, 1, frame), kLinkEthernet, 13 * kSecond)};
}

QJsonObject fieldsAt(const Decoded &decoded, int frame)
{
    for (const QJsonObject &line : decoded.lines)
        if (line[QStringLiteral("frame")].toInt() == frame)
            return line[QStringLiteral("fields")].toObject();
    return {};
}

QJsonObject serfAt(const Decoded &decoded, int frame)
{
    return fieldsAt(decoded, frame)[QStringLiteral("serf")].toObject();
}

} // namespace

class TstDecodeSerf : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void intentsAndUserEvents();
    void queriesResponsesAndRelays();
    void keysAreNeverPrinted();
    void coordinateTagsAndPushPullState();
    void othersAreNotMistakenForSerf();

private:
    QTemporaryDir m_dir;
    Decoded m_decoded;
};

void TstDecodeSerf::initTestCase()
{
    const QString path = m_dir.filePath(QStringLiteral("serf.pcap"));
    QVERIFY(writePcap(path.toStdString(), kLinkEthernet, story()));
    m_decoded = runDecode({path});
    QVERIFY2(m_decoded.exitCode == 0, qPrintable(m_decoded.stderrText));
    QCOMPARE(m_decoded.summary[QStringLiteral("summary")][QStringLiteral("undecodable")].toInt(),
             0);
}

void TstDecodeSerf::intentsAndUserEvents()
{
    const QJsonObject join = serfAt(m_decoded, 2);
    QCOMPARE(join[QStringLiteral("type")].toString(), QStringLiteral("serf-join"));
    QCOMPARE(join[QStringLiteral("fields")].toObject(),
             (QJsonObject{{QStringLiteral("ltime"), QStringLiteral("7")},
                          {QStringLiteral("node"), QStringLiteral("s1")}}));
    const QJsonObject event = serfAt(m_decoded, 3);
    QCOMPARE(event[QStringLiteral("type")].toString(), QStringLiteral("serf-user-event"));
    QCOMPARE(event[QStringLiteral("fields")].toObject(),
             (QJsonObject{{QStringLiteral("ltime"), QStringLiteral("5")},
                          {QStringLiteral("name"), QStringLiteral("grapevine-value")},
                          {QStringLiteral("payload"), QStringLiteral("hello")},
                          {QStringLiteral("payload_hex"), QStringLiteral("68656c6c6f")},
                          {QStringLiteral("coalesce"), false}}));
    const QJsonObject leave = serfAt(m_decoded, 10);
    QCOMPARE(leave[QStringLiteral("type")].toString(), QStringLiteral("serf-leave"));
    QCOMPARE(leave[QStringLiteral("fields")][QStringLiteral("node")].toString(),
             QStringLiteral("g1"));
    QCOMPARE(leave[QStringLiteral("fields")][QStringLiteral("ltime")].toString(),
             QStringLiteral("300"));
}

void TstDecodeSerf::queriesResponsesAndRelays()
{
    const QJsonObject query = serfAt(m_decoded, 4);
    QCOMPARE(query[QStringLiteral("type")].toString(), QStringLiteral("serf-query"));
    const QJsonObject q = query[QStringLiteral("fields")].toObject();
    QCOMPARE(q[QStringLiteral("name")].toString(), QStringLiteral("_serf_ping"));
    QCOMPARE(q[QStringLiteral("id")].toDouble(), double(0xdeadbeef));
    QCOMPARE(q[QStringLiteral("source_node")].toString(), QStringLiteral("s1"));
    QCOMPARE(q[QStringLiteral("source_addr")].toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(q[QStringLiteral("source_port")].toInt(), 27946);
    QCOMPARE(q[QStringLiteral("timeout_ms")].toInt(), 5000);
    QVERIFY(q[QStringLiteral("flags")][QStringLiteral("ack")].toBool());

    const QJsonObject response = serfAt(m_decoded, 5);
    QCOMPARE(response[QStringLiteral("type")].toString(), QStringLiteral("serf-query-response"));
    QCOMPARE(response[QStringLiteral("fields")][QStringLiteral("from")].toString(),
             QStringLiteral("g1"));

    const QJsonObject relay = serfAt(m_decoded, 8);
    QCOMPARE(relay[QStringLiteral("type")].toString(), QStringLiteral("serf-relay"));
    const QJsonObject r = relay[QStringLiteral("fields")].toObject();
    QCOMPARE(r[QStringLiteral("dest_name")].toString(), QStringLiteral("s2"));
    QCOMPARE(r[QStringLiteral("dest_addr")].toString(), QStringLiteral("127.0.0.2"));
    QCOMPARE(r[QStringLiteral("inner")][QStringLiteral("type")].toString(),
             QStringLiteral("serf-query-response"));
}

void TstDecodeSerf::keysAreNeverPrinted()
{
    const QJsonObject install = serfAt(m_decoded, 6)[QStringLiteral("fields")].toObject();
    QCOMPARE(install[QStringLiteral("name")].toString(), QStringLiteral("_serf_install-key"));
    QCOMPARE(install[QStringLiteral("key_prefix")].toString(), QStringLiteral("AQEBAQ"));
    QVERIFY(!install.contains(QStringLiteral("payload_hex")));
    const QJsonObject answer = serfAt(m_decoded, 7)[QStringLiteral("fields")].toObject();
    QCOMPARE(answer[QStringLiteral("key_response")].toObject(),
             (QJsonObject{{QStringLiteral("result"), true},
                          {QStringLiteral("message"), QString()},
                          {QStringLiteral("keys"), 1}}));
    QVERIFY(!answer.contains(QStringLiteral("payload_hex")));
    for (const QJsonObject &line : m_decoded.lines) {
        const QJsonObject serf = line[QStringLiteral("fields")][QStringLiteral("serf")].toObject();
        const QByteArray text = QJsonDocument(serf).toJson(QJsonDocument::Compact);
        QVERIFY2(!text.contains("AQEBAQEBAQEBAQEBAQEBAQ=="), text.constData());
    }
}

void TstDecodeSerf::coordinateTagsAndPushPullState()
{
    const QJsonObject coordinate = fieldsAt(m_decoded, 9)[QStringLiteral("coordinate")].toObject();
    QCOMPARE(coordinate[QStringLiteral("vec")].toArray().size(), 8);
    QCOMPARE(coordinate[QStringLiteral("vec")][0].toDouble(), 0.001);
    QCOMPARE(coordinate[QStringLiteral("error")].toDouble(), 1.5);
    QCOMPARE(coordinate[QStringLiteral("adjustment")].toDouble(), -0.0002);

    const QJsonObject role{{QStringLiteral("role"), QStringLiteral("web")}};
    QCOMPARE(fieldsAt(m_decoded, 1)[QStringLiteral("tags")].toObject(), role);
    const QJsonObject pushPull = fieldsAt(m_decoded, 13);
    QCOMPARE(pushPull[QStringLiteral("nodes")][0][QStringLiteral("tags")].toObject(), role);
    QCOMPARE(m_decoded.summary[QStringLiteral("members")][0][QStringLiteral("tags")].toObject(),
             role);
    const QJsonObject state = pushPull[QStringLiteral("serf")].toObject();
    QCOMPARE(state[QStringLiteral("type")].toString(), QStringLiteral("serf-push-pull"));
    const QJsonObject s = state[QStringLiteral("fields")].toObject();
    QCOMPARE(s[QStringLiteral("ltime")].toString(), QStringLiteral("3"));
    QCOMPARE(s[QStringLiteral("status_ltimes")].toObject(),
             (QJsonObject{{QStringLiteral("s1"), QStringLiteral("2")}}));
    QCOMPARE(s[QStringLiteral("query_ltime")].toString(), QStringLiteral("9"));
    QCOMPARE(s[QStringLiteral("events")][0][QStringLiteral("name")].toString(),
             QStringLiteral("deploy"));
    QCOMPARE(s[QStringLiteral("events")][0][QStringLiteral("payload")].toString(),
             QStringLiteral("v2"));
}

void TstDecodeSerf::othersAreNotMistakenForSerf()
{
    const QJsonObject envelope = fieldsAt(m_decoded, 11);
    QVERIFY(!envelope.contains(QStringLiteral("serf")));
    QCOMPARE(envelope[QStringLiteral("grapevine_value")][QStringLiteral("value")].toString(),
             QStringLiteral("blue"));
    const QJsonObject plain = fieldsAt(m_decoded, 12);
    QVERIFY(!plain.contains(QStringLiteral("serf")));
    QCOMPARE(plain[QStringLiteral("text")].toString(), QStringLiteral("plain text"));
}

QTEST_GUILESS_MAIN(TstDecodeSerf)
#include "tst_decode_serf.moc"
