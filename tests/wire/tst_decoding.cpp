// Decoder leniency (spec A.2), the malformed-input table (every bad input gives an Error
// naming what was wrong, never a crash) and the Vsn sanity helper.
#include "core/wire/packet.h"
#include "wire_vectors.h"

#include <QTest>

#include <random>

using namespace grapevine::wire;
namespace v = grapevine::wire::vectors;

Q_DECLARE_METATYPE(grapevine::wire::Message)

namespace {

// alive{Incarnation 1, Node "node-a", Addr 127.0.0.1, Port 7946, Meta nil, Vsn} with
// each field's encoding swappable, keys in the order given.
Bytes aliveWith(const char *addr, const char *node, const char *port, const char *vsn,
                const char *extra = "", const char *nodeKey = "a4 4e 6f 64 65", int count = 6)
{
    std::string hex = "04 " + toHex(Bytes{static_cast<std::uint8_t>(0x80 + count)}) +
                      " a4 41 64 64 72 " + addr +
                      " ab 49 6e 63 61 72 6e 61 74 69 6f 6e 01 a4 4d 65 74 61 c0 " + nodeKey + " " +
                      node + " a4 50 6f 72 74 " + port + " a3 56 73 6e " + vsn + " " + extra;
    return fromHex(hex);
}

const char *kAddr = "a4 7f 00 00 01";
const char *kNode = "a6 6e 6f 64 65 2d 61";
const char *kPort = "cd 1f 0a";
const char *kVsnHex = "a6 01 05 02 00 00 00";

Message expectedAlive()
{
    return Alive{1, "node-a", v::kLocal4, 7946, {}, v::kVsn};
}

// Push/pull is TCP-only, so it goes through the stream-side decoder.
std::string openError(const Bytes &packet, const PacketOptions &options)
{
    if (!packet.empty() && packet[0] == static_cast<std::uint8_t>(MessageType::PushPull)) {
        const auto decoded = decodeMessage(packet, Channel::Tcp);
        return decoded.ok() ? "<ok>" : decoded.error().message;
    }
    const auto opened = openPacket(packet, options);
    if (!opened.ok())
        return opened.error().message;
    if (!opened->partErrors.empty())
        return opened->partErrors.front().message;
    return "<ok>";
}

std::string nested(int depth)
{
    // Unknown key "X" whose value is `depth` nested one-element arrays around nil.
    std::string hex = "00 83 a4 4e 6f 64 65 a1 62 a5 53 65 71 4e 6f 01 a1 58 ";
    for (int i = 0; i < depth; ++i)
        hex += "91 ";
    return hex + "c0";
}

} // namespace

class TestDecoding : public QObject {
    Q_OBJECT

private slots:
    void acceptsWhatGoAccepts_data();
    void acceptsWhatGoAccepts();
    void malformedInputIsAnErrorNamingTheFault_data();
    void malformedInputIsAnErrorNamingTheFault();
    void randomBytesNeverCrashTheDecoders();
    void randomMessagesRoundTripInBothIntStyles();
    void validateVsnFlagsUnusableVersions();
};

