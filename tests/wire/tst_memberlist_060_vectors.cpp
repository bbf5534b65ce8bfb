// Bytes captured from real memberlist v0.6.0 nodes (vectors/memberlist-0.6.0/README.md):
// each vector must decode to exactly the fields the Go node sent, and our encoder, given
// those fields and the same options (and the captured nonce), must produce the same bytes.
// Covers what memberlist >= 0.5.1 writes differently from the 0.2.2 Debian peer: the
// signed msgpack ints of Go `int` fields, the label header, protocol-5 CRCs, and
// push/pull with more than 127 nodes.
#include "core/wire/packet.h"
#include "core/wire/stream.h"
#include "memberlist_060_expected.h"

#include <QFile>
#include <QTest>

#include <set>

using namespace grapevine::wire;
using namespace grapevine::wire::ml060;

namespace {

Bytes load(const std::string &name)
{
    QFile file(
        QStringLiteral(GRAPEVINE_ML060_VECTORS_DIR "/%1.hex").arg(QString::fromStdString(name)));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return fromHex(file.readAll().trimmed().toStdString());
}

PacketOptions packetOptions(const Setup &setup, const Keyring &ring, bool crc)
{
    PacketOptions options;
    options.compress = setup.compress;
    options.crc = crc;
    options.keyring = setup.encrypted ? &ring : nullptr;
    options.label = setup.label;
    options.encryptionVersion = setup.encryptionVersion;
    options.intStyle = IntStyle::V2Signed;
    return options;
}

StreamOptions streamOptions(const Setup &setup, const Keyring &ring)
{
    StreamOptions options;
    options.compress = setup.compress;
    options.keyring = setup.encrypted ? &ring : nullptr;
    options.label = setup.label;
    options.encryptionVersion = setup.encryptionVersion;
    options.intStyle = IntStyle::V2Signed;
    return options;
}

Keyring goKeyring(const Setup &setup)
{
    Keyring ring;
    (void)ring.addKey(pattern(setup.keyBytes, 1, 0));
    return ring;
}

// The 12-byte nonce Go chose: right after the encryption version byte.
Bytes nonceAt(ByteView bytes, std::size_t versionOffset)
{
    if (bytes.size() < versionOffset + 13)
        return {};
    return Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(versionOffset + 1),
                 bytes.begin() + static_cast<std::ptrdiff_t>(versionOffset + 13));
}

std::size_t labelHeaderSize(const std::string &label)
{
    return label.empty() ? 0 : 2 + label.size();
}

// Decodes a whole captured stream, fed in chunks so the incremental reader is used.
Result<Message> decodeStream(ByteView bytes, const StreamOptions &options, bool dialled,
                             std::size_t chunk)
{
    StreamDecoder decoder(options, dialled ? StreamLabel::Expect : StreamLabel::Forbid);
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
        decoder.feed(bytes.subspan(at, std::min(chunk, bytes.size() - at)));
        if (auto frame = decoder.next()) {
            if (frame->ok() && (decoder.buffered() != 0 || at + chunk < bytes.size()))
                return makeError("bytes left after the frame");
            return std::move(*frame);
        }
    }
    return makeError("stream ended inside the frame");
}

QByteArray hexOf(ByteView bytes)
{
    return QByteArray::fromStdString(toHex(bytes));
}

} // namespace

class TestMemberlist060Vectors : public QObject {
    Q_OBJECT

private slots:
    void everyVectorFileIsPresent();
    void udpVectorDecodesToGoFields_data();
    void udpVectorDecodesToGoFields();
    void udpVectorReencodesToGoBytes_data() { udpVectorDecodesToGoFields_data(); }
    void udpVectorReencodesToGoBytes();
    void streamVectorDecodesToGoFields_data();
    void streamVectorDecodesToGoFields();
    void streamVectorReencodesToGoBytes_data() { streamVectorDecodesToGoFields_data(); }
    void streamVectorReencodesToGoBytes();
    void goIntFieldsAreSignedMsgpack();
    void pushPullOf131NodesDecodesEveryNode();
    void userStateOver32KiBHasInt32Length();
    void labelMismatchIsRefusedBothWays();
    void wrongKeyOpensNothing();
};

void TestMemberlist060Vectors::everyVectorFileIsPresent()
{
    std::vector<std::string> names = {"tcp-pushpull-131-nodes", "tcp-pushpull-userstate-33000"};
    for (const auto &vec : udpVectors())
        names.push_back(vec.name);
    for (const auto &vec : streamVectors())
        names.push_back(vec.name);
    for (const auto &name : names)
        QVERIFY2(!load(name).empty(), name.c_str());
    QCOMPARE(names.size(), std::size_t{44});
}

void TestMemberlist060Vectors::udpVectorDecodesToGoFields_data()
{
    QTest::addColumn<int>("index");
    const auto vectors = udpVectors();
    for (std::size_t i = 0; i < vectors.size(); ++i)
        QTest::newRow(vectors[i].name.c_str()) << static_cast<int>(i);
}

