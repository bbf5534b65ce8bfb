// The memberlist layer of bytes captured from real Serf v0.10.2 nodes (memberlist v0.5.2,
// vectors/serf-0.10.2/README.md): every datagram and stream opens with our codec to the
// layers and messages Serf's memberlist sent, carries Serf's bytes where Serf puts them
// (user messages, tags meta, ack payload, push/pull user state), and re-encodes to the same
// bytes. The Serf messages inside are checked field by field in tests/serf.
#include "core/wire/packet.h"
#include "core/wire/stream.h"

#include <QFile>
#include <QTest>

using namespace grapevine::wire;

namespace {

Bytes load(const std::string &name)
{
    QFile file(
        QStringLiteral(GRAPEVINE_SERF_VECTORS_DIR "/%1.hex").arg(QString::fromStdString(name)));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return fromHex(file.readAll().trimmed().toStdString());
}

Bytes pattern(std::size_t n, std::size_t mul, std::size_t add)
{
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = static_cast<std::uint8_t>((mul * i + add) % 251);
    return out;
}

// The serf-keys run's keys: K1 = 00…1f, K2 = 40…5f. 0 = no encryption.
Keyring keyring(int primary)
{
    Keyring ring;
    if (primary != 0)
        (void)ring.addKey(pattern(32, 1, primary == 1 ? 0 : 64));
    return ring;
}

struct Vector {
    std::string name;
    int key;                         // which key encrypted it (0: none)
    std::vector<std::string> layers; // UDP only
    // Per message: memberlist type, then the first byte of the Serf bytes it carries
    // (user message: Serf type; alive: ff tags marker; ack: 01 coordinate version;
    // push/pull: 02 Serf state), or -1.
    std::vector<std::pair<MessageType, int>> messages;
    bool dialled = false; // TCP: written by the dialling side
};

const Bytes kSerfVsn = {1, 5, 2, 2, 5, 4};

std::vector<Vector> udpVectors()
{
    using T = MessageType;
    const std::vector<std::string> crc = {"crc"};
    const std::vector<std::string> none = {};
    const std::vector<std::string> encCrc = {"encrypted", "crc"};
    return {
        {"udp-join-intent", 0, crc, {{T::User, 1}}},
        {"udp-leave-intent", 0, crc, {{T::User, 0}}},
        {"udp-user-event", 0, crc, {{T::User, 3}}},
        {"udp-query", 0, crc, {{T::User, 4}}},
        {"udp-query-filter-relay", 0, crc, {{T::User, 4}}},
        {"udp-query-serf-ping", 0, crc, {{T::User, 4}}},
        {"udp-query-ack", 0, none, {{T::User, 5}}},
        {"udp-query-response", 0, none, {{T::User, 5}}},
        {"udp-relay", 0, none, {{T::User, 9}}},
        {"udp-ack-coordinate", 0, none, {{T::Ack, 1}}},
        {"udp-alive-tags", 0, crc, {{T::Alive, 0xff}}},
        {"udp-query-install-key", 1, encCrc, {{T::User, 4}}},
        {"udp-query-use-and-list-keys",
         2,
         {"encrypted", "crc", "compound"},
         {{T::User, 4}, {T::User, 4}}},
        {"udp-query-remove-key", 2, encCrc, {{T::User, 4}}},
        {"udp-key-response", 1, {"encrypted"}, {{T::User, 5}}},
        {"udp-key-response-list", 1, {"encrypted"}, {{T::User, 5}}},
    };
}

std::vector<Vector> streamVectors()
{
    return {
        {"tcp-pushpull-join", 0, {}, {{MessageType::PushPull, 2}}, true},
        {"tcp-pushpull-reply-left", 0, {}, {{MessageType::PushPull, 2}}, false},
    };
}

// The Serf bytes a message carries (see Vector::messages), or nothing.
ByteView serfBytes(const Message &message)
{
    if (const auto *user = std::get_if<UserMsg>(&message))
        return user->payload;
    if (const auto *ack = std::get_if<Ack>(&message))
        return ack->payload;
    if (const auto *alive = std::get_if<Alive>(&message))
        return alive->meta;
    if (const auto *pp = std::get_if<PushPull>(&message))
        return pp->userState;
    return {};
}

// Checks the message kinds and Serf type bytes; returns "" or what differs.
std::string checkMessages(const std::vector<Message> &got, const Vector &vec)
{
    if (got.size() != vec.messages.size())
        return "message count " + std::to_string(got.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        const ByteView serf = serfBytes(got[i]);
        if (typeOf(got[i]) != vec.messages[i].first)
            return "got " + describe(got[i]);
        if (serf.empty() || serf[0] != vec.messages[i].second)
            return "serf bytes of " + describe(got[i]);
    }
    return {};
}

PacketOptions packetOptions(const Keyring &ring, bool crc)
{
    PacketOptions options;
    options.compress = false;
    options.crc = crc;
    options.keyring = ring.empty() ? nullptr : &ring;
    options.intStyle = IntStyle::V2Signed;
    return options;
}

StreamOptions streamOptions()
{
    StreamOptions options;
    options.compress = false;
    options.intStyle = IntStyle::V2Signed;
    return options;
}

QByteArray hexOf(ByteView bytes)
{
    return QByteArray::fromStdString(toHex(bytes));
}

} // namespace

