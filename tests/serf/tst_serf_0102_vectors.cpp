// The Serf layer of bytes captured from real Serf v0.10.2 nodes
// (tests/wire/vectors/serf-0.10.2/README.md): each vector's Serf payload (user message,
// alive meta, ack payload, push/pull user state) opens with core/serf's decoders, every field
// equals what the README says the Serf nodes sent, and where core/serf writes the same message
// it writes Go's bytes. tst_serf_0102_memberlist_layer checks the memberlist layer around it.
#include "core/serf/coordinate.h"
#include "core/serf/serf_messages.h"
#include "core/serf/tags.h"
#include "core/wire/packet.h"
#include "core/wire/stream.h"

#include <QFile>
#include <QTest>

#include <bit>

using namespace grapevine;
using namespace grapevine::serf;

namespace {

wire::Bytes load(const char *name)
{
    QFile file(QStringLiteral(GRAPEVINE_SERF_VECTORS_DIR "/%1.hex").arg(QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read vector %s", name);
    return wire::fromHex(file.readAll().trimmed().toStdString());
}

// The serf-keys run's keys (README): K1 = 00 01 … 1f, K2 = 40 41 … 5f.
wire::Bytes key(std::uint8_t first)
{
    wire::Bytes out(32);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>(first + i);
    return out;
}
const wire::Bytes kK1 = key(0x00);
const wire::Bytes kK2 = key(0x40);
// Serf's KeyManager lists keys as standard base64 (with padding).
const std::string kK1Base64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const std::string kK2Base64 = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";

const wire::Bytes kLocalhost = {127, 0, 0, 1};
constexpr std::int64_t kTimeout1500ms = 1500000000; // d2 59 68 2f 00
// Serf 0.10.2's go-msgpack v2 writes Go ints signed (Query Timeout, Relay Port).
constexpr wire::IntStyle kV2 = wire::IntStyle::V2Signed;

// The memberlist messages of one datagram (crc: the README's "CRC" layer; key: encrypted).
std::vector<wire::Message> openDatagram(const char *name, bool crc, const wire::Bytes &key = {})
{
    wire::Keyring ring;
    if (!key.empty() && !ring.addKey(key).empty())
        qFatal("bad test key");
    wire::PacketOptions options;
    options.compress = false;
    options.crc = crc;
    options.keyring = key.empty() ? nullptr : &ring;
    options.intStyle = wire::IntStyle::V2Signed;
    auto opened = wire::openPacket(load(name), options);
    if (!opened)
        qFatal("%s: %s", name, opened.error().message.c_str());
    return opened->messages;
}

// The Serf bytes of the datagram's index-th message, a memberlist user message.
wire::Bytes userPayload(const char *name, bool crc, const wire::Bytes &key = {},
                        std::size_t index = 0)
{
    return std::get<wire::UserMsg>(openDatagram(name, crc, key).at(index)).payload;
}

wire::PushPull openStream(const char *name, bool dialled)
{
    wire::StreamOptions options;
    options.compress = false;
    options.intStyle = wire::IntStyle::V2Signed;
    wire::StreamDecoder decoder(options,
                                dialled ? wire::StreamLabel::Expect : wire::StreamLabel::Forbid);
    decoder.feed(load(name));
    auto frame = decoder.next();
    if (!frame || !frame->ok())
        qFatal("%s does not open", name);
    return std::get<wire::PushPull>(frame->value());
}

template <class T> T decodeAs(const wire::Bytes &bytes)
{
    wire::Result<Message> m = decodeMessage(bytes);
    if (!m)
        qFatal("serf decode failed: %s", m.error().message.c_str());
    if (!std::holds_alternative<T>(*m))
        qFatal("serf decode: unexpected message type %d", static_cast<int>(typeOf(*m)));
    return std::get<T>(*m);
}

QByteArray hexOf(wire::ByteView bytes)
{
    return QByteArray::fromStdString(wire::toHex(bytes));
}

Tags tagsOf(wire::ByteView meta)
{
    const auto tags = decodeTags(meta);
    if (!tags || !tags->ok())
        qFatal("meta %s is not Serf tags", wire::toHex(meta).c_str());
    return tags->value();
}

// float64s compared bit for bit (the ack carries Go's doubles exactly).
std::uint64_t bitsOf(double value)
{
    return std::bit_cast<std::uint64_t>(value);
}

bool contains(wire::ByteView haystack, const wire::Bytes &needle)
{
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
           haystack.end();
}

} // namespace

class TestSerf0102Vectors : public QObject {
    Q_OBJECT
private slots:
    void joinIntent();
    void leaveIntent();
    void userEvent();
    void queryWithAck();
    void queryWithNodeFilterAndRelay();
    void serfPingQuery();
    void queryAck();
    void queryResponse();
    void relayedResponse();
    void ackCoordinate();
    void aliveTags();
    void pushPullJoin();
    void pushPullReplyWithLeftMember();
    void installKeyQuery();
    void useAndListKeyQueries();
    void removeKeyQuery();
    void keyResponse();
    void keyResponseList();
};

void TestSerf0102Vectors::joinIntent()
{
    const wire::Bytes go = userPayload("udp-join-intent", true);
    const auto join = decodeAs<JoinIntent>(go);
    QCOMPARE(join.ltime, LamportTime(1));
    QCOMPARE(join.node, std::string("sf-b"));
    QCOMPARE(hexOf(encodeMessage(join)), hexOf(go));
}

void TestSerf0102Vectors::leaveIntent()
{
    const wire::Bytes go = userPayload("udp-leave-intent", true);
    const auto leave = decodeAs<LeaveIntent>(go);
    QCOMPARE(leave.ltime, LamportTime(2));
    QCOMPARE(leave.node, std::string("sf-c"));
    QVERIFY(!leave.prune);
    QCOMPARE(hexOf(encodeMessage(leave)), hexOf(go));
}

void TestSerf0102Vectors::userEvent()
{
    const wire::Bytes go = userPayload("udp-user-event", true);
    const auto event = decodeAs<UserEvent>(go);
    QCOMPARE(event.ltime, LamportTime(1));
    QCOMPARE(event.name, std::string("grapevine-value"));
    QCOMPARE(event.payload, wire::toBytes("hello from serf"));
    QVERIFY(!event.coalesce);
    QCOMPARE(hexOf(encodeMessage(event)), hexOf(go));
}

void TestSerf0102Vectors::queryWithAck()
{
    const wire::Bytes go = userPayload("udp-query", true);
    const auto q = decodeAs<Query>(go);
    QCOMPARE(q.name, std::string("ask"));
    QCOMPARE(q.id, 1189162577U);
    QCOMPARE(q.ltime, LamportTime(1));
    QCOMPARE(q.flags, kQueryFlagAck);
    QCOMPARE(q.addr, kLocalhost);
    QCOMPARE(q.port, std::uint16_t(40941));
    QCOMPARE(q.sourceNode, std::string("sf-a"));
    QCOMPARE(q.timeoutNs, kTimeout1500ms);
    QVERIFY(contains(go, wire::fromHex("d259682f00"))); // Timeout as Go writes it
    QCOMPARE(q.payload, wire::toBytes("question"));
    QVERIFY(q.filters.empty());
    QCOMPARE(q.relayFactor, std::uint8_t(0));
    QCOMPARE(hexOf(encodeMessage(q, kV2)), hexOf(go));
    // Serf 0.9.4 (go-msgpack 0.5.5, our default) writes the same query with an unsigned
    // Timeout; nothing else differs.
    wire::Bytes go05 = go;
    go05[go05.size() - 5] = 0xce;
    QCOMPARE(hexOf(encodeMessage(q)), hexOf(go05));
}

void TestSerf0102Vectors::queryWithNodeFilterAndRelay()
{
    const wire::Bytes go = userPayload("udp-query-filter-relay", true);
    const auto q = decodeAs<Query>(go);
    QCOMPARE(q.name, std::string("ask-relayed"));
    QCOMPARE(q.id, 286125907U);
    QCOMPARE(q.ltime, LamportTime(2));
    QCOMPARE(q.relayFactor, std::uint8_t(1));
    QCOMPARE(q.flags, 0U);
    QCOMPARE(q.sourceNode, std::string("sf-b"));
    QCOMPARE(q.addr, kLocalhost);
    QCOMPARE(q.port, std::uint16_t(45515));
    QCOMPARE(q.timeoutNs, kTimeout1500ms);
    QCOMPARE(q.payload, wire::toBytes("q2"));
    QCOMPARE(q.filters.size(), std::size_t(1));
    QCOMPARE(q.filters[0].at(0), std::uint8_t(0)); // filterNodeType
    const auto filter = decodeFilter(q.filters[0]);
    QVERIFY(filter.ok());
    const auto *nodes = std::get_if<NodeFilter>(&*filter);
    QVERIFY(nodes != nullptr);
    QCOMPARE(nodes->nodes, (std::vector<std::string>{"sf-a", "sf-c"}));
    QCOMPARE(hexOf(encodeMessage(q, kV2)), hexOf(go));
}

void TestSerf0102Vectors::serfPingQuery()
{
    const wire::Bytes go = userPayload("udp-query-serf-ping", true);
    const auto q = decodeAs<Query>(go);
    QCOMPARE(q.name, std::string("_serf_ping"));
    QCOMPARE(q.id, 1869075173U);
    QCOMPARE(q.ltime, LamportTime(3));
    QCOMPARE(q.sourceNode, std::string("sf-a"));
    QCOMPARE(q.port, std::uint16_t(40941));
    QCOMPARE(q.flags, 0U);
    QCOMPARE(q.timeoutNs, kTimeout1500ms);
    QVERIFY(q.payload.empty()); // nil
    QVERIFY(q.filters.empty()); // nil
    QCOMPARE(hexOf(encodeMessage(q, kV2)), hexOf(go));
}

void TestSerf0102Vectors::queryAck()
{
    const wire::Bytes go = userPayload("udp-query-ack", false);
    const auto r = decodeAs<QueryResponse>(go);
    QCOMPARE(r.flags, kQueryFlagAck);
    QCOMPARE(r.id, 1189162577U);
    QCOMPARE(r.ltime, LamportTime(1));
    QCOMPARE(r.from, std::string("sf-b"));
    QVERIFY(r.payload.empty());
    QCOMPARE(hexOf(encodeMessage(r)), hexOf(go));
}

void TestSerf0102Vectors::queryResponse()
{
    const wire::Bytes go = userPayload("udp-query-response", false);
    const auto r = decodeAs<QueryResponse>(go);
    QCOMPARE(r.flags, 0U);
    QCOMPARE(r.id, 1189162577U);
    QCOMPARE(r.ltime, LamportTime(1));
    QCOMPARE(r.from, std::string("sf-b"));
    QCOMPARE(r.payload, wire::toBytes("answer-from-sf-b"));
    QCOMPARE(hexOf(encodeMessage(r)), hexOf(go));
}

void TestSerf0102Vectors::relayedResponse()
{
    const wire::Bytes go = userPayload("udp-relay", false);
    const auto relay = decodeAs<Relay>(go);
    QCOMPARE(relay.destIp, kLocalhost);
    QCOMPARE(relay.destPort, std::uint16_t(45515));
    QCOMPARE(relay.destName, std::string("sf-b"));
    const auto inner = decodeAs<QueryResponse>(relay.inner);
    QCOMPARE(inner.id, 286125907U);
    QCOMPARE(inner.ltime, LamportTime(2));
    QCOMPARE(inner.from, std::string("sf-c"));
    QCOMPARE(inner.flags, 0U);
    QCOMPARE(inner.payload, wire::toBytes("answer-from-sf-c"));
    QCOMPARE(hexOf(encodeMessage(inner)), hexOf(relay.inner));
    // Go writes the header's Port as a signed int32 (d2 0000b1cb: net.UDPAddr.Port is an int).
    QCOMPARE(hexOf(encodeMessage(relay, kV2)), hexOf(go));
    QVERIFY(contains(encodeMessage(relay), wire::fromHex("a4506f7274cdb1cb"))); // 0.9.4 form
}

void TestSerf0102Vectors::ackCoordinate()
{
    const auto ack = std::get<wire::Ack>(openDatagram("udp-ack-coordinate", false).at(0));
    QCOMPARE(ack.seqNo, 1U);
    const auto coordinate = decodeAckPayload(ack.payload);
    QVERIFY2(coordinate.ok(), coordinate.ok() ? "" : coordinate.error().message.c_str());
    // The float64s' bits as they stand in the capture (cb + 8 bytes each).
    const std::vector<std::uint64_t> vec = {
        0x3f0ddd7f735e183b, 0xbeedb8f67ac9a9a1, 0x3eea40cf6ae8d038, 0xbe8d9d386d9a8286,
        0xbef0724e18b55e7c, 0xbf10e14e9af50d98, 0x3f03113948b8b1ae, 0xbed224a0c4099516};
    QCOMPARE(coordinate->vec.size(), std::size_t(8));
    for (std::size_t i = 0; i < vec.size(); ++i)
        QCOMPARE(bitsOf(coordinate->vec[i]), vec[i]);
    QCOMPARE(bitsOf(coordinate->error), std::uint64_t(0x3ff6f3163dd69db4));
    QCOMPARE(bitsOf(coordinate->adjustment), std::uint64_t(0x3ef1bb0760432219));
    QCOMPARE(bitsOf(coordinate->height), std::uint64_t(0x3ee4f8b588e368f1));
    QCOMPARE(coordinate->height, 1e-05); // Serf's HeightMin after a few pings
    QCOMPARE(hexOf(encodeAckPayload(*coordinate)), hexOf(ack.payload));
}

void TestSerf0102Vectors::aliveTags()
{
    const auto alive = std::get<wire::Alive>(openDatagram("udp-alive-tags", true).at(0));
    QCOMPARE(alive.node, std::string("sf-a"));
    QCOMPARE(alive.incarnation, 2U);
    QCOMPARE(tagsOf(alive.meta), (Tags{{"role", "seed"}, {"dc", "lab"}, {"v", "2"}}));
    // Go ranges over the map in random order (here role, dc, v); we write sorted keys. The
    // sizes match and Serf decodes either into the same map.
    QCOMPARE(encodeTags(tagsOf(alive.meta)).size(), alive.meta.size());
    QVERIFY(contains(alive.meta, wire::fromHex("ff83a4726f6c65a473656564"))); // ff {role: seed,
}

void TestSerf0102Vectors::pushPullJoin()
{
    const wire::PushPull ml = openStream("tcp-pushpull-join", true);
    QVERIFY(ml.join);
    QCOMPARE(ml.nodes.size(), std::size_t(1));
    QCOMPARE(ml.nodes[0].name, std::string("sf-b"));
    QCOMPARE(ml.nodes[0].state, wire::NodeState::Alive);
    QCOMPARE(tagsOf(ml.nodes[0].meta), (Tags{{"role", "node"}}));
    QCOMPARE(hexOf(encodeTags(tagsOf(ml.nodes[0].meta))), hexOf(ml.nodes[0].meta));

    const auto pp = decodeAs<PushPull>(ml.userState);
    QCOMPARE(pp.ltime, LamportTime(1));
    QCOMPARE(pp.statusLTimes, (std::map<std::string, LamportTime>{{"sf-b", 0}}));
    QVERIFY(pp.leftMembers.empty());
    QCOMPARE(pp.eventLTime, LamportTime(1));
    QVERIFY(pp.events.empty()); // 512 nil slots, all dropped
    QCOMPARE(pp.queryLTime, LamportTime(1));
    // Go sends the whole ring buffer: "Events" then an array16 of 512 entries, each nil.
    wire::Bytes nilSlots = wire::fromHex("a64576656e7473dc0200");
    nilSlots.insert(nilSlots.end(), 512, 0xc0);
    QVERIFY(contains(ml.userState, nilSlots));
    // We send only the filled slots, so our bytes are shorter; Serf reads them back into the
    // same state (a ring slot per LTime % 512, nil where we sent nothing).
    const wire::Bytes ours = encodeMessage(pp);
    QCOMPARE(ours.size() + 512 + 2, ml.userState.size()); // + nil slots + dc 0200 for 90
    QCOMPARE(decodeAs<PushPull>(ours), pp);
}

void TestSerf0102Vectors::pushPullReplyWithLeftMember()
{
    const wire::PushPull ml = openStream("tcp-pushpull-reply-left", false);
    // memberlist's handleConn answers with the dialler's Join flag (sf-d was joining).
    QVERIFY(ml.join);
    QCOMPARE(ml.nodes.size(), std::size_t(3));
    std::map<std::string, wire::PushNodeState> byName;
    for (const auto &node : ml.nodes)
        byName[node.name] = node;
    QCOMPARE(byName.at("sf-a").incarnation, 2U);
    QCOMPARE(byName.at("sf-a").state, wire::NodeState::Alive);
    QCOMPARE(tagsOf(byName.at("sf-a").meta), (Tags{{"role", "seed"}, {"dc", "lab"}, {"v", "2"}}));
    QCOMPARE(byName.at("sf-b").state, wire::NodeState::Alive);
    QCOMPARE(tagsOf(byName.at("sf-b").meta), (Tags{{"role", "node"}}));
    QCOMPARE(byName.at("sf-c").state, wire::NodeState::Left);
    const wire::Bytes noTags = {0xff, 0x80}; // ff + an empty msgpack map
    QCOMPARE(byName.at("sf-c").meta, noTags);
    QCOMPARE(tagsOf(byName.at("sf-c").meta), Tags{});
    QCOMPARE(encodeTags({}), noTags);

    const auto pp = decodeAs<PushPull>(ml.userState);
    QCOMPARE(pp.ltime, LamportTime(3));
    QCOMPARE(pp.statusLTimes,
             (std::map<std::string, LamportTime>{{"sf-a", 0}, {"sf-b", 1}, {"sf-c", 2}}));
    QCOMPARE(pp.leftMembers, std::vector<std::string>{"sf-c"});
    QCOMPARE(pp.eventLTime, LamportTime(2));
    QCOMPARE(pp.queryLTime, LamportTime(4));
    const std::vector<EventsAt> events = {
        {1, {{"grapevine-value", wire::toBytes("hello from serf")}}}};
    QCOMPARE(pp.events, events);
    QVERIFY(contains(ml.userState, wire::fromHex("a64576656e7473dc0200c082"))); // 512: nil, {…
    // Go: 512 slots, 511 nil; StatusLTimes in Go's random map order. Ours: the one filled
    // slot, sorted keys. Serf reads ours back into the same state.
    QCOMPARE(decodeAs<PushPull>(encodeMessage(pp)), pp);
}

void TestSerf0102Vectors::installKeyQuery()
{
    const auto q = decodeAs<Query>(userPayload("udp-query-install-key", true, kK1));
    QCOMPARE(q.name, std::string("_serf_install-key"));
    QCOMPARE(q.ltime, LamportTime(1));
    QCOMPARE(q.sourceNode, std::string("sf-a"));
    QCOMPARE(q.port, std::uint16_t(34329));
    QCOMPARE(q.payload.at(0), std::uint8_t(MessageType::KeyRequest));
    const auto request = decodeKeyRequest(q.payload);
    QVERIFY(request.ok());
    QCOMPARE(request->key, kK2);
    QCOMPARE(hexOf(encodeKeyRequest(*request)), hexOf(q.payload));
    QCOMPARE(hexOf(encodeMessage(q, kV2)), hexOf(userPayload("udp-query-install-key", true, kK1)));
}

void TestSerf0102Vectors::useAndListKeyQueries()
{
    const auto messages = openDatagram("udp-query-use-and-list-keys", true, kK2);
    QCOMPARE(messages.size(), std::size_t(2));
    const wire::Bytes useBytes = std::get<wire::UserMsg>(messages[0]).payload;
    const wire::Bytes listBytes = std::get<wire::UserMsg>(messages[1]).payload;
    const auto use = decodeAs<Query>(useBytes);
    const auto list = decodeAs<Query>(listBytes);
    QCOMPARE(use.name, std::string("_serf_use-key"));
    QCOMPARE(list.name, std::string("_serf_list-keys"));
    // Query LTimes follow the KeyManager calls: install 1, list 2, use 3, remove 4; the list
    // query rides along again as a rebroadcast behind the use query.
    QCOMPARE(use.ltime, LamportTime(3));
    QCOMPARE(list.ltime, LamportTime(2));
    QCOMPARE(use.sourceNode, std::string("sf-a"));
    QCOMPARE(list.sourceNode, std::string("sf-a"));
    const auto useKey = decodeKeyRequest(use.payload);
    const auto listKey = decodeKeyRequest(list.payload);
    QVERIFY(useKey.ok() && listKey.ok());
    QCOMPARE(useKey->key, kK2);
    QVERIFY(listKey->key.empty());
    QCOMPARE(hexOf(encodeMessage(use, kV2)), hexOf(useBytes));
    QCOMPARE(hexOf(encodeMessage(list, kV2)), hexOf(listBytes));
    QCOMPARE(hexOf(encodeKeyRequest(*listKey)), hexOf(list.payload));
}

void TestSerf0102Vectors::removeKeyQuery()
{
    const wire::Bytes go = userPayload("udp-query-remove-key", true, kK2);
    const auto q = decodeAs<Query>(go);
    QCOMPARE(q.name, std::string("_serf_remove-key"));
    QCOMPARE(q.ltime, LamportTime(4));
    QCOMPARE(q.sourceNode, std::string("sf-a"));
    const auto request = decodeKeyRequest(q.payload);
    QVERIFY(request.ok());
    QCOMPARE(request->key, kK1);
    QCOMPARE(hexOf(encodeMessage(q, kV2)), hexOf(go));
}

void TestSerf0102Vectors::keyResponse()
{
    const wire::Bytes go = userPayload("udp-key-response", false, kK1);
    const auto r = decodeAs<QueryResponse>(go);
    QCOMPARE(r.from, std::string("sf-b"));
    const auto response = decodeKeyResponse(r.payload);
    QVERIFY(response.ok());
    QVERIFY(response->result);
    QCOMPARE(response->message, std::string());
    QVERIFY(response->keys.empty());
    QCOMPARE(response->primaryKey, std::string());
    QCOMPARE(hexOf(encodeKeyResponse(*response)), hexOf(r.payload));
    QCOMPARE(hexOf(encodeMessage(r)), hexOf(go));
}

void TestSerf0102Vectors::keyResponseList()
{
    const wire::Bytes go = userPayload("udp-key-response-list", false, kK1);
    const auto r = decodeAs<QueryResponse>(go);
    QCOMPARE(r.from, std::string("sf-b"));
    const auto response = decodeKeyResponse(r.payload);
    QVERIFY(response.ok());
    QVERIFY(response->result);
    QCOMPARE(response->keys, (std::vector<std::string>{kK1Base64, kK2Base64}));
    QCOMPARE(response->primaryKey, kK1Base64);
    QCOMPARE(hexOf(encodeKeyResponse(*response)), hexOf(r.payload));
    QCOMPARE(hexOf(encodeMessage(r)), hexOf(go));
}

QTEST_APPLESS_MAIN(TestSerf0102Vectors)
#include "tst_serf_0102_vectors.moc"
