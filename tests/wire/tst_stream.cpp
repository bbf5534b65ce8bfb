// TCP framing: Go's frames byte for byte, Go's captured replies decoded, frames fed one
// byte at a time, labels, and the size limits enforced before the bytes arrive.
#include "core/wire/stream.h"
#include "wire_vectors.h"

#include <QTest>

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

StreamOptions plainOptions()
{
    StreamOptions options;
    options.compress = false;
    return options;
}

// Feeds `bytes` one at a time; returns the frame and how many bytes it took.
std::pair<std::optional<Result<Message>>, std::size_t> feedByteByByte(StreamDecoder &decoder,
                                                                      ByteView bytes)
{
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        decoder.feed(bytes.subspan(i, 1));
        if (auto frame = decoder.next())
            return {std::move(frame), i + 1};
    }
    return {std::nullopt, bytes.size()};
}

std::string errorOf(StreamDecoder &decoder, ByteView bytes)
{
    decoder.feed(bytes);
    auto frame = decoder.next();
    if (!frame)
        return "<need more>";
    return frame->ok() ? "<ok>" : frame->error().message;
}

} // namespace

class TestStream : public QObject {
    Q_OBJECT

private slots:
    void plainFramesMatchGo();
    void encryptedFrameMatchesGoKnownAnswer();
    void decodesGoCompressedReplies();
    void pushPullArrivesOneByteAtATime();
    void encryptedCompressedFrameArrivesOneByteAtATime();
    void largePushPullResumesBetweenChunks();
    void twoFramesInOneChunkDecodeInOrder();
    void labelHeaderIsCheckedOnAcceptingSide();
    void encryptionRulesFollowMemberlist();
    void limitsFailBeforeTheBytesArrive_data();
    void limitsFailBeforeTheBytesArrive();
    void truncatedCompleteFrameIsAnError();
};

void TestStream::plainFramesMatchGo()
{
    QCOMPARE(hexOf(encodeFrame(v::pushPullMessage(), plainOptions(), {})), hexOf(v::kPushPullHex));
    QCOMPARE(hexOf(encodeFrame(UserMsg{toBytes("hello")}, plainOptions(), {})),
             QByteArray("08 81 aa 55 73 65 72 4d 73 67 4c 65 6e 05 68 65 6c 6c 6f"));
    // Go compresses every frame, even when that makes it longer (A.3 compressed ping).
    QCOMPARE(hexOf(encodeFrame(v::pingMessage(), StreamOptions{}, {})),
             hexOf(v::kCompressedPingHex));
    QCOMPARE(hexOf(streamLabelHeader("prod")), QByteArray("f4 04 70 72 6f 64"));
    QVERIFY(streamLabelHeader("").empty());
}

void TestStream::encryptedFrameMatchesGoKnownAnswer()
{
    Keyring ring;
    QVERIFY(ring.addKey(v::kKey128).empty());
    StreamOptions options = plainOptions();
    options.keyring = &ring;
    const Bytes frame = encodeFrame(v::pushPullMessage(), options, v::kNonce);
    QCOMPARE(hexOf(frame), hexOf(v::kTcpEncryptedPushPullHex));
    const auto decoded = decodeFrame(frame, options);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), v::pushPullMessage());
}

void TestStream::decodesGoCompressedReplies()
{
    const auto reply = decodeFrame(fromHex(v::kGoPushPullReplyHex), StreamOptions{});
    QVERIFY2(reply.ok(), reply.ok() ? "" : reply.error().message.c_str());
    const auto &pushPull = std::get<PushPull>(reply.value());
    QVERIFY(pushPull.join);
    QCOMPARE(pushPull.nodes.size(), std::size_t{1});
    QCOMPARE(pushPull.nodes[0].name, std::string("go-a"));
    QCOMPARE(pushPull.nodes[0].port, std::uint16_t{35213});
    QCOMPARE(pushPull.nodes[0].vsn, v::kVsn);
    const auto joinIn = decodeFrame(fromHex(v::kCppPushPullInHex), StreamOptions{});
    QVERIFY(joinIn.ok());
    QCOMPARE(std::get<PushPull>(joinIn.value()).nodes.at(0).name, std::string("cpp-b"));
    QCOMPARE(std::get<PushPull>(joinIn.value()).nodes.at(0).port, std::uint16_t{41342});
    const auto ack = decodeFrame(fromHex(v::kGoTcpAckHex), StreamOptions{});
    QVERIFY(ack.ok());
    QCOMPARE(ack.value(), Message(Ack{0x4d, {}}));
}