void TestDecoding::acceptsWhatGoAccepts_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<Message>("expected");
    const auto row = [](const char *name, const Bytes &bytes, Message m) {
        QTest::newRow(name) << QByteArray::fromStdString(toHex(bytes)) << m;
    };
    row("Addr as bin8", aliveWith("c4 04 7f 00 00 01", kNode, kPort, kVsnHex), expectedAlive());
    row("Vsn as bin8", aliveWith(kAddr, kNode, kPort, "c4 06 01 05 02 00 00 00"), expectedAlive());
    row("Node as bin8", aliveWith(kAddr, "c4 06 6e 6f 64 65 2d 61", kPort, kVsnHex),
        expectedAlive());
    row("Node as str8", aliveWith(kAddr, "d9 06 6e 6f 64 65 2d 61", kPort, kVsnHex),
        expectedAlive());
    row("map key as str8", aliveWith(kAddr, kNode, kPort, kVsnHex, "", "d9 04 4e 6f 64 65"),
        expectedAlive());
    row("Vsn as array", aliveWith(kAddr, kNode, kPort, "96 01 05 02 00 00 00"), expectedAlive());
    row("Port as int16", aliveWith(kAddr, kNode, "d1 1f 0a", kVsnHex), expectedAlive());
    row("Port as uint64", aliveWith(kAddr, kNode, "cf 00 00 00 00 00 00 1f 0a", kVsnHex),
        expectedAlive());
    row("unknown key with nested value",
        aliveWith(kAddr, kNode, kPort, kVsnHex,
                  "a5 45 78 74 72 61 82 a1 61 93 01 cb 00 00 00 00 00 00 00 00 c3 a1 62 d6 01 00 "
                  "00 00 00",
                  "a4 4e 6f 64 65", 7),
        expectedAlive());
    Alive noName = std::get<Alive>(expectedAlive());
    noName.node.clear();
    row("lower-case key is unknown", aliveWith(kAddr, kNode, kPort, kVsnHex, "", "a4 6e 6f 64 65"),
        noName);
    row("declaration order",
        fromHex("04 86 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 01 a4 4e 6f 64 65 a6 6e 6f 64 65 2d 61 "
                "a4 41 64 64 72 a4 7f 00 "
                "00 01 a4 50 6f 72 74 cd 1f 0a a4 4d 65 74 61 c0 a3 56 73 6e a6 01 05 02 00 00 00"),
        expectedAlive());
    row("struct as array (ack)", fromHex("02 92 01 c0"), Ack{1, {}});
    row("alive as array",
        fromHex("04 96 01 a6 6e 6f 64 65 2d 61 a4 7f 00 00 01 cd 1f 0a c0 a6 01 05 02 00 00 00"),
        expectedAlive());
    row("Nack bool from 1", fromHex("01 82 a4 4e 61 63 6b 01 a5 53 65 71 4e 6f 02"),
        IndirectPing{2, {}, 0, "", true, {}, 0, {}});
    row("empty Payload a0", fromHex("02 82 a7 50 61 79 6c 6f 61 64 a0 a5 53 65 71 4e 6f 01"),
        Ack{1, {}});
    row("missing keys stay zero", fromHex("03 80"), Suspect{});
    row("v2 ints in push-pull",
        fromHex("06 83 a4 4a 6f 69 6e 01 a5 4e 6f 64 65 73 d1 00 00 ac 55 73 65 72 53 74 61 74 65 "
                "4c 65 6e d2 00 00 00 02 68 69"),
        PushPull{true, {}, toBytes("hi")});
}

void TestDecoding::acceptsWhatGoAccepts()
{
    QFETCH(QByteArray, hex);
    QFETCH(Message, expected);
    const auto decoded = decodeMessage(fromHex(hex.toStdString()), Channel::Tcp);
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
    QVERIFY2(decoded.value() == expected, describe(decoded.value()).c_str());
}

void TestDecoding::malformedInputIsAnErrorNamingTheFault_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, const std::string &hex, const char *error,
                        bool encrypted = false) {
        QTest::newRow(name) << QByteArray::fromStdString(hex) << encrypted
                            << QString::fromLatin1(error);
    };
    Bytes badCrc = fromHex(v::kGoCrcUserHex);
    badCrc.back() ^= 0x01;
    row("empty packet", "", "empty message");
    row("truncated ping", "00 85 a4 4e 6f", "ping: body: truncated");
    row("string past the end", "04 81 a4 4e 6f 64 65 a9 61", "alive: Node: truncated");
    row("16 MiB string claim", "04 81 a4 4e 6f 64 65 db 01 00 00 00 61", "alive: Node: truncated");
    row("16 MiB map claim", "00 df 01 00 00 00 c0",
        "ping: body: entry count 16777216 exceeds the limit");
    row("bad crc", toHex(badCrc), "crc: mismatch");
    row("short crc header", "0c 00 01", "crc: truncated header");
    row("wrong key", v::kUdpV1Hex, "decrypt: no installed key", true);
    row("too short to decrypt", "01 00 00", "decrypt: payload too small", true);
    row("unknown type", "63 00", "unknown message type 99");
    row("push-pull on udp", "07 01 00 02 06 80",
        "compound part 0: push-pull: not allowed in a UDP packet");
    row("empty compound part", "07 02 00 00 00 02 08 61", "compound part 0: empty message");
    row("compound length table past end", "07 05 00 01", "compound: truncated length table");
    row("label length 0", "f4 00 00", "label: length 0");
    row("label past end", "f4 09 61", "label: truncated");
    row("unexpected label", "f4 01 61 08 61", "label: packet has \"a\", expected \"\"");
    row("port too big", "04 81 a4 50 6f 72 74 ce 00 01 11 70",
        "alive: Port: value 70000 does not fit");
    row("negative seq", "02 81 a5 53 65 71 4e 6f ff", "ack: SeqNo: negative value -1");
    row("bool out of range", "01 81 a4 4e 61 63 6b 02",
        "indirect-ping: Nack: value 2 does not fit");
    row("string field holds an int", "03 81 a4 4e 6f 64 65 07",
        "suspect: Node: expected a string or bytes, got 0x07");
    row("body is not a map", "05 07", "dead: body: expected a map or an array, got 0x07");
    row("invalid msgpack byte", "00 81 a1 58 c1", "ping: X: invalid msgpack byte 0xc1");
    row("nesting bomb", nested(40), "nesting deeper than 32");
    row("compress unknown algorithm", "09 82 a4 41 6c 67 6f 01 a3 42 75 66 a3 00 03 02",
        "compress: unknown algorithm 1");
    row("compress to nothing", "09 82 a4 41 6c 67 6f 00 a3 42 75 66 a3 00 03 02",
        "compress: decompressed to nothing");
    row("lzw garbage", "09 82 a4 41 6c 67 6f 00 a3 42 75 66 a2 ff ff", "lzw:");
    row("meta over 512", "04 81 a4 4d 65 74 61 da 02 01",
        "alive: Meta: length 513 exceeds the limit of 512");
    row("state out of range",
        "06 83 a4 4a 6f 69 6e c2 a5 4e 6f 64 65 73 01 ac 55 73 65 72 53 74 61 74 65 4c 65 6e 00 "
        "81 a5 53 74 61 74 65 07",
        "push-pull: node state 0: State: value 7 out of range");
    row("vsn array element too big", "04 81 a3 56 73 6e 91 cd 01 00",
        "alive: Vsn: value 256 does not fit");
}

