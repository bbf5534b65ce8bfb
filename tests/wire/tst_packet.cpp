// The UDP pipeline: sealPacket builds Go's exact bytes, openPacket reads Go's captures,
// keeps good compound parts next to bad ones, and round-trips random traffic.
#include "core/wire/compound.h"
#include "core/wire/crc.h"
#include "core/wire/lzw.h"
#include "core/wire/packet.h"
#include "wire_vectors.h"

#include <QTest>

#include <random>

using namespace grapevine::wire;
namespace v = grapevine::wire::vectors;

namespace {

QByteArray hexOf(ByteView b)
{
    return QByteArray::fromStdString(toHex(b));
}
QByteArray hexOf(const char *h)
{
    return hexOf(fromHex(h));
}

Keyring keyringWith(const Bytes &key)
{
    Keyring ring;
    (void)ring.addKey(key);
    return ring;
}

Bytes compressWrap(ByteView inner)
{
    const Bytes buf = lzwCompress(inner);
    Bytes out = fromHex("09 82 a4 41 6c 67 6f 00 a3 42 75 66 db");
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(buf.size() >> shift));
    out.insert(out.end(), buf.begin(), buf.end());
    return out;
}

Message randomMessage(std::mt19937 &rng)
{
    auto text = [&](std::size_t max) {
        std::string s(rng() % (max + 1), 'a');
        for (char &c : s)
            c = static_cast<char>('a' + rng() % 26);
        return s;
    };
    auto bytes = [&](std::size_t max) {
        Bytes b(rng() % (max + 1));
        for (auto &x : b)
            x = static_cast<std::uint8_t>(rng());
        return b;
    };
    const auto u32 = [&] { return static_cast<std::uint32_t>(rng() >> (rng() % 32)); };
    const auto u16 = [&] { return static_cast<std::uint16_t>(rng() >> (16 + rng() % 16)); };
    switch (rng() % 8) {
    case 0:
        return Ping{u32(), text(40), bytes(16), u16(), text(10)};
    case 1:
        return IndirectPing{u32(),          bytes(16), u16(), text(20),
                            rng() % 2 == 0, bytes(4),  u16(), text(5)};
    case 2:
        return Ack{u32(), bytes(50)};
    case 3:
        return Nack{u32()};
    case 4:
        return Suspect{u32(), text(40), text(40)};
    case 5:
        return Dead{u32(), text(3), text(3)};
    case 6:
        return Alive{u32(), text(64), bytes(16), u16(), bytes(512), bytes(6)};
    default: {
        Bytes payload = bytes(300);
        if (payload.empty())
            payload.push_back(1); // 0.2.2 panics on an empty part: never build one
        return UserMsg{payload};
    }
    }
}

} // namespace

class TestPacket : public QObject {
    Q_OBJECT

private slots:
    void singleMessageIsSentBareWhenCompressionDoesNotHelp();
    void severalMessagesBecomeOneCompound();
    void compressionIsUsedWhenStrictlySmaller();
    void encryptionMatchesGoKnownAnswers();
    void opensGoCaptures_data();
    void opensGoCaptures();
    void badCompoundPartKeepsTheGoodOnes();
    void truncatedCompoundTailIsCounted();
    void verifyIncomingOffAcceptsPlaintext();
    void wrongLabelOrKeyIsRejected();
    void nestingBombIsRejected();
    void pushPullIsRefusedOnUdp();
    void randomPacketsRoundTrip();
};

void TestPacket::singleMessageIsSentBareWhenCompressionDoesNotHelp()
{
    const Bytes packet = sealPacket({v::pingMessage()}, PacketOptions{}, {});
    QCOMPARE(hexOf(packet), hexOf(v::kPingHex));
}

void TestPacket::severalMessagesBecomeOneCompound()
{
    PacketOptions options;
    options.compress = false;
    const Bytes packet = sealPacket({v::pingMessage(), v::suspectMessage()}, options, {});
    QCOMPARE(hexOf(packet), hexOf(*makeCompound({fromHex(v::kPingHex), fromHex(v::kSuspectHex)})));
    QVERIFY(sealPacket({}, options, {}).empty());
    QVERIFY(sealPacket(std::vector<Message>(256, Nack{1}), options, {}).empty());
}