void TestStream::pushPullArrivesOneByteAtATime()
{
    const Bytes frame = fromHex(v::kPushPullHex);
    StreamDecoder decoder(plainOptions());
    auto [result, used] = feedByteByByte(decoder, frame);
    QVERIFY(result && result->ok());
    QCOMPARE(used, frame.size());
    QCOMPARE(result->value(), v::pushPullMessage());
    QCOMPARE(decoder.buffered(), std::size_t{0});
}

void TestStream::encryptedCompressedFrameArrivesOneByteAtATime()
{
    Keyring ring;
    QVERIFY(ring.addKey(Bytes(32, 7)).empty());
    StreamOptions options;
    options.keyring = &ring;
    options.label = "prod";
    Bytes stream = streamLabelHeader("prod");
    const Bytes frame = encodeFrame(v::pushPullMessage(), options, v::kNonce);
    QCOMPARE(frame[0], std::uint8_t{0x0a});
    stream.insert(stream.end(), frame.begin(), frame.end());
    StreamDecoder decoder(options, StreamLabel::Expect);
    auto [result, used] = feedByteByByte(decoder, stream);
    QVERIFY(result && result->ok());
    QCOMPARE(used, stream.size());
    QCOMPARE(result->value(), v::pushPullMessage());
}

void TestStream::largePushPullResumesBetweenChunks()
{
    PushPull big{false, {}, Bytes(5000, 0x5a)};
    for (int i = 0; i < 2000; ++i)
        big.nodes.push_back(PushNodeState{
            "n" + std::to_string(i), v::kLocal4, 7946, {}, 1, NodeState::Suspect, v::kVsn});
    const Bytes frame = encodeFrame(big, plainOptions(), {});
    StreamDecoder decoder(plainOptions());
    std::optional<Result<Message>> result;
    std::size_t offset = 0;
    for (; offset < frame.size() && !result; offset += 1000) {
        decoder.feed(
            ByteView(frame).subspan(offset, std::min<std::size_t>(1000, frame.size() - offset)));
        result = decoder.next();
    }
    QVERIFY(result && result->ok());
    QVERIFY(offset >= frame.size());
    QCOMPARE(result->value(), Message(big));
    // A bad node state in the middle is reported with its index, even when resumed.
    Bytes bad = frame;
    const Bytes needle = toBytes("n1500");
    const auto at = std::search(bad.begin(), bad.end(), needle.begin(), needle.end());
    QVERIFY(at != bad.end());
    *(at - 1) = 0xc1; // the name's str header becomes an invalid msgpack byte
    StreamDecoder failing(plainOptions());
    result.reset();
    for (offset = 0; offset < bad.size(); offset += 1000) {
        failing.feed(
            ByteView(bad).subspan(offset, std::min<std::size_t>(1000, bad.size() - offset)));
        if ((result = failing.next()))
            break;
    }
    QVERIFY(result && !result->ok());
    QVERIFY2(result->error().message.find("push-pull: node state 1500: Name:") == 0,
             result->error().message.c_str());
    QCOMPARE(decodeFrame(bad, plainOptions()).error().message, result->error().message);
}

void TestStream::twoFramesInOneChunkDecodeInOrder()
{
    Bytes both = encodeFrame(v::pingMessage(), StreamOptions{}, {});
    const Bytes second = encodeFrame(UserMsg{toBytes("hi")}, plainOptions(), {});
    both.insert(both.end(), second.begin(), second.end());
    StreamDecoder decoder(StreamOptions{});
    decoder.feed(both);
    QCOMPARE(decoder.next()->value(), v::pingMessage());
    QCOMPARE(decoder.next()->value(), Message(UserMsg{toBytes("hi")}));
    QVERIFY(!decoder.next());
}

