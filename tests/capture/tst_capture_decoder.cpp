// The capture path end to end below the sockets: pcap files written by libpcap, frames
// through link layer, reassembly and core/wire, records and the reconstructed membership.
#include "capture_fixtures.h"
#include "pcap_test_file.h"

#include "core/capture/capture_decoder.h"
#include "core/capture/pcap_file.h"
#include "core/capture/record_exporter.h"
#include "core/wire/crypto.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace grapevine;
using namespace grapevine::capture;
using namespace grapevine::capture::testing;

namespace {

const wire::Endpoint kA = endpoint(1, 7946);
const wire::Endpoint kB = endpoint(2, 7946);
const wire::Endpoint kDialler = endpoint(1, 51000);

wire::Keyring keyring(std::uint8_t fill)
{
    wire::Keyring ring;
    (void)ring.addKey(wire::Bytes(16, fill));
    return ring;
}

std::vector<CaptureRecord> decodeSegments(const std::vector<Segment> &segments,
                                          DecodeOptions options = {})
{
    CaptureDecoder decoder(std::move(options));
    std::int64_t t = 1'000'000'000;
    for (const Segment &segment : segments)
        decoder.handleFrame(frameOf(segment, kLinkEthernet, t += 1000));
    decoder.finish();
    return decoder.drainRecords();
}

wire::PushPull pushPull()
{
    wire::PushPull pp;
    pp.join = true;
    for (std::uint8_t i = 1; i <= 3; ++i) {
        wire::PushNodeState node;
        node.name = "n" + std::to_string(i);
        node.addr = wire::SmallBytes(wire::Bytes{10, 0, 0, i});
        node.port = 7946;
        node.incarnation = i;
        node.vsn = wire::SmallBytes(wire::Bytes{1, 5, 2, 0, 0, 0});
        pp.nodes.push_back(node);
    }
    return pp;
}

wire::Message ping(std::uint32_t seq, const std::string &node)
{
    wire::Ping p;
    p.seqNo = seq;
    p.node = node;
    return p;
}

std::string joined(const std::vector<std::string> &parts)
{
    std::string out;
    for (const std::string &part : parts)
        out += (out.empty() ? "" : ",") + part;
    return out;
}

} // namespace

class TstCaptureDecoder : public QObject {
    Q_OBJECT
private slots:
    void compoundDatagramDecodesEveryPart();
    void encryptedDatagramsDecodeWithTheKey_data();
    void encryptedDatagramsDecodeWithTheKey();
    void encryptedDatagramWithoutKeySaysSo();
    void wrongKeyIsReportedAsADecryptError();
    void plaintextIsReadEvenWhenKeysAreGiven();
    void badDatagramIsKeptWithItsReason();
    void pushPullOverTcpIsReassembledAndDecrypted();
    void encryptedStreamWithoutKeyListsEveryFrame();
    void streamThatLostBytesSaysSo();
    void portFilterIgnoresOtherTraffic();
    void membershipFollowsMemberlistPrecedence();
    void pushPullStatesJoinTheMembership();
    void pcapFileFramesDecodeWithNanosecondTimes();
    void truncatedFileKeepsEverythingBeforeTheCut();
    void corruptFileIsRefusedWithLibpcapsReason();
    void exportThenReopenGivesTheSameRows();
    void decryptedExportIsMarkedAndReadsWithoutKey();
};

void TstCaptureDecoder::compoundDatagramDecodesEveryPart()
{
    wire::PacketOptions options;
    options.crc = true;
    const std::vector<wire::Message> sent{alive("n1", 1, 1), alive("n2", 1, 2), ping(7, "n2")};
    const auto records = decodeSegments({udp(kA, kB, sealed(sent, options))});
    QCOMPARE(records.size(), std::size_t(1));
    const CaptureRecord &r = records[0];
    QVERIFY2(r.decoded(), r.error.c_str());
    QCOMPARE(joined(r.layers), std::string("crc,compressed,compound"));
    QVERIFY(r.messages == sent);
    QCOMPARE(r.channel, Transport::Udp);
    QVERIFY(r.from == kA && r.to == kB);
}