void TestMemberlist060Vectors::udpVectorDecodesToGoFields()
{
    QFETCH(int, index);
    const UdpVector vec = udpVectors()[static_cast<std::size_t>(index)];
    const Keyring ring = goKeyring(vec.setup);
    const Bytes go = load(vec.name);
    const auto opened = openPacket(go, packetOptions(vec.setup, ring, false));
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
    QCOMPARE(opened->layers, vec.layers);
    QCOMPARE(opened->truncatedParts, 0);
    QVERIFY(opened->partErrors.empty());
    QCOMPARE(opened->messages.size(), vec.messages.size());
    for (std::size_t i = 0; i < vec.messages.size(); ++i)
        QVERIFY2(opened->messages[i] == vec.messages[i], describe(opened->messages[i]).c_str());
}

void TestMemberlist060Vectors::udpVectorReencodesToGoBytes()
{
    QFETCH(int, index);
    const UdpVector vec = udpVectors()[static_cast<std::size_t>(index)];
    const Keyring ring = goKeyring(vec.setup);
    const Bytes go = load(vec.name);
    const bool crc = std::find(vec.layers.begin(), vec.layers.end(), "crc") != vec.layers.end();
    const Bytes nonce = nonceAt(go, labelHeaderSize(vec.setup.label));
    const auto ours = sealPacketChecked(vec.messages, packetOptions(vec.setup, ring, crc), nonce);
    QVERIFY2(ours.ok(), ours.ok() ? "" : ours.error().message.c_str());
    QCOMPARE(hexOf(*ours), hexOf(go));
}

void TestMemberlist060Vectors::streamVectorDecodesToGoFields_data()
{
    QTest::addColumn<int>("index");
    const auto vectors = streamVectors();
    for (std::size_t i = 0; i < vectors.size(); ++i)
        QTest::newRow(vectors[i].name.c_str()) << static_cast<int>(i);
}

void TestMemberlist060Vectors::streamVectorDecodesToGoFields()
{
    QFETCH(int, index);
    const StreamVector vec = streamVectors()[static_cast<std::size_t>(index)];
    const Keyring ring = goKeyring(vec.setup);
    const Bytes go = load(vec.name);
    for (const std::size_t chunk : {std::size_t{7}, go.size()}) {
        const auto decoded = decodeStream(go, streamOptions(vec.setup, ring), vec.dialled, chunk);
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
        QVERIFY2(decoded.value() == vec.message, describe(decoded.value()).c_str());
    }
}

void TestMemberlist060Vectors::streamVectorReencodesToGoBytes()
{
    QFETCH(int, index);
    const StreamVector vec = streamVectors()[static_cast<std::size_t>(index)];
    const Keyring ring = goKeyring(vec.setup);
    const Bytes go = load(vec.name);
    Bytes ours = vec.dialled ? streamLabelHeader(vec.setup.label) : Bytes{};
    const std::size_t frameStart = ours.size();
    // An encrypted frame is 0a, a 4-byte length, then the version byte and the nonce.
    const Bytes nonce = nonceAt(go, frameStart + 5);
    const Bytes frame = encodeFrame(vec.message, streamOptions(vec.setup, ring), nonce);
    QVERIFY(!frame.empty());
    ours.insert(ours.end(), frame.begin(), frame.end());
    QCOMPARE(hexOf(ours), hexOf(go));
}

void TestMemberlist060Vectors::goIntFieldsAreSignedMsgpack()
{
    // UserMsgLen = 200 is int16 d1 00 c8 (0.2.2 wrote cc c8); Nodes = 131 is d1 00 83 and
    // UserStateLen = 300 is d1 01 2c; 33000 is int32 d2 00 00 80 e8.
    const auto contains = [](const Bytes &bytes, const char *hex) {
        const Bytes needle = fromHex(hex);
        return std::search(bytes.begin(), bytes.end(), needle.begin(), needle.end()) != bytes.end();
    };
    QVERIFY(contains(load("tcp-user-200"), "08 81 aa 55 73 65 72 4d 73 67 4c 65 6e d1 00 c8"));
    const Bytes big = load("tcp-pushpull-131-nodes");
    QCOMPARE(hexOf(ByteView(big).first(38)),
             hexOf(fromHex("06 83 a4 4a 6f 69 6e c3 a5 4e 6f 64 65 73 d1 00 83 ac 55 73 65 72 "
                           "53 74 61 74 65 4c 65 6e d1 01 2c 87 a4 41 64 64")));
    QVERIFY(contains(load("tcp-pushpull-userstate-33000"),
                     "ac 55 73 65 72 53 74 61 74 65 4c 65 6e d2 00 00 80 e8"));
    // Our 0.2.2-style encoding differs in those bytes only (Nodes cc 83 is one byte shorter;
    // 300 is cd 01 2c, as long as d1 01 2c), and decodes to the same message.
    const auto decoded = decodeFrame(big, streamOptions(kPlainSetup, Keyring{}));
    QVERIFY(decoded.ok());
    const Bytes unsigned05 = encodeMessage(decoded.value(), Channel::Tcp, IntStyle::Go05Unsigned);
    QVERIFY(contains(unsigned05, "a5 4e 6f 64 65 73 cc 83 ac"));
    QVERIFY(contains(unsigned05, "ac 55 73 65 72 53 74 61 74 65 4c 65 6e cd 01 2c"));
    QCOMPARE(unsigned05.size() + 1, big.size());
    QVERIFY(decodeMessage(unsigned05, Channel::Tcp).value() == decoded.value());
}