void TestStream::labelHeaderIsCheckedOnAcceptingSide()
{
    StreamOptions options = plainOptions();
    options.label = "prod";
    Bytes good = streamLabelHeader("prod");
    const Bytes frame = fromHex(v::kPushPullHex);
    good.insert(good.end(), frame.begin(), frame.end());
    StreamDecoder accepting(options, StreamLabel::Expect);
    QCOMPARE(errorOf(accepting, good), std::string("<ok>"));
    StreamDecoder unlabelled(options, StreamLabel::Expect);
    QVERIFY(errorOf(unlabelled, frame).find("label:") == 0);
    StreamDecoder zero(plainOptions(), StreamLabel::Expect);
    QVERIFY(errorOf(zero, fromHex("f4 00 06")).find("length 0") != std::string::npos);
    StreamDecoder unexpected(plainOptions(), StreamLabel::Expect);
    QVERIFY(errorOf(unexpected, good).find("label:") == 0);
}

void TestStream::encryptionRulesFollowMemberlist()
{
    Keyring ring;
    QVERIFY(ring.addKey(v::kKey128).empty());
    StreamOptions options = plainOptions();
    options.keyring = &ring;
    StreamDecoder strict(options);
    QVERIFY(errorOf(strict, fromHex(v::kPushPullHex)).find("not encrypted") != std::string::npos);
    options.verifyIncoming = false;
    StreamDecoder lenient(options);
    QCOMPARE(errorOf(lenient, fromHex(v::kPushPullHex)), std::string("<ok>"));
    StreamDecoder noKeys(plainOptions());
    QVERIFY(errorOf(noKeys, fromHex(v::kTcpEncryptedPushPullHex)).find("no keyring") !=
            std::string::npos);
    Keyring wrong;
    QVERIFY(wrong.addKey(Bytes(16, 3)).empty());
    options.keyring = &wrong;
    StreamDecoder wrongKey(options);
    QVERIFY(errorOf(wrongKey, fromHex(v::kTcpEncryptedPushPullHex)).find("decrypt:") == 0);
}

void TestStream::limitsFailBeforeTheBytesArrive_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<QString>("error");
    QTest::newRow("nodes 2M") << QByteArray(
                                     "06 83 a4 4a 6f 69 6e c3 a5 4e 6f 64 65 73 ce 00 1e 84 80")
                              << "push-pull: Nodes: value 2000000 out of range";
    QTest::newRow("user state 21MiB")
        << QByteArray("06 83 a4 4a 6f 69 6e c3 a5 4e 6f 64 65 73 00 ac 55 73 65 72 53 74 61 74 65 "
                      "4c 65 6e ce 01 50 00 00")
        << "UserStateLen: value 22020096 out of range";
    QTest::newRow("user msg 21MiB")
        << QByteArray("08 81 aa 55 73 65 72 4d 73 67 4c 65 6e ce 01 50 00 00")
        << "user: UserMsgLen: value 22020096 out of range";
    QTest::newRow("negative nodes")
        << QByteArray("06 81 a5 4e 6f 64 65 73 ff") << "Nodes: value -1 out of range";
    QTest::newRow("meta 600")
        << QByteArray("06 83 a4 4a 6f 69 6e c3 a5 4e 6f 64 65 73 01 ac 55 73 65 72 53 74 61 74 "
                      "65 4c 65 6e 00 81 a4 4d 65 74 61 da 02 58")
        << "node state 0: Meta: length 600 exceeds the limit of 512";
    QTest::newRow("compressed 16MiB claim then garbage")
        << QByteArray("09 82 a4 41 6c 67 6f 01 a3 42 75 66 db 01 00 00 00") << "<need more>";
}

void TestStream::limitsFailBeforeTheBytesArrive()
{
    QFETCH(QByteArray, hex);
    QFETCH(QString, error);
    StreamDecoder decoder(plainOptions());
    const std::string got = errorOf(decoder, fromHex(hex.toStdString()));
    QVERIFY2(got.find(error.toStdString()) != std::string::npos, got.c_str());
}

void TestStream::truncatedCompleteFrameIsAnError()
{
    Bytes frame = fromHex(v::kPushPullHex);
    frame.pop_back();
    const auto decoded = decodeFrame(frame, plainOptions());
    QVERIFY(!decoded.ok());
    QVERIFY(decoded.error().message.find("truncated") != std::string::npos);
    Keyring ring;
    QVERIFY(ring.addKey(v::kKey128).empty());
    StreamOptions options = plainOptions();
    options.keyring = &ring;
    StreamDecoder decoder(options);
    QCOMPARE(errorOf(decoder, fromHex("0a 01 40 00 01")),
             std::string("encrypt: frame of 20971521 bytes exceeds the 20 MiB limit"));
}

QTEST_APPLESS_MAIN(TestStream)
#include "tst_stream.moc"
