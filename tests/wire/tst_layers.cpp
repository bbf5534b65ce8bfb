// Packet layers on their own: CRC, compound, label, LZW (A.5), AES-GCM (A.3), keyring.
#include "core/wire/compound.h"
#include "core/wire/crc.h"
#include "core/wire/crypto.h"
#include "core/wire/label.h"
#include "core/wire/lzw.h"
#include "wire_vectors.h"

#include <QTest>

#include <openssl/evp.h>

#include <random>

using namespace grapevine::wire;
namespace v = grapevine::wire::vectors;

namespace {

std::string sha256Hex(ByteView data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    std::string hex = toHex(ByteView(digest, length));
    std::erase(hex, ' ');
    return hex;
}

Bytes generatedInputA()
{
    Bytes out(5000);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>((7 * i) % 251);
    return out;
}

Bytes generatedInputB()
{
    Bytes out(100000);
    std::uint32_t x = 12345;
    for (auto &b : out) {
        x = x * 1103515245U + 12345U;
        b = static_cast<std::uint8_t>((x >> 16) & 0xff);
    }
    return out;
}

QByteArray hexOf(ByteView b)
{
    return QByteArray::fromStdString(toHex(b));
}
QByteArray hexOf(const char *h)
{
    return hexOf(fromHex(h));
}

} // namespace

class TestLayers : public QObject {
    Q_OBJECT

private slots:
    void crcMatchesIeeeCheckValue();
    void crcWrapsPingLikeGo();
    void crcMismatchIsRejected();
    void compoundHeaderMatchesGo();
    void compoundRefusesEmptyAndTooManyParts();
    void compoundKeepsPartsBeforeTruncatedTail();
    void labelRoundTripsAndRejectsBadHeaders();
    void lzwMatchesGoKnownAnswers_data();
    void lzwMatchesGoKnownAnswers();
    void lzwGeneratedInputsMatchGoDigests();
    void lzwDecodesStreamWithoutLeadingClear();
    void lzwRejectsTruncationAndEnforcesLimit();
    void lzwRoundTripsRandomInputs();
    void aesGcmMatchesGoKnownAnswers();
    void decryptTriesEveryKey();
    void decryptRejectsShortAndUnknownVersions();
    void keyringFollowsMemberlistRules();
};

void TestLayers::crcMatchesIeeeCheckValue()
{
    QCOMPARE(crc32(toBytes("123456789")), 0xcbf43926U);
}

void TestLayers::crcWrapsPingLikeGo()
{
    const Bytes ping = fromHex(v::kPingHex);
    const Bytes wrapped = addCrc(ping);
    QCOMPARE(hexOf(ByteView(wrapped).first(5)), QByteArray("0c 86 14 8b 66"));
    const auto stripped = checkAndStripCrc(wrapped);
    QVERIFY(stripped.ok());
    QCOMPARE(hexOf(*stripped), hexOf(ping));
    const Bytes goPacket = fromHex(v::kGoCrcUserHex);
    const auto goCrc = checkAndStripCrc(goPacket);
    QVERIFY(goCrc.ok());
    QCOMPARE(hexOf(*goCrc), QByteArray("08 68 69"));
}

void TestLayers::crcMismatchIsRejected()
{
    Bytes wrapped = addCrc(fromHex(v::kPingHex));
    wrapped.back() ^= 1;
    const auto result = checkAndStripCrc(wrapped);
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.find("crc: mismatch") != std::string::npos);
    QVERIFY(!checkAndStripCrc(fromHex("0c 00 00")).ok());
}

void TestLayers::compoundHeaderMatchesGo()
{
    const auto compound = makeCompound({fromHex(v::kPingHex), fromHex(v::kSuspectHex)});
    QVERIFY(compound.ok());
    QCOMPARE(hexOf(ByteView(*compound).first(6)), QByteArray("07 02 00 45 00 27"));
    const auto split = splitCompound(*compound);
    QVERIFY(split.ok());
    QCOMPARE(split->parts.size(), std::size_t{2});
    QCOMPARE(split->truncated, 0);
    QCOMPARE(hexOf(split->parts[1]), hexOf(v::kSuspectHex));
}

void TestLayers::compoundRefusesEmptyAndTooManyParts()
{
    QVERIFY(!makeCompound({}).ok());
    QVERIFY(!makeCompound({Bytes{8}, Bytes{}}).ok());
    QVERIFY(makeCompound(std::vector<Bytes>(255, Bytes{8})).ok());
    const auto tooMany = makeCompound(std::vector<Bytes>(256, Bytes{8}));
    QVERIFY(!tooMany.ok());
    QVERIFY(tooMany.error().message.find("at most 255") != std::string::npos);
}

void TestLayers::compoundKeepsPartsBeforeTruncatedTail()
{
    // Three parts declared (2, 2, 9 bytes) but the third runs past the end.
    const auto split = splitCompound(fromHex("07 03 00 02 00 02 00 09 08 61 08 62 08 63"));
    QVERIFY(split.ok());
    QCOMPARE(split->parts.size(), std::size_t{2});
    QCOMPARE(split->truncated, 1);
    QVERIFY(!splitCompound(fromHex("07 03 00 02")).ok());
    QVERIFY(!splitCompound(fromHex("07")).ok());
}

