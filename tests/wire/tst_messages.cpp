// Appendix A.1 / A.2 of the wire spec: every structure encodes to Go's exact bytes and
// decodes back; the decoder tolerates what go-msgpack tolerates.
#include "core/wire/endpoint.h"
#include "core/wire/messages.h"

#include <QTest>

using namespace grapevine::wire;

Q_DECLARE_METATYPE(grapevine::wire::Message)
Q_DECLARE_METATYPE(grapevine::wire::IntStyle)
Q_DECLARE_METATYPE(grapevine::wire::Channel)

namespace {

const Bytes kVsn = {1, 5, 2, 0, 0, 0};
const Bytes kLocal4 = {127, 0, 0, 1};
const Bytes kMapped10 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 2};

Bytes withType(MessageType type, const char *hex)
{
    Bytes out{static_cast<std::uint8_t>(type)};
    const Bytes body = fromHex(hex);
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

} // namespace

class TestMessages : public QObject {
    Q_OBJECT

private slots:
    void encodesLikeGo_data();
    void encodesLikeGo();
    void decodesGoBytes_data() { encodesLikeGo_data(); }
    void decodesGoBytes();
    void describeGivesOneLineSummaries();
};

void TestMessages::encodesLikeGo_data()
{
    QTest::addColumn<Message>("message");
    QTest::addColumn<IntStyle>("style");
    QTest::addColumn<Channel>("channel");
    QTest::addColumn<QByteArray>("hex");
    const auto row = [](const char *name, Message m, MessageType t, const char *hex,
                        IntStyle style = IntStyle::Go05Unsigned, Channel ch = Channel::Udp) {
        const Bytes b = withType(t, hex);
        QTest::newRow(name) << m << style << ch << QByteArray(toHex(b).c_str());
    };
    row("ping full", Ping{1, "node-b", kLocal4, 7946, "node-a"}, MessageType::Ping,
        "85 a4 4e 6f 64 65 a6 6e 6f 64 65 2d 62 a5 53 65 71 4e 6f 01 aa 53 6f 75 72 63 65 41 64 64 "
        "72 a4 7f 00 00 01"
        "aa 53 6f 75 72 63 65 4e 6f 64 65 a6 6e 6f 64 65 2d 61 aa 53 6f 75 72 63 65 50 6f 72 74 cd "
        "1f 0a");
    row("ping omitempty", Ping{300, "node-b", {}, 0, {}}, MessageType::Ping,
        "82 a4 4e 6f 64 65 a6 6e 6f 64 65 2d 62 a5 53 65 71 4e 6f cd 01 2c");
    row("indirect ping",
        IndirectPing{70000, kMapped10, 7946, "node-c", true, kLocal4, 7946, "node-a"},
        MessageType::IndirectPing,
        "88 a4 4e 61 63 6b c3 a4 4e 6f 64 65 a6 6e 6f 64 65 2d 63 a4 50 6f 72 74 cd 1f 0a a5 53 65 "
        "71 4e 6f ce 00 01 11 70"
        "aa 53 6f 75 72 63 65 41 64 64 72 a4 7f 00 00 01 aa 53 6f 75 72 63 65 4e 6f 64 65 a6 6e 6f "
        "64 65 2d 61"
        "aa 53 6f 75 72 63 65 50 6f 72 74 cd 1f 0a a6 54 61 72 67 65 74 b0 00 00 00 00 00 00 00 00 "
        "00 00 ff ff 0a 00 00 02");
    row("ack nil", Ack{1, {}}, MessageType::Ack,
        "82 a7 50 61 79 6c 6f 61 64 c0 a5 53 65 71 4e 6f 01");
    row("ack payload", Ack{1, {1, 2, 3}}, MessageType::Ack,
        "82 a7 50 61 79 6c 6f 61 64 a3 01 02 03 a5 53 65 71 4e 6f 01");
    row("nack", Nack{7}, MessageType::Nack, "81 a5 53 65 71 4e 6f 07");
    row("err", ErrResp{"boom"}, MessageType::Err, "81 a5 45 72 72 6f 72 a4 62 6f 6f 6d");
    row("suspect", Suspect{5, "node-b", "node-a"}, MessageType::Suspect,
        "83 a4 46 72 6f 6d a6 6e 6f 64 65 2d 61 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 05 a4 4e 6f 64 "
        "65 a6 6e 6f 64 65 2d 62");
    row("dead leave", Dead{3, "node-b", "node-b"}, MessageType::Dead,
        "83 a4 46 72 6f 6d a6 6e 6f 64 65 2d 62 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 03 a4 4e 6f 64 "
        "65 a6 6e 6f 64 65 2d 62");
    row("alive", Alive{1, "node-a", kLocal4, 7946, {}, kVsn}, MessageType::Alive,
        "86 a4 41 64 64 72 a4 7f 00 00 01 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 01 a4 4d 65 74 61 c0"
        "a4 4e 6f 64 65 a6 6e 6f 64 65 2d 61 a4 50 6f 72 74 cd 1f 0a a3 56 73 6e a6 01 05 02 00 00 "
        "00");
    row("alive mapped meta", Alive{200, "node-a", kMapped10, 7946, toBytes("hi"), kVsn},
        MessageType::Alive,
        "86 a4 41 64 64 72 b0 00 00 00 00 00 00 00 00 00 00 ff ff 0a 00 00 02 ab 49 6e 63 61 72 6e "
        "61 74 69 6f 6e cc c8"
        "a4 4d 65 74 61 a2 68 69 a4 4e 6f 64 65 a6 6e 6f 64 65 2d 61 a4 50 6f 72 74 cd 1f 0a a3 56 "
        "73 6e a6 01 05 02 00 00 00");
    const PushNodeState nodeA{"node-a", kLocal4, 7946, {}, 1, NodeState::Alive, kVsn};
    row("push-pull stream", PushPull{true, {nodeA}, toBytes("usr")}, MessageType::PushPull,
        "83 a4 4a 6f 69 6e c3 a5 4e 6f 64 65 73 01 ac 55 73 65 72 53 74 61 74 65 4c 65 6e 03"
        "87 a4 41 64 64 72 a4 7f 00 00 01 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 01 a4 4d 65 74 61 c0 "
        "a4 4e 61 6d 65"
        "a6 6e 6f 64 65 2d 61 a4 50 6f 72 74 cd 1f 0a a5 53 74 61 74 65 00 a3 56 73 6e a6 01 05 02 "
        "00 00 00 75 73 72",
        IntStyle::Go05Unsigned, Channel::Tcp);
    row("user udp", UserMsg{toBytes("hello")}, MessageType::User, "68 65 6c 6c 6f");
    row("user tcp", UserMsg{toBytes("hello")}, MessageType::User,
        "81 aa 55 73 65 72 4d 73 67 4c 65 6e 05 68 65 6c 6c 6f", IntStyle::Go05Unsigned,
        Channel::Tcp);
    std::string longName(40, 'x');
    row("suspect str16", Suspect{0, longName, ""}, MessageType::Suspect,
        ("83 a4 46 72 6f 6d a0 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 00 a4 4e 6f 64 65 da 00 28 " +
         toHex(toBytes(longName)))
            .c_str());
}

