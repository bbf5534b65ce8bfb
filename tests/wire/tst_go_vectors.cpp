// Go golden vectors: every line of go_vectors.txt (printed by tests/interop/vectors, the
// real go-msgpack / compress/lzw / crypto/cipher code) must equal our encoder's bytes,
// and our decoders must read Go's bytes back to the same value. The file comes from
// $GRAPEVINE_GO_VECTORS when set (the interop test regenerates it), else the checked-in copy.
#include "core/wire/crypto.h"
#include "core/wire/lzw.h"
#include "core/wire/packet.h"
#include "core/wire/stream.h"
#include "wire_vectors.h"

#include <QFile>
#include <QTest>

#include <functional>
#include <map>

using namespace grapevine::wire;
namespace v = grapevine::wire::vectors;

namespace {

Bytes pattern(std::size_t n, std::size_t mul, std::size_t add)
{
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = static_cast<std::uint8_t>((mul * i + add) % 251);
    return out;
}

PushPull pushPull(int nodes, std::size_t userLen, bool join)
{
    PushPull pp{join, {}, pattern(userLen, 7, 1)};
    for (int i = 0; i < nodes; ++i) {
        const auto u = static_cast<std::size_t>(i);
        pp.nodes.push_back(PushNodeState{
            "node-" + std::to_string(i), v::kLocal4, static_cast<std::uint16_t>(7946 + i),
            i % 3 == 0 ? pattern(u % 40 + 1, 3, u) : Bytes{}, static_cast<std::uint32_t>(i * 1000),
            static_cast<NodeState>(i % 4), v::kVsn});
    }
    return pp;
}

const Bytes kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 2};

// Message vectors: encodeMessage on the given channel must give Go's bytes.
std::map<std::string, std::pair<Message, Channel>> messageVectors()
{
    const Ping ping = std::get<Ping>(v::pingMessage());
    return {
        {"msg.ping.full", {ping, Channel::Udp}},
        {"msg.ping.min", {Ping{300, "node-b", {}, 0, {}}, Channel::Udp}},
        {"msg.ping.u32", {Ping{4000000000U, "", {}, 0, {}}, Channel::Udp}},
        {"msg.indirect",
         {IndirectPing{70000, kMapped, 7946, "node-c", true, v::kLocal4, 7946, "node-a"},
          Channel::Udp}},
        {"msg.indirect.min", {IndirectPing{9, v::kLocal4, 0, "x", false, {}, 0, {}}, Channel::Udp}},
        {"msg.ack.nil", {Ack{1, {}}, Channel::Udp}},
        {"msg.ack.payload", {Ack{255, pattern(40, 5, 2)}, Channel::Udp}},
        {"msg.nack", {Nack{65535}, Channel::Udp}},
        {"msg.err", {ErrResp{"boom"}, Channel::Udp}},
        {"msg.suspect", {v::suspectMessage(), Channel::Udp}},
        {"msg.suspect.longname", {Suspect{65536, std::string(40, 'x'), "a"}, Channel::Udp}},
        {"msg.dead", {Dead{3, "node-b", "node-b"}, Channel::Udp}},
        {"msg.alive", {Alive{1, "node-a", v::kLocal4, 7946, {}, v::kVsn}, Channel::Udp}},
        {"msg.alive.meta",
         {Alive{200, "node-a", kMapped, 7946, pattern(512, 11, 3), v::kVsn}, Channel::Udp}},
        {"tcp.pushpull.small", {pushPull(1, 3, true), Channel::Tcp}},
        {"tcp.pushpull.ints1", {pushPull(130, 300, false), Channel::Tcp}},
        {"tcp.pushpull.ints2", {pushPull(0, 66000, true), Channel::Tcp}},
        {"tcp.pushpull.states", {pushPull(12, 0, false), Channel::Tcp}},
        {"tcp.user", {UserMsg{toBytes("hello")}, Channel::Tcp}},
        {"tcp.user.1000", {UserMsg{pattern(1000, 13, 4)}, Channel::Tcp}},
        {"udp.user", {UserMsg{toBytes("hello")}, Channel::Udp}},
    };
}

std::map<std::string, Bytes> lzwInputs()
{
    std::string abc;
    for (int i = 0; i < 16; ++i)
        abc += "abc";
    return {{"lzw.empty", {}},
            {"lzw.a", toBytes("a")},
            {"lzw.aaaa", toBytes("aaaa")},
            {"lzw.abc", toBytes(abc)},
            {"lzw.A", pattern(5000, 7, 0)},
            {"lzw.zeros", Bytes(70000, 0)},
            {"lzw.mixed", pattern(20000, 97, 13)}};
}

struct PacketVector {
    std::vector<Message> messages;
    PacketOptions options;
};

struct FrameVector {
    Message message;
    bool compress;
    std::size_t keySize;
    std::string label;
};

std::string lastError;

bool fail(std::string text)
{
    lastError = std::move(text);
    return false;
}

bool checkPacket(const PacketVector &vec, ByteView go)
{
    const Bytes ours = sealPacket(vec.messages, vec.options, v::kNonce);
    if (toHex(ours) != toHex(go))
        return fail("encode differs: ours " + toHex(ours));
    const auto opened = openPacket(go, vec.options);
    if (!opened.ok())
        return fail("decode: " + opened.error().message);
    return opened->messages == vec.messages || fail("decoded messages differ");
}