void TstCaptureDecoder::encryptedDatagramsDecodeWithTheKey_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("label");
    QTest::newRow("v0") << 0 << QString();
    QTest::newRow("v1") << 1 << QString();
    QTest::newRow("v1 labelled") << 1 << QStringLiteral("prod");
    QTest::newRow("v0 labelled") << 0 << QStringLiteral("prod");
}

void TstCaptureDecoder::encryptedDatagramsDecodeWithTheKey()
{
    QFETCH(int, version);
    QFETCH(QString, label);
    const wire::Keyring ring = keyring(3);
    wire::PacketOptions options;
    options.keyring = &ring;
    options.encryptionVersion = version;
    options.label = label.toStdString();
    const std::vector<wire::Message> sent{alive("n1", 4, 1)};
    DecodeOptions decode;
    (void)decode.keyring.addKey(wire::Bytes(16, 9)); // a key that does not fit is tried too
    (void)decode.keyring.addKey(wire::Bytes(16, 3));
    const auto records = decodeSegments({udp(kA, kB, sealed(sent, options))}, std::move(decode));
    QCOMPARE(records.size(), std::size_t(1));
    QVERIFY2(records[0].decoded(), records[0].error.c_str());
    QVERIFY(records[0].messages == sent);
    QCOMPARE(records[0].label, label.toStdString());
    QCOMPARE(joined(records[0].layers),
             std::string(label.isEmpty() ? "encrypted" : "label,encrypted"));
    QVERIFY(!records[0].decrypted.empty());
}

void TstCaptureDecoder::encryptedDatagramWithoutKeySaysSo()
{
    const wire::Keyring ring = keyring(3);
    wire::PacketOptions options;
    options.keyring = &ring;
    const auto records = decodeSegments({udp(kA, kB, sealed({ping(1, "b")}, options))});
    QCOMPARE(records.size(), std::size_t(1));
    QVERIFY(!records[0].decoded());
    QVERIFY2(records[0].error.find("no key") != std::string::npos, records[0].error.c_str());
    QCOMPARE(joined(records[0].layers), std::string("encrypted"));
}

void TstCaptureDecoder::wrongKeyIsReportedAsADecryptError()
{
    const wire::Keyring ring = keyring(3);
    wire::PacketOptions options;
    options.keyring = &ring;
    DecodeOptions decode;
    decode.keyring = keyring(4);
    const auto records =
        decodeSegments({udp(kA, kB, sealed({ping(1, "b")}, options))}, std::move(decode));
    QVERIFY(!records.at(0).decoded());
    QVERIFY2(records[0].error.starts_with("decrypt"), records[0].error.c_str());
}

void TstCaptureDecoder::plaintextIsReadEvenWhenKeysAreGiven()
{
    DecodeOptions decode;
    decode.keyring = keyring(4);
    const auto records = decodeSegments({udp(kA, kB, sealed({ping(1, "b")}))}, std::move(decode));
    QVERIFY2(records.at(0).decoded(), records[0].error.c_str());
    QVERIFY(records[0].layers.empty());
}

void TstCaptureDecoder::badDatagramIsKeptWithItsReason()
{
    const wire::Bytes garbage{0x04, 0x81, 0xa4}; // an alive whose map ends early
    const auto records = decodeSegments({udp(kA, kB, garbage)});
    QCOMPARE(records.size(), std::size_t(1));
    QVERIFY(!records[0].decoded());
    QVERIFY2(records[0].error.starts_with("alive"), records[0].error.c_str());
    QVERIFY(records[0].raw == garbage);
}

