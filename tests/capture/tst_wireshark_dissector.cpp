// packaging/wireshark/memberlist.lua run by the real tshark (Debian's Wireshark 4.0) on a
// pcapng exported by core/capture: every layer and the fields a user filters on come out
// as expected, across UDP and a push/pull split over two TCP segments, and no Lua error.
#include "capture_fixtures.h"

#include "core/capture/record_exporter.h"
#include "core/value/envelope.h"
#include "core/wire/msgpack_writer.h"
#include "tests/support/peer_required.h"

#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace grapevine;
using namespace grapevine::capture;
using namespace grapevine::capture::testing;

namespace {

const wire::Endpoint kA = endpoint(1, 7946);
const wire::Endpoint kB = endpoint(2, 7946);
const wire::Endpoint kDialler = endpoint(1, 52000);

CaptureRecord record(std::int64_t timeNs, Transport channel, const wire::Endpoint &from,
                     const wire::Endpoint &to, wire::Bytes raw)
{
    CaptureRecord r;
    r.timeNs = timeNs;
    r.channel = channel;
    r.from = from;
    r.to = to;
    r.raw = std::move(raw);
    return r;
}

wire::Message ping(std::uint32_t seq, const std::string &node)
{
    wire::Ping p;
    p.seqNo = seq;
    p.node = node;
    return p;
}

// Serf's user event (type 3) as Serf sends it inside a memberlist user message.
wire::Bytes serfUserEvent()
{
    wire::Bytes out{3};
    wire::MsgpackWriter w(&out);
    w.mapHeader(4);
    w.str("LTime");
    w.uint(5);
    w.str("Name");
    w.str("deploy");
    w.str("Payload");
    w.bytes(wire::toBytes("v2"));
    w.str("CC");
    w.boolean(false);
    return out;
}

wire::PushPull pushPull()
{
    wire::PushPull pp;
    for (std::uint8_t i = 1; i <= 3; ++i) {
        wire::PushNodeState node;
        node.name = "n" + std::to_string(i);
        node.addr = wire::SmallBytes(wire::Bytes{10, 0, 0, i});
        node.port = 7946;
        node.incarnation = 10 + i;
        node.state = i == 3 ? wire::NodeState::Suspect : wire::NodeState::Alive;
        node.vsn = wire::SmallBytes(wire::Bytes{1, 5, 2, 0, 0, 0});
        pp.nodes.push_back(node);
    }
    return pp;
}

std::vector<CaptureRecord> records()
{
    std::vector<CaptureRecord> out;
    wire::PacketOptions crc;
    crc.crc = true;
    out.push_back(record(1, Transport::Udp, kA, kB,
                         sealed({alive("n1", 3, 1), alive("n2", 4, 2), ping(7, "n2")}, crc)));
    wire::PacketOptions labelled;
    labelled.label = "prod";
    out.push_back(record(2, Transport::Udp, kB, kA, sealed({ping(9, "n1")}, labelled)));
    wire::Keyring ring;
    (void)ring.addKey(wire::Bytes(16, 1));
    wire::PacketOptions encrypted;
    encrypted.keyring = &ring;
    out.push_back(record(3, Transport::Udp, kA, kB, sealed({ping(11, "n2")}, encrypted)));
    wire::StreamOptions stream;
    const wire::Bytes frame = wire::encodeFrame(pushPull(), stream, {});
    const auto half = std::ptrdiff_t(frame.size() / 2);
    out.push_back(
        record(4, Transport::Tcp, kDialler, kB, wire::Bytes(frame.begin(), frame.begin() + half)));
    out.push_back(
        record(5, Transport::Tcp, kDialler, kB, wire::Bytes(frame.begin() + half, frame.end())));
    wire::StreamOptions plainStream;
    plainStream.compress = false;
    out.push_back(record(6, Transport::Tcp, kB, kDialler,
                         wire::encodeFrame(wire::UserMsg{serfUserEvent()}, plainStream, {})));
    value::Entry entry{"hello", {42, "n1"}, 0};
    out.push_back(
        record(7, Transport::Udp, kA, kB,
               sealed({wire::Dead{3, "n1", "n1"}, wire::UserMsg{value::encodeEnvelope(entry)}})));
    return out;
}

} // namespace

class TstWiresharkDissector : public QObject {
    Q_OBJECT
private slots:
    void tsharkShowsEveryLayerAndField();
};

void TstWiresharkDissector::tsharkShowsEveryLayerAndField()
{
    const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    GRAPEVINE_REQUIRE_PEER(!tshark.isEmpty(), QStringLiteral("tshark (Debian package tshark)"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.pcapng"));
    RecordExporter exporter(ExportPayload::AsCaptured);
    QVERIFY(exporter.open(path.toStdString()).ok());
    for (const CaptureRecord &r : records())
        QVERIFY(exporter.write(r));
    QVERIFY(exporter.close());

    QProcess process;
    process.start(tshark, {QStringLiteral("-X"), QStringLiteral("lua_script:" GRAPEVINE_DISSECTOR),
                           QStringLiteral("-r"), path,
                           QStringLiteral("-T"), QStringLiteral("fields"),
                           QStringLiteral("-E"), QStringLiteral("separator=|"),
                           QStringLiteral("-E"), QStringLiteral("aggregator=,"),
                           QStringLiteral("-e"), QStringLiteral("frame.number"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.type"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.node"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.incarnation"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.seq"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.label"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.encryption_version"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.crc_ok"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.compound_parts"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.state"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.serf.name"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.grapevine.value"),
                           QStringLiteral("-e"), QStringLiteral("memberlist.compressed"),
                           QStringLiteral("-e"), QStringLiteral("_ws.lua.text")});
    QVERIFY(process.waitForFinished(60000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitCode() == 0, qPrintable(err));
    QVERIFY2(!out.contains(QLatin1String("Lua Error")) && !err.contains(QLatin1String("Lua Error")),
             qPrintable(out + err));
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // frame|type|node|incarnation|seq|label|encryption|crc_ok|parts|state|serf|grapevine|compressed|lua
    // Compressed sizes are exact: our LZW output is deterministic (and Go-compatible).
    const QStringList expected = {
        QStringLiteral("1|4,4,0|n1,n2,n2|3,4|7|||1|3||||123|"), // crc, compressed, compound
        QStringLiteral("2|0|n1||9|prod||||||||"),               // labelled
        QStringLiteral("3||||||1|||||||"),                      // encrypted (version 1)
        QStringLiteral("4|||||||||||||"),                       // first half of a push/pull
        QStringLiteral("5|6|n1,n2,n3|11,12,13||||||alive,alive,suspect|||176|"), // reassembled
        QStringLiteral("6|8|||||||||deploy|||"),      // Serf user event over TCP
        QStringLiteral("7|5,8|n1|3|||||2|||hello||"), // leave + Grapevine value
    };
    QCOMPARE(lines.size(), expected.size());
    for (qsizetype i = 0; i < lines.size(); ++i)
        QCOMPARE(lines[i], expected[i]);
}

GRAPEVINE_TEST_GUILESS_MAIN(TstWiresharkDissector)
#include "tst_wireshark_dissector.moc"