void TestLayers::labelRoundTripsAndRejectsBadHeaders()
{
    const auto labelled = addLabel("prod", fromHex("08 68 69"));
    QVERIFY(labelled.ok());
    QCOMPARE(hexOf(*labelled), QByteArray("f4 04 70 72 6f 64 08 68 69"));
    QVERIFY(checkLabel(*labelled, "prod").ok());
    QVERIFY(!checkLabel(*labelled, "").ok());
    QVERIFY(!checkLabel(fromHex("08 68 69"), "prod").ok());
    QVERIFY(checkLabel(fromHex("08 68 69"), "").ok());
    const auto zero = stripLabel(fromHex("f4 00 08"));
    QVERIFY(!zero.ok());
    QVERIFY(zero.error().message.find("length 0") != std::string::npos);
    QVERIFY(!stripLabel(fromHex("f4")).ok());
    QVERIFY(!stripLabel(fromHex("f4 05 61 62")).ok());
    QVERIFY(!addLabel(std::string(256, 'x'), {}).ok());
}

void TestLayers::lzwMatchesGoKnownAnswers_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("hex");
    std::string abc;
    for (int i = 0; i < 4; ++i)
        abc += "abcabcabcabc";
    QTest::newRow("empty") << QByteArray() << QByteArray("00 03 02");
    QTest::newRow("a") << QByteArray("a") << QByteArray("00 c3 04 04");
    QTest::newRow("aaaa") << QByteArray("aaaa") << QByteArray("00 c3 08 0c 13 10");
    QTest::newRow("abc x16")
        << QByteArray::fromStdString(abc)
        << QByteArray("00 c3 88 19 23 90 e0 c0 82 08 0f 2a 34 c8 30 61 c3 85 05 03 02");
    const Bytes ping = fromHex(v::kPingHex);
    const Bytes compressed = fromHex(v::kCompressedPingHex);
    QTest::newRow("A.3 ping") << QByteArray(reinterpret_cast<const char *>(ping.data()),
                                            qsizetype(ping.size()))
                              << hexOf(ByteView(compressed).subspan(15));
}

void TestLayers::lzwMatchesGoKnownAnswers()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, hex);
    const Bytes in(input.begin(), input.end());
    QCOMPARE(hexOf(lzwCompress(in)), hex);
    const auto back = lzwDecompress(fromHex(hex.toStdString()));
    QVERIFY(back.ok());
    QCOMPARE(hexOf(*back), hexOf(in));
}

void TestLayers::lzwGeneratedInputsMatchGoDigests()
{
    const Bytes a = generatedInputA();
    QCOMPARE(sha256Hex(a),
             std::string("08026c57be31084b60ded63e3101c86365be4d84b87b43bad97b3feb8152e20f"));
    const Bytes ca = lzwCompress(a);
    QCOMPARE(ca.size(), std::size_t{1884});
    QCOMPARE(sha256Hex(ca),
             std::string("5edefc08cf1196fe6f47a5f9fe371d13608c30dff4864502e2ff1e8021c02686"));
    QCOMPARE(hexOf(ByteView(ca).first(8)), QByteArray("00 01 1c 70 50 81 c3 08"));
    QCOMPARE(*lzwDecompress(ca), a);
    const Bytes b = generatedInputB();
    QCOMPARE(sha256Hex(b),
             std::string("d060a877edc4837c1b0a5cd174176fc6332d1b86e486d8bd2b30d13878653b47"));
    const Bytes cb = lzwCompress(b);
    QCOMPARE(cb.size(), std::size_t{136869});
    QCOMPARE(sha256Hex(cb),
             std::string("a2f3503ad795c2091dc6da05fb697757cde12ccc41e3b48aaea92363ffe4fdba"));
    QCOMPARE(hexOf(ByteView(cb).last(4)), QByteArray("c7 0b 02 02"));
    QCOMPARE(*lzwDecompress(cb), b);
}

void TestLayers::lzwDecodesStreamWithoutLeadingClear()
{
    // "aaaa" without the clear code: codes 61, 102, 61, EOF at 9 bits.
    // Build it by hand: 0x61 | 0x102<<9 | 0x61<<18 | 0x101<<27.
    const std::uint64_t bits = 0x61ULL | (0x102ULL << 9) | (0x61ULL << 18) | (0x101ULL << 27);
    Bytes stream;
    for (int i = 0; i < 5; ++i)
        stream.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
    const auto out = lzwDecompress(stream);
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    QCOMPARE(toString(*out), std::string("aaaa"));
}