void TstCaptureDecoder::pushPullOverTcpIsReassembledAndDecrypted()
{
    const wire::Keyring ring = keyring(5);
    wire::StreamOptions stream;
    stream.keyring = &ring;
    stream.label = "prod";
    wire::Bytes request = wire::streamLabelHeader("prod");
    const wire::Bytes frame = wire::encodeFrame(pushPull(), stream, nonce());
    request.insert(request.end(), frame.begin(), frame.end());
    const wire::Bytes reply = wire::encodeFrame(pushPull(), stream, nonce());
    const std::size_t third = request.size() / 3;
    auto part = [&](std::size_t from, std::size_t to) {
        return wire::Bytes(request.begin() + std::ptrdiff_t(from),
                           request.begin() + std::ptrdiff_t(to));
    };
    DecodeOptions decode;
    decode.keyring = keyring(5);
    const auto records = decodeSegments(
        {tcp(kDialler, kB, 99, {}, kTcpSyn), tcp(kB, kDialler, 499, {}, kTcpSyn),
         tcp(kDialler, kB, 100 + std::uint32_t(2 * third), part(2 * third, request.size())),
         tcp(kDialler, kB, 100, part(0, third)),
         tcp(kDialler, kB, 100 + std::uint32_t(third), part(third, 2 * third)),
         tcp(kB, kDialler, 500, reply),
         tcp(kB, kDialler, 500 + std::uint32_t(reply.size()), {}, kTcpFin)},
        std::move(decode));
    QCOMPARE(records.size(), std::size_t(2));
    for (const CaptureRecord &r : records) {
        QVERIFY2(r.decoded(), r.error.c_str());
        QCOMPARE(r.channel, Transport::Tcp);
        QCOMPARE(r.label, std::string("prod"));
        QVERIFY(r.messages.at(0) == wire::Message(pushPull()));
    }
    QCOMPARE(joined(records[0].layers), std::string("label,encrypted"));
    QCOMPARE(joined(records[1].layers), std::string("encrypted"));
    QVERIFY(records[0].raw == request);
    QVERIFY(records[1].from == kB);
}

void TstCaptureDecoder::encryptedStreamWithoutKeyListsEveryFrame()
{
    const wire::Keyring ring = keyring(5);
    wire::StreamOptions stream;
    stream.keyring = &ring;
    wire::Bytes bytes = wire::encodeFrame(pushPull(), stream, nonce());
    const wire::Bytes user = wire::encodeFrame(wire::UserMsg{{1, 2, 3}}, stream, nonce());
    bytes.insert(bytes.end(), user.begin(), user.end());
    const auto records = decodeSegments({tcp(kDialler, kB, 1, bytes)});
    QCOMPARE(records.size(), std::size_t(2));
    for (const CaptureRecord &r : records) {
        QVERIFY(r.error.find("no key") != std::string::npos);
        QCOMPARE(joined(r.layers), std::string("encrypted"));
    }
    QCOMPARE(records[1].raw, user);
}

void TstCaptureDecoder::streamThatLostBytesSaysSo()
{
    wire::StreamOptions stream;
    stream.compress = false;
    const wire::Bytes frame = wire::encodeFrame(pushPull(), stream, {});
    const wire::Bytes tail(frame.begin() + 10, frame.end());
    const auto records =
        decodeSegments({tcp(kDialler, kB, 0, {}, kTcpSyn), tcp(kDialler, kB, 11, tail),
                        tcp(kDialler, kB, 1 + std::uint32_t(frame.size()), {}, kTcpFin)});
    QVERIFY(!records.empty());
    QVERIFY2(records[0].error.find("10 bytes of this stream were not captured") !=
                 std::string::npos,
             records[0].error.c_str());
}

void TstCaptureDecoder::portFilterIgnoresOtherTraffic()
{
    DecodeOptions decode;
    decode.ports = {7946};
    CaptureDecoder decoder(std::move(decode));
    decoder.handleFrame(frameOf(udp(endpoint(1, 53), endpoint(2, 5353), {1, 2, 3})));
    decoder.handleFrame(frameOf(udp(endpoint(1, 40000), kB, sealed({ping(1, "b")}))));
    decoder.finish();
    QCOMPARE(decoder.drainRecords().size(), std::size_t(1));
    QCOMPARE(decoder.stats().otherFrames, std::uint64_t(1));
    QCOMPARE(decoder.stats().frames, std::uint64_t(2));
}