void TestMemberlist060Vectors::pushPullOf131NodesDecodesEveryNode()
{
    const Bytes go = load("tcp-pushpull-131-nodes");
    const auto decoded = decodeStream(go, streamOptions(kPlainSetup, Keyring{}), false, 1000);
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
    const auto &pp = std::get<PushPull>(decoded.value());
    QVERIFY(pp.join);
    QCOMPARE(pp.nodes.size(), std::size_t{131});
    QCOMPARE(hexOf(pp.userState), hexOf(pattern(300, 7, 1)));
    std::set<std::string> names;
    std::set<std::uint16_t> ports;
    for (const auto &node : pp.nodes) {
        names.insert(node.name);
        ports.insert(node.port);
        QCOMPARE(node.state, NodeState::Alive);
        QCOMPARE(node.incarnation, 1U);
        QVERIFY(node.addr == SmallBytes(kLoopback) && node.vsn == SmallBytes(kVsn));
        // pp-NNN carries meta "m<N>"; the seed carries none.
        const std::string meta = node.name == "pp-seed"
                                     ? std::string()
                                     : "m" + std::to_string(std::stoi(node.name.substr(3)));
        QCOMPARE(toHex(node.meta), toHex(toBytes(meta)));
    }
    QCOMPARE(names.size(), std::size_t{131});
    QVERIFY(names.count("pp-seed") == 1 && names.count("pp-000") == 1 && names.count("pp-129"));
    QVERIFY(ports.count(43335) == 1); // the seed's own bound port
    QCOMPARE(ports.size(), std::size_t{131});
    // Re-encoded with the v2 signed ints: the same 9,652 bytes.
    StreamOptions options = streamOptions(kPlainSetup, Keyring{});
    QCOMPARE(hexOf(encodeFrame(decoded.value(), options, {})), hexOf(go));
}

void TestMemberlist060Vectors::userStateOver32KiBHasInt32Length()
{
    const Bytes go = load("tcp-pushpull-userstate-33000");
    const auto decoded = decodeStream(go, streamOptions(kPlainSetup, Keyring{}), true, 4096);
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
    const PushPull expected{
        true, {state("pp-joiner", 39773, NodeState::Alive)}, pattern(33000, 11, 5)};
    QVERIFY(decoded.value() == Message(expected));
    QCOMPARE(hexOf(encodeFrame(expected, streamOptions(kPlainSetup, Keyring{}), {})), hexOf(go));
}

void TestMemberlist060Vectors::labelMismatchIsRefusedBothWays()
{
    const Keyring ring;
    Setup other = kLabelledSetup;
    other.label = "another-cluster";
    // A labelled datagram is refused by a node with another label and by an unlabelled one.
    for (const Setup &setup : {other, kPlainSetup}) {
        const auto opened =
            openPacket(load("udp-labelled-ping"), packetOptions(setup, ring, false));
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.rfind("label", 0) == 0, opened.error().message.c_str());
    }
    // The dialled stream's header names Go's label; an accepting side expecting another
    // label rejects it as a label error (which it must not answer).
    const Bytes stream = load("tcp-labelled-pushpull-join");
    QCOMPARE(hexOf(ByteView(stream).first(19)), hexOf(streamLabelHeader(kLabel)));
    StreamDecoder decoder(streamOptions(other, ring), StreamLabel::Expect);
    decoder.feed(stream);
    const auto frame = decoder.next();
    QVERIFY(frame.has_value() && !frame->ok());
    QVERIFY(decoder.labelRejected());
    // An unlabelled datagram is refused by a labelled node.
    QVERIFY(!openPacket(load("udp-ping"), packetOptions(kLabelledSetup, ring, false)).ok());
}

void TestMemberlist060Vectors::wrongKeyOpensNothing()
{
    Keyring wrong;
    (void)wrong.addKey(pattern(32, 1, 1));
    const auto opened =
        openPacket(load("udp-encrypted-ping"), packetOptions(kEncryptedSetup, wrong, false));
    QVERIFY(!opened.ok());
    const auto frame =
        decodeFrame(load("tcp-encrypted-pushpull-reply"), streamOptions(kEncryptedSetup, wrong));
    QVERIFY(!frame.ok());
}

QTEST_APPLESS_MAIN(TestMemberlist060Vectors)
#include "tst_memberlist_060_vectors.moc"