void TestLayers::lzwRejectsTruncationAndEnforcesLimit()
{
    Bytes compressed = lzwCompress(generatedInputA());
    compressed.resize(compressed.size() / 2);
    const auto truncated = lzwDecompress(compressed);
    QVERIFY(!truncated.ok());
    QVERIFY(truncated.error().message.find("before the EOF") != std::string::npos);
    const auto limited = lzwDecompress(lzwCompress(generatedInputA()), 1000);
    QVERIFY(!limited.ok());
    QVERIFY(limited.error().message.find("exceeds the limit") != std::string::npos);
    const auto invalid = lzwDecompress(fromHex("00 ff 07"));
    QVERIFY(!invalid.ok());
}

void TestLayers::lzwRoundTripsRandomInputs()
{
    const unsigned seed = 20261201;
    std::mt19937 rng(seed);
    for (int round = 0; round < 200; ++round) {
        const std::size_t size = rng() % 20000;
        const unsigned alphabet = 1 + rng() % 256;
        Bytes input(size);
        for (auto &b : input)
            b = static_cast<std::uint8_t>(rng() % alphabet);
        const auto back = lzwDecompress(lzwCompress(input));
        QVERIFY2(back.ok() && *back == input,
                 qPrintable(QStringLiteral("seed %1 round %2").arg(seed).arg(round)));
    }
}

void TestLayers::aesGcmMatchesGoKnownAnswers()
{
    const Bytes ping = fromHex(v::kPingHex);
    const Bytes prod = toBytes("prod");
    QCOMPARE(hexOf(*encryptPayload(1, v::kKey128, v::kNonce, ping, {})), hexOf(v::kUdpV1Hex));
    QCOMPARE(hexOf(*encryptPayload(0, v::kKey128, v::kNonce, ping, {})), hexOf(v::kUdpV0Hex));
    QCOMPARE(hexOf(*encryptPayload(1, v::kKey128, v::kNonce, ping, prod)),
             hexOf(ByteView(fromHex(v::kUdpLabelV1Hex)).subspan(6)));
    Keyring ring;
    QVERIFY(ring.addKey(v::kKey128).empty());
    QCOMPARE(hexOf(*decryptPayload(ring, fromHex(v::kUdpV1Hex), {})), hexOf(ping));
    QCOMPARE(hexOf(*decryptPayload(ring, fromHex(v::kUdpV0Hex), {})), hexOf(ping));
    QVERIFY(!decryptPayload(ring, fromHex(v::kUdpV1Hex), prod).ok());
}

void TestLayers::decryptTriesEveryKey()
{
    const Bytes other(32, 0x42);
    const Bytes sealed = *encryptPayload(1, other, v::kNonce, toBytes("secret"), {});
    Keyring ring;
    QVERIFY(ring.addKey(v::kKey128).empty());
    QVERIFY(!decryptPayload(ring, sealed, {}).ok());
    QVERIFY(ring.addKey(other).empty());
    QCOMPARE(toString(*decryptPayload(ring, sealed, {})), std::string("secret"));
    const Bytes key24(24, 0x24);
    QVERIFY(ring.addKey(key24).empty());
    QCOMPARE(toString(*decryptPayload(ring, *encryptPayload(0, key24, v::kNonce, {}, {}), {})),
             std::string());
}

void TestLayers::decryptRejectsShortAndUnknownVersions()
{
    Keyring ring;
    QVERIFY(ring.addKey(v::kKey128).empty());
    QVERIFY(decryptPayload(ring, Bytes(28, 1), {}).error().message.find("too small") !=
            std::string::npos);
    QVERIFY(decryptPayload(ring, Bytes(44, 0), {}).error().message.find("too small") !=
            std::string::npos);
    QVERIFY(decryptPayload(ring, Bytes(60, 2), {}).error().message.find("version 2") !=
            std::string::npos);
    QVERIFY(!decryptPayload(ring, {}, {}).ok());
    QVERIFY(!encryptPayload(1, Bytes(15, 0), v::kNonce, {}, {}).ok());
}

void TestLayers::keyringFollowsMemberlistRules()
{
    const Bytes k1(16, 1), k2(24, 2), k3(32, 3);
    Keyring ring;
    QVERIFY(!ring.addKey(Bytes(17, 0)).empty());
    QVERIFY(ring.addKey(k1).empty());
    QVERIFY(ring.addKey(k2).empty());
    QVERIFY(ring.addKey(k3).empty());
    QVERIFY(ring.addKey(k2).empty());
    QCOMPARE(ring.keys().size(), std::size_t{3});
    QVERIFY(std::ranges::equal(ring.primaryKey(), k1));
    QVERIFY(ring.useKey(k3).empty());
    QCOMPARE(ring.keys(), (std::vector<Bytes>{k3, k1, k2}));
    QVERIFY(!ring.removeKey(k3).empty());
    QVERIFY(ring.removeKey(k1).empty());
    QCOMPARE(ring.keys(), (std::vector<Bytes>{k3, k2}));
    QVERIFY(!ring.useKey(k1).empty());
}

QTEST_APPLESS_MAIN(TestLayers)
#include "tst_layers.moc"