void TstCaptureDecoder::membershipFollowsMemberlistPrecedence()
{
    MembershipHistory history;
    auto at = [&](std::int64_t t, wire::Message m) {
        CaptureRecord r;
        r.timeNs = t;
        r.messages.push_back(std::move(m));
        history.handleRecord(r);
    };
    at(10, alive("n1", 1, 1));
    at(20, wire::Suspect{1, "n1", "n2"});
    at(25, alive("n1", 1, 1));            // the same incarnation cannot refute
    at(30, alive("n1", 2, 1));            // the refutation
    at(35, wire::Suspect{1, "n1", "n3"}); // stale
    at(40, wire::Dead{2, "n1", "n1"});    // its own dead: a leave
    at(50, wire::Dead{0, "ghost", "n2"}); // first met dead: listed too
    QCOMPARE(history.members().at("n1").state, wire::NodeState::Left);
    QCOMPARE(history.members().at("n1").incarnation, 2u);
    QCOMPARE(history.members().at("ghost").state, wire::NodeState::Dead);
    QCOMPARE(history.changes().size(), std::size_t(5));
    QCOMPARE(history.membersAt(22).at("n1").state, wire::NodeState::Suspect);
    QCOMPARE(history.membersAt(30).at("n1").incarnation, 2u);
    QCOMPARE(history.membersAt(30).at("n1").state, wire::NodeState::Alive);
    QVERIFY(!history.membersAt(45).contains("ghost"));
}

void TstCaptureDecoder::pushPullStatesJoinTheMembership()
{
    wire::PushPull pp = pushPull();
    pp.nodes[2].state = wire::NodeState::Suspect;
    wire::StreamOptions stream;
    const auto records = decodeSegments({tcp(kDialler, kB, 1, wire::encodeFrame(pp, stream, {}))});
    MembershipHistory history;
    for (const auto &r : records)
        history.handleRecord(r);
    QCOMPARE(history.members().size(), std::size_t(3));
    QCOMPARE(history.members().at("n3").state, wire::NodeState::Suspect);
    QCOMPARE(history.members().at("n2").address.toString(), std::string("10.0.0.2:7946"));
}

void TstCaptureDecoder::pcapFileFramesDecodeWithNanosecondTimes()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("sll2.pcap")).toStdString();
    QVERIFY(writePcap(
        path, kLinkLinuxSll2,
        {frameOf(udp(kA, kB, sealed({ping(1, "b")})), kLinkLinuxSll2, 1'700'000'000'123'456'789)}));
    auto file = PcapFile::open(path);
    QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
    QCOMPARE((*file)->linkType(), kLinkLinuxSll2);
    CapturedFrame frame;
    QCOMPARE((*file)->next(frame), PcapFile::Status::Frame);
    QCOMPARE(frame.timeNs, std::int64_t(1'700'000'000'123'456'789));
    QCOMPARE(frame.number, std::uint64_t(1));
    CaptureDecoder decoder({});
    decoder.handleFrame(frame);
    QCOMPARE(decoder.drainRecords().at(0).messages.size(), std::size_t(1));
    QCOMPARE((*file)->next(frame), PcapFile::Status::End);
}

void TstCaptureDecoder::truncatedFileKeepsEverythingBeforeTheCut()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("cut.pcap")).toStdString();
    std::vector<CapturedFrame> frames;
    for (std::uint32_t i = 0; i < 5; ++i)
        frames.push_back(frameOf(udp(kA, kB, sealed({ping(i, "b")}))));
    QVERIFY(writePcap(path, kLinkEthernet, frames));
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 10);
    auto file = PcapFile::open(path);
    QVERIFY(file.ok());
    CapturedFrame frame;
    int read = 0;
    while ((*file)->next(frame) == PcapFile::Status::Frame)
        ++read;
    QCOMPARE(read, 4);
    QCOMPARE((*file)->next(frame), PcapFile::Status::Failed);
    QVERIFY2((*file)->error().find("truncated") != std::string::npos, (*file)->error().c_str());
    QVERIFY2((*file)->error().starts_with("after frame 4"), (*file)->error().c_str());
}