void TestPacket::compressionIsUsedWhenStrictlySmaller()
{
    std::vector<Message> messages(20,
                                  Alive{7, "node-with-a-long-name", v::kLocal4, 7946, {}, v::kVsn});
    const Bytes packet = sealPacket(messages, PacketOptions{}, {});
    QCOMPARE(packet[0], std::uint8_t{9});
    const auto opened = openPacket(packet, PacketOptions{});
    QVERIFY(opened.ok());
    QCOMPARE(opened->messages, messages);
    QCOMPARE(opened->layers, (std::vector<std::string>{"compressed", "compound"}));
}

void TestPacket::encryptionMatchesGoKnownAnswers()
{
    const Keyring ring = keyringWith(v::kKey128);
    PacketOptions options;
    options.keyring = &ring;
    QCOMPARE(hexOf(sealPacket({v::pingMessage()}, options, v::kNonce)), hexOf(v::kUdpV1Hex));
    options.label = "prod";
    const Bytes labelled = sealPacket({v::pingMessage()}, options, v::kNonce);
    QCOMPARE(hexOf(labelled), hexOf(v::kUdpLabelV1Hex));
    const auto opened = openPacket(labelled, options);
    QVERIFY(opened.ok());
    QCOMPARE(opened->messages, std::vector<Message>{v::pingMessage()});
    QCOMPARE(opened->layers, (std::vector<std::string>{"label", "encrypted"}));
    options.label.clear();
    options.crc = true;
    const auto withCrc = openPacket(sealPacket({v::pingMessage()}, options, v::kNonce), options);
    QVERIFY(withCrc.ok());
    QCOMPARE(withCrc->layers, (std::vector<std::string>{"encrypted", "crc"}));
    QVERIFY(sealPacket({v::pingMessage()}, options, Bytes(11, 0)).empty());
}

void TestPacket::opensGoCaptures_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<QString>("described");
    QTest::addColumn<QString>("layers");
    QTest::newRow("ack+alive compound") << QByteArray(v::kGoAckCompoundHex)
                                        << "ack seq=42 payload=0B|alive node=go-a@127.0.0.1:35213 "
                                           "inc=1 meta=0B vsn=01 05 02 00 00 00"
                                        << "compound";
    QTest::newRow("ping in") << QByteArray(v::kCppPingInHex)
                             << "ping seq=42 node=go-a from=cpp-b@127.0.0.1:41342"
                             << "";
    QTest::newRow("crc user") << QByteArray(v::kGoCrcUserHex) << "user 2B \"hi\""
                              << "crc";
    QTest::newRow("compressed ping")
        << QByteArray(v::kCompressedPingHex) << "ping seq=1 node=node-b from=node-a@127.0.0.1:7946"
        << "compressed";
    QTest::newRow("v0 encrypted") << QByteArray(v::kUdpV0Hex)
                                  << "ping seq=1 node=node-b from=node-a@127.0.0.1:7946"
                                  << "encrypted";
}

void TestPacket::opensGoCaptures()
{
    QFETCH(QByteArray, hex);
    QFETCH(QString, described);
    QFETCH(QString, layers);
    const Keyring ring = keyringWith(v::kKey128);
    PacketOptions options;
    if (layers == QLatin1String("encrypted"))
        options.keyring = &ring;
    const Bytes packet = fromHex(hex.toStdString());
    const auto opened = openPacket(packet, options);
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
    QStringList texts;
    for (const Message &m : opened->messages)
        texts << QString::fromStdString(describe(m));
    QCOMPARE(texts.join(QLatin1Char('|')), described);
    QStringList names;
    for (const auto &layer : opened->layers)
        names << QString::fromStdString(layer);
    QCOMPARE(names.join(QLatin1Char(',')), layers);
}