class TestSerf0102MemberlistLayer : public QObject {
    Q_OBJECT

private slots:
    void datagramOpensAndReencodes_data();
    void datagramOpensAndReencodes();
    void streamOpensAndReencodes_data();
    void streamOpensAndReencodes();
    void aliveCarriesSerfVersionsAndTags();
};

void TestSerf0102MemberlistLayer::datagramOpensAndReencodes_data()
{
    QTest::addColumn<int>("index");
    const auto vectors = udpVectors();
    for (std::size_t i = 0; i < vectors.size(); ++i)
        QTest::newRow(vectors[i].name.c_str()) << static_cast<int>(i);
}

void TestSerf0102MemberlistLayer::datagramOpensAndReencodes()
{
    QFETCH(int, index);
    const Vector vec = udpVectors()[static_cast<std::size_t>(index)];
    const Bytes go = load(vec.name);
    QVERIFY2(!go.empty(), vec.name.c_str());
    const Keyring ring = keyring(vec.key);
    const bool crc = std::find(vec.layers.begin(), vec.layers.end(), "crc") != vec.layers.end();
    const auto opened = openPacket(go, packetOptions(ring, crc));
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
    QCOMPARE(opened->layers, vec.layers);
    const std::string mismatch = checkMessages(opened->messages, vec);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    const Bytes nonce = vec.key != 0 ? Bytes(go.begin() + 1, go.begin() + 13) : Bytes{};
    QCOMPARE(hexOf(sealPacket(opened->messages, packetOptions(ring, crc), nonce)), hexOf(go));
}

void TestSerf0102MemberlistLayer::streamOpensAndReencodes_data()
{
    QTest::addColumn<int>("index");
    const auto vectors = streamVectors();
    for (std::size_t i = 0; i < vectors.size(); ++i)
        QTest::newRow(vectors[i].name.c_str()) << static_cast<int>(i);
}

void TestSerf0102MemberlistLayer::streamOpensAndReencodes()
{
    QFETCH(int, index);
    const Vector vec = streamVectors()[static_cast<std::size_t>(index)];
    const Bytes go = load(vec.name);
    StreamDecoder decoder(streamOptions(), vec.dialled ? StreamLabel::Expect : StreamLabel::Forbid);
    decoder.feed(go);
    const auto frame = decoder.next();
    QVERIFY(frame.has_value());
    QVERIFY2(frame->ok(), frame->ok() ? "" : frame->error().message.c_str());
    QCOMPARE(decoder.buffered(), std::size_t{0});
    const std::string mismatch = checkMessages({frame->value()}, vec);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    for (const auto &node : std::get<PushPull>(frame->value()).nodes)
        QVERIFY(node.vsn == SmallBytes(kSerfVsn) && !node.meta.empty() && node.meta[0] == 0xff);
    QCOMPARE(hexOf(encodeFrame(frame->value(), streamOptions(), {})), hexOf(go));
}

void TestSerf0102MemberlistLayer::aliveCarriesSerfVersionsAndTags()
{
    const auto opened = openPacket(load("udp-alive-tags"), packetOptions(Keyring{}, true));
    QVERIFY(opened.ok());
    const auto &alive = std::get<Alive>(opened->messages.at(0));
    QCOMPARE(alive.node, std::string("sf-a"));
    QCOMPARE(alive.incarnation, 2U);
    QCOMPARE(alive.port, std::uint16_t{40941});
    QVERIFY(alive.addr == SmallBytes(Bytes{127, 0, 0, 1}));
    // Serf's delegate versions: min 2, max 5, current 4 (a 0.2.2-style 0 0 0 fails its join).
    QCOMPARE(hexOf(alive.vsn.view()), hexOf(kSerfVsn));
    // ff, then a msgpack map of three string pairs (role, dc, v in Go's map order).
    QCOMPARE(alive.meta.size(), std::size_t{1 + 1 + 5 + 5 + 3 + 4 + 2 + 2});
    QCOMPARE(alive.meta[1], std::uint8_t{0x83});
}

QTEST_APPLESS_MAIN(TestSerf0102MemberlistLayer)
#include "tst_serf_0102_memberlist_layer.moc"