bool checkFrame(const FrameVector &vec, ByteView go)
{
    Keyring ring;
    (void)ring.addKey(pattern(vec.keySize, 1, 0));
    StreamOptions options;
    options.compress = vec.compress;
    options.keyring = vec.keySize != 0 ? &ring : nullptr;
    options.label = vec.label;
    const Bytes ours = encodeFrame(vec.message, options, v::kNonce);
    if (toHex(ours) != toHex(go))
        return fail("encode differs: ours " + toHex(ours));
    const auto decoded = decodeFrame(go, options);
    if (!decoded.ok())
        return fail("decode: " + decoded.error().message);
    return decoded.value() == vec.message || fail("decoded frame differs");
}

// Returns true when `name` is known and both directions agree; sets lastError otherwise.
bool checkVector(const std::string &name, ByteView go)
{
    static const auto messages = messageVectors();
    static const auto lzw = lzwInputs();
    const Message ping = v::pingMessage();
    const Message suspect = v::suspectMessage();
    if (auto it = messages.find(name); it != messages.end()) {
        const Bytes ours = encodeMessage(it->second.first, it->second.second);
        if (toHex(ours) != toHex(go))
            return fail("encode differs: ours " + toHex(ours));
        const auto decoded = decodeMessage(go, it->second.second);
        if (!decoded.ok())
            return fail("decode: " + decoded.error().message);
        return decoded.value() == it->second.first || fail("decoded " + describe(decoded.value()));
    }
    if (auto it = lzw.find(name); it != lzw.end()) {
        if (lzwCompress(it->second) != Bytes(go.begin(), go.end()))
            return fail("lzw output differs");
        const auto back = lzwDecompress(go);
        return (back.ok() && *back == it->second) || fail("lzw decompress differs");
    }
    if (name.rfind("aes", 0) == 0 && name.find("label") == std::string::npos) {
        const std::size_t keySize = std::stoul(name.substr(3)) / 8;
        const int version = name.back() - '0';
        const Bytes plain = encodeMessage(ping);
        const auto ours = encryptPayload(version, pattern(keySize, 1, 0), v::kNonce, plain, {});
        if (!ours.ok() || *ours != Bytes(go.begin(), go.end()))
            return fail("ciphertext differs");
        Keyring ring;
        (void)ring.addKey(Bytes(16, 0xee));
        (void)ring.addKey(pattern(keySize, 1, 0));
        const auto back = decryptPayload(ring, go, {});
        return (back.ok() && *back == plain) || fail("decrypt differs");
    }
    PacketOptions plain;
    plain.compress = false;
    PacketOptions crc = plain;
    crc.crc = true;
    Keyring ring;
    (void)ring.addKey(pattern(16, 1, 0));
    PacketOptions labelled = plain;
    labelled.keyring = &ring;
    labelled.label = "prod";
    const std::map<std::string, PacketVector> packets = {
        {"udp.compound", {{ping, suspect}, plain}},
        {"udp.crc.ping", {{ping}, crc}},
        {"udp.compressed.compound", {{ping, suspect, ping, suspect}, PacketOptions{}}},
        {"aes128.v1.label", {{ping}, labelled}},
    };
    if (auto it = packets.find(name); it != packets.end())
        return checkPacket(it->second, go);
    const std::map<std::string, FrameVector> frames = {
        {"frame.compressed.ping", {ping, true, 0, ""}},
        {"frame.encrypted.pushpull", {pushPull(1, 3, true), false, 16, ""}},
        {"frame.encrypted.compressed.pushpull", {pushPull(3, 10, false), true, 32, "prod"}},
    };
    if (auto it = frames.find(name); it != frames.end())
        return checkFrame(it->second, go);
    return fail("unknown vector name (add it to tst_go_vectors.cpp)");
}

} // namespace

class TestGoVectors : public QObject {
    Q_OBJECT

private slots:
    void goBytesEqualOursBothWays_data();
    void goBytesEqualOursBothWays();
};

void TestGoVectors::goBytesEqualOursBothWays_data()
{
    QTest::addColumn<QByteArray>("hex");
    const QByteArray env = qgetenv("GRAPEVINE_GO_VECTORS");
    QFile file(env.isEmpty() ? QStringLiteral(GRAPEVINE_GO_VECTORS_FILE)
                             : QString::fromLocal8Bit(env));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    int rows = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.indexOf(' ');
        QTest::newRow(line.left(space).constData())
            << (space < 0 ? QByteArray() : line.mid(space + 1));
        ++rows;
    }
    QVERIFY2(rows >= 40, "too few vectors in the file");
}

void TestGoVectors::goBytesEqualOursBothWays()
{
    QFETCH(QByteArray, hex);
    const Bytes go = fromHex(hex.toStdString());
    QVERIFY2(!go.empty(), "bad hex");
    lastError.clear();
    QVERIFY2(checkVector(QTest::currentDataTag(), go), lastError.c_str());
}

QTEST_APPLESS_MAIN(TestGoVectors)
#include "tst_go_vectors.moc"