void TestPacket::badCompoundPartKeepsTheGoodOnes()
{
    const Bytes packet =
        *makeCompound({fromHex(v::kPingHex), fromHex("02 82 a7"), fromHex(v::kSuspectHex)});
    const auto opened = openPacket(packet, PacketOptions{});
    QVERIFY(opened.ok());
    QCOMPARE(opened->messages, (std::vector<Message>{v::pingMessage(), v::suspectMessage()}));
    QCOMPARE(opened->partErrors.size(), std::size_t{1});
    QVERIFY(opened->partErrors[0].message.find("compound part 1: ack:") != std::string::npos);
}

void TestPacket::truncatedCompoundTailIsCounted()
{
    Bytes packet = *makeCompound({fromHex(v::kPingHex), fromHex(v::kSuspectHex)});
    packet.resize(packet.size() - 3);
    const auto opened = openPacket(packet, PacketOptions{});
    QVERIFY(opened.ok());
    QCOMPARE(opened->messages.size(), std::size_t{1});
    QCOMPARE(opened->truncatedParts, 1);
}

void TestPacket::verifyIncomingOffAcceptsPlaintext()
{
    const Keyring ring = keyringWith(v::kKey128);
    PacketOptions options;
    options.keyring = &ring;
    const Bytes plain = fromHex(v::kPingHex);
    QVERIFY(!openPacket(plain, options).ok());
    options.verifyIncoming = false;
    const auto opened = openPacket(plain, options);
    QVERIFY(opened.ok());
    QCOMPARE(opened->messages, std::vector<Message>{v::pingMessage()});
}

void TestPacket::wrongLabelOrKeyIsRejected()
{
    const Bytes labelled = fromHex(v::kUdpLabelV1Hex);
    const Keyring wrong = keyringWith(Bytes(16, 9));
    PacketOptions options;
    options.keyring = &wrong;
    options.label = "prod";
    QVERIFY(openPacket(labelled, options).error().message.find("decrypt: no installed key") !=
            std::string::npos);
    options.label = "test";
    QVERIFY(openPacket(labelled, options).error().message.find("label:") == 0);
    QVERIFY(openPacket(fromHex(v::kPingHex), options).error().message.find("label:") == 0);
}

void TestPacket::nestingBombIsRejected()
{
    Bytes packet = fromHex(v::kPingHex);
    for (int i = 0; i < 4; ++i)
        packet = compressWrap(packet);
    QVERIFY(openPacket(packet, PacketOptions{}).ok());
    packet = compressWrap(packet);
    const auto opened = openPacket(packet, PacketOptions{});
    QVERIFY(!opened.ok());
    QVERIFY(opened.error().message.find("nested deeper") != std::string::npos);
}

void TestPacket::pushPullIsRefusedOnUdp()
{
    const auto opened = openPacket(fromHex(v::kPushPullHex), PacketOptions{});
    QVERIFY(!opened.ok());
    QVERIFY(opened.error().message.find("push-pull: not allowed") != std::string::npos);
}

void TestPacket::randomPacketsRoundTrip()
{
    const unsigned seed = 7946;
    std::mt19937 rng(seed);
    const Keyring ring = keyringWith(Bytes(32, 5));
    for (int round = 0; round < 500; ++round) {
        std::vector<Message> messages(1 + rng() % 12);
        for (auto &m : messages)
            m = randomMessage(rng);
        PacketOptions options;
        options.compress = rng() % 2 == 0;
        options.crc = rng() % 2 == 0;
        options.keyring = rng() % 2 == 0 ? &ring : nullptr;
        options.encryptionVersion = static_cast<int>(rng() % 2);
        options.intStyle = rng() % 2 == 0 ? IntStyle::Go05Unsigned : IntStyle::V2Signed;
        options.label = rng() % 3 == 0 ? "lbl" : "";
        const Bytes packet =
            sealPacket(messages, options, Bytes(12, static_cast<std::uint8_t>(round)));
        const auto opened = openPacket(packet, options);
        const QString where = QStringLiteral("seed %1 round %2").arg(seed).arg(round);
        QVERIFY2(opened.ok(),
                 qPrintable(
                     where + ": " +
                     QString::fromStdString(opened.ok() ? std::string() : opened.error().message)));
        QVERIFY2(opened->messages == messages, qPrintable(where));
    }
}

QTEST_APPLESS_MAIN(TestPacket)
#include "tst_packet.moc"