void TestDecoding::malformedInputIsAnErrorNamingTheFault()
{
    QFETCH(QByteArray, hex);
    QFETCH(bool, encrypted);
    QFETCH(QString, error);
    Keyring ring;
    QVERIFY(ring.addKey(Bytes(16, 0x77)).empty());
    PacketOptions options;
    if (encrypted)
        options.keyring = &ring;
    const std::string got = openError(fromHex(hex.toStdString()), options);
    QVERIFY2(got.find(error.toStdString()) != std::string::npos, got.c_str());
}

void TestDecoding::randomBytesNeverCrashTheDecoders()
{
    const unsigned seed = 4242;
    std::mt19937 rng(seed);
    const Bytes seedPacket = fromHex(v::kGoAckCompoundHex);
    for (int round = 0; round < 20000; ++round) {
        Bytes data = seedPacket;
        const int flips = 1 + static_cast<int>(rng() % 8);
        for (int i = 0; i < flips; ++i)
            data[rng() % data.size()] = static_cast<std::uint8_t>(rng());
        data.resize(rng() % (data.size() + 1));
        (void)openPacket(data, PacketOptions{});
        (void)decodeMessage(data, Channel::Tcp);
    }
}

void TestDecoding::randomMessagesRoundTripInBothIntStyles()
{
    const unsigned seed = 99;
    std::mt19937 rng(seed);
    for (int round = 0; round < 300; ++round) {
        PushPull pp;
        pp.join = rng() % 2 == 0;
        pp.nodes.resize(rng() % 200);
        for (auto &node : pp.nodes) {
            node.name = "n" + std::to_string(rng());
            node.addr = Bytes(rng() % 2 == 0 ? 4 : 16, static_cast<std::uint8_t>(rng()));
            node.port = static_cast<std::uint16_t>(rng());
            node.incarnation = rng();
            node.state = static_cast<NodeState>(rng() % 4);
            node.vsn = v::kVsn;
        }
        pp.userState = Bytes(rng() % 100000, static_cast<std::uint8_t>(rng()));
        for (IntStyle style : {IntStyle::Go05Unsigned, IntStyle::V2Signed}) {
            const auto back = decodeMessage(encodeMessage(pp, Channel::Tcp, style), Channel::Tcp);
            QVERIFY2(back.ok() && back.value() == Message(pp),
                     qPrintable(QStringLiteral("seed %1 round %2").arg(seed).arg(round)));
        }
    }
}

void TestDecoding::validateVsnFlagsUnusableVersions()
{
    QCOMPARE(validateVsn(v::kVsn), std::string());
    QVERIFY(validateVsn(Bytes{1, 5, 2}).find("3 bytes") != std::string::npos);
    QVERIFY(!validateVsn(Bytes{0, 5, 2, 0, 0, 0}).empty());
    QVERIFY(!validateVsn(Bytes{3, 2, 2, 0, 0, 0}).empty());
    // A short Vsn is not a wire error: the codec keeps it so the protocol layer can decide.
    const auto decoded = decodeMessage(fromHex("04 81 a3 56 73 6e a2 01 05"));
    QVERIFY(decoded.ok());
    QCOMPARE(std::get<Alive>(decoded.value()).vsn, (Bytes{1, 5}));
}

QTEST_APPLESS_MAIN(TestDecoding)
#include "tst_decoding.moc"