void TestMessages::encodesLikeGo()
{
    QFETCH(Message, message);
    QFETCH(IntStyle, style);
    QFETCH(Channel, channel);
    QFETCH(QByteArray, hex);
    QCOMPARE(QByteArray(toHex(encodeMessage(message, channel, style)).c_str()), hex);
    if (channel == Channel::Udp)
        QCOMPARE(encodedSize(message), fromHex(hex.toStdString()).size());
}

void TestMessages::decodesGoBytes()
{
    QFETCH(Message, message);
    QFETCH(Channel, channel);
    QFETCH(QByteArray, hex);
    const auto decoded = decodeMessage(fromHex(hex.toStdString()), channel);
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
    QVERIFY2(decoded.value() == message, describe(decoded.value()).c_str());
}

void TestMessages::describeGivesOneLineSummaries()
{
    QCOMPARE(describe(Ping{42, "go-a", kLocal4, 41342, "cpp-b"}),
             std::string("ping seq=42 node=go-a from=cpp-b@127.0.0.1:41342"));
    QCOMPARE(describe(Dead{3, "n", "n"}), std::string("dead node=n inc=3 (left)"));
    QCOMPARE(describe(UserMsg{toBytes("hello")}), std::string("user 5B \"hello\""));
    QCOMPARE(describe(UserMsg{Bytes{0x8a, 1, 2}}), std::string("user 3B 8a 01 02"));
    QCOMPARE(describe(PushPull{
                 true, {PushNodeState{"a", kLocal4, 1, {}, 2, NodeState::Left, kVsn}}, {}}),
             std::string("push-pull join nodes=1 a:left/2 user=0B"));
    QCOMPARE(std::string(messageTypeName(static_cast<MessageType>(99))), std::string("unknown"));
}

QTEST_APPLESS_MAIN(TestMessages)
#include "tst_messages.moc"