void TstCaptureDecoder::corruptFileIsRefusedWithLibpcapsReason()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("corrupt.pcap"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("this is not a capture file at all");
    out.close();
    auto file = PcapFile::open(path.toStdString());
    QVERIFY(!file.ok());
    QVERIFY2(file.error().message.find("unknown file format") != std::string::npos,
             file.error().message.c_str());
    QVERIFY(!PcapFile::open(dir.filePath(QStringLiteral("missing")).toStdString()).ok());
}

void TstCaptureDecoder::exportThenReopenGivesTheSameRows()
{
    const wire::Keyring ring = keyring(5);
    wire::PacketOptions packet;
    packet.keyring = &ring;
    packet.label = "prod";
    wire::StreamOptions stream;
    const std::vector<Segment> segments{
        udp(kA, kB, sealed({alive("n1", 1, 1), ping(3, "n2")})),
        udp(kB, kA, sealed({wire::Ack{3, {}}}, packet)),
        tcp(kDialler, kB, 1, wire::encodeFrame(pushPull(), stream, {})),
        tcp(kB, kDialler, 1, wire::encodeFrame(pushPull(), stream, {})),
        udp(kA, kB, wire::Bytes{0x04, 0x81})};
    DecodeOptions decode;
    decode.keyring = keyring(5);
    const auto before = decodeSegments(segments, decode);
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("export.pcapng")).toStdString();
    RecordExporter exporter(ExportPayload::AsCaptured);
    QVERIFY(exporter.open(path).ok());
    for (const CaptureRecord &r : before)
        QVERIFY(exporter.write(r));
    QVERIFY(exporter.close());

    auto file = PcapFile::open(path);
    QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
    CaptureDecoder decoder(decode);
    CapturedFrame frame;
    while ((*file)->next(frame) == PcapFile::Status::Frame)
        decoder.handleFrame(frame);
    QCOMPARE((*file)->error(), std::string());
    decoder.finish();
    const auto after = decoder.drainRecords();
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        QCOMPARE(after[i].timeNs, before[i].timeNs);
        QVERIFY(after[i].from == before[i].from && after[i].to == before[i].to);
        QCOMPARE(after[i].channel, before[i].channel);
        QCOMPARE(joined(after[i].layers), joined(before[i].layers));
        QVERIFY(after[i].messages == before[i].messages);
        QCOMPARE(after[i].error, before[i].error);
        QVERIFY(after[i].raw == before[i].raw);
    }
}

void TstCaptureDecoder::decryptedExportIsMarkedAndReadsWithoutKey()
{
    const wire::Keyring ring = keyring(5);
    wire::PacketOptions packet;
    packet.keyring = &ring;
    wire::StreamOptions stream;
    stream.keyring = &ring;
    DecodeOptions decode;
    decode.keyring = keyring(5);
    const auto before =
        decodeSegments({udp(kA, kB, sealed({alive("n1", 1, 1)}, packet)),
                        tcp(kDialler, kB, 1, wire::encodeFrame(pushPull(), stream, nonce()))},
                       decode);
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("plain.pcapng")).toStdString();
    RecordExporter exporter(ExportPayload::Decrypted);
    QVERIFY(exporter.open(path).ok());
    for (const CaptureRecord &r : before)
        QVERIFY(exporter.write(r));
    QVERIFY(exporter.close());
    auto file = PcapFile::open(path);
    QVERIFY(file.ok());
    CaptureDecoder decoder({}); // no key: the export is plaintext
    CapturedFrame frame;
    while ((*file)->next(frame) == PcapFile::Status::Frame)
        decoder.handleFrame(frame);
    decoder.finish();
    const auto after = decoder.drainRecords();
    QCOMPARE(after.size(), std::size_t(2));
    for (std::size_t i = 0; i < 2; ++i) {
        QVERIFY2(after[i].decoded(), after[i].error.c_str());
        QVERIFY(after[i].messages == before[i].messages);
    }
    // The packet comment marks each decrypted packet.
    QFile raw(QString::fromStdString(path));
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QCOMPARE(raw.readAll().count(kDecryptedComment), qsizetype(2));
}

QTEST_APPLESS_MAIN(TstCaptureDecoder)
#include "tst_capture_decoder.moc"
