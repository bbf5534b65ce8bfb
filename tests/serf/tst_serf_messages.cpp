// Serf's messages and tags: Serf 0.9.4's own bytes decode field by field, our encoder writes
// the same bytes, and bad input gives an error (never a crash).
#include "core/serf/serf_describe.h"
#include "core/serf/serf_messages.h"
#include "core/serf/tags.h"
#include "serf_vectors.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::serf;

namespace {

template <class T> T decodeAs(const char *hex)
{
    wire::Result<Message> m = decodeMessage(wire::fromHex(hex));
    if (!m)
        qFatal("decode failed: %s", m.error().message.c_str());
    return std::get<T>(*m);
}

std::string hexOf(const wire::Bytes &bytes)
{
    std::string out;
    static constexpr char kDigits[] = "0123456789abcdef";
    for (std::uint8_t b : bytes) {
        out += kDigits[b >> 4];
        out += kDigits[b & 15];
    }
    return out;
}

} // namespace

class TestSerfMessages : public QObject {
    Q_OBJECT
private slots:
    void joinIntentMatchesSerfBytes()
    {
        const auto join = decodeAs<JoinIntent>(vectors::kJoin);
        QCOMPARE(join.ltime, LamportTime(7));
        QCOMPARE(join.node, std::string("s1"));
        QCOMPARE(hexOf(encodeMessage(join)), std::string(vectors::kJoin));
    }

    void leaveIntentMatchesSerfBytes()
    {
        const auto leave = decodeAs<LeaveIntent>(vectors::kLeave);
        QCOMPARE(leave.ltime, LamportTime(300));
        QCOMPARE(leave.node, std::string("g1"));
        QVERIFY(!leave.prune);
        QCOMPARE(hexOf(encodeMessage(leave)), std::string(vectors::kLeave));
    }

    void userEventMatchesSerfBytes()
    {
        const auto event = decodeAs<UserEvent>(vectors::kUserEvent);
        QCOMPARE(event.ltime, LamportTime(5));
        QCOMPARE(event.name, std::string("grapevine-value"));
        QCOMPARE(event.payload, wire::toBytes("hello"));
        QCOMPARE(hexOf(encodeMessage(event)), std::string(vectors::kUserEvent));
    }

    void pushPullSkipsNilEventSlots()
    {
        const auto pp = decodeAs<PushPull>(vectors::kPushPull);
        QCOMPARE(pp.ltime, LamportTime(3));
        QCOMPARE(pp.statusLTimes.at("s1"), LamportTime(2));
        QVERIFY(pp.leftMembers.empty());
        QCOMPARE(pp.eventLTime, LamportTime(6));
        QCOMPARE(pp.queryLTime, LamportTime(9));
        QCOMPARE(pp.events.size(), std::size_t(1));
        QCOMPARE(pp.events[0].ltime, LamportTime(4));
        QCOMPARE(pp.events[0].events[0].name, std::string("deploy"));
        // Ours has no nil slots; Serf decodes it back to the same state.
        wire::Result<Message> again = decodeMessage(encodeMessage(pp));
        QVERIFY(again.ok());
        QCOMPARE(std::get<PushPull>(*again), pp);
    }

    void queryDecodesEveryField()
    {
        const auto q = decodeAs<Query>(vectors::kQuery);
        QCOMPARE(q.ltime, LamportTime(2));
        QCOMPARE(q.id, 0xdeadbeefu);
        QCOMPARE(q.addr, (wire::Bytes{127, 0, 0, 1}));
        QCOMPARE(q.port, std::uint16_t(27946));
        QCOMPARE(q.sourceNode, std::string("s1"));
        QCOMPARE(q.flags, kQueryFlagAck);
        QCOMPARE(q.timeoutNs, std::int64_t(5000000000));
        QCOMPARE(q.name, std::string("_serf_ping"));
        QCOMPARE(hexOf(encodeMessage(q)), std::string(vectors::kQuery));
    }

    void queryResponseMatchesSerfBytes()
    {
        const auto r = decodeAs<QueryResponse>(vectors::kQueryResponse);
        QCOMPARE(r.from, std::string("g1"));
        QCOMPARE(hexOf(encodeMessage(r)), std::string(vectors::kQueryResponse));
    }

    void keyRequestAndResponseMatchSerfBytes()
    {
        const auto req = decodeKeyRequest(wire::fromHex(vectors::kKeyRequest));
        QVERIFY(req.ok());
        QCOMPARE(req->key, wire::Bytes(16, 1));
        QCOMPARE(hexOf(encodeKeyRequest(*req)), std::string(vectors::kKeyRequest));
        const auto resp = decodeKeyResponse(wire::fromHex(vectors::kKeyResponse));
        QVERIFY(resp.ok());
        QVERIFY(resp->result);
        QCOMPARE(resp->keys.size(), std::size_t(1));
        QCOMPARE(hexOf(encodeKeyResponse(*resp)), std::string(vectors::kKeyResponse));
    }

    void tagsMatchSerfBytes()
    {
        const auto tags = decodeTags(wire::fromHex(vectors::kTags));
        QVERIFY(tags && tags->ok());
        QCOMPARE(tags->value().at("role"), std::string("web"));
        QCOMPARE(hexOf(encodeTags(tags->value())), std::string(vectors::kTags));
    }

    void foreignMetaIsNotTags()
    {
        QVERIFY(!decodeTags(wire::toBytes("web")));
        QVERIFY(!decodeTags({}));
        const auto broken = decodeTags(wire::Bytes{0xff, 0x81, 0xa4});
        QVERIFY(broken && !broken->ok());
    }

    void tagsTooBigForMetaAreRefused()
    {
        Tags tags{{"big", std::string(600, 'x')}};
        QVERIFY(!checkTagsFit(tags).empty());
        QVERIFY(checkTagsFit({{"role", "web"}}).empty());
    }

    void tagTextNeedsKeyAndEquals()
    {
        QCOMPARE(parseTag("role=web")->second, std::string("web"));
        QCOMPARE(parseTag("expr=a=b")->second, std::string("a=b"));
        QVERIFY(!parseTag("=x"));
        QVERIFY(!parseTag("novalue"));
    }

    void describeListsFieldsWithoutSpaces()
    {
        const auto d = describeUserMessage(wire::fromHex(vectors::kUserEvent));
        QVERIFY(d);
        QCOMPARE(d->type, std::string("serf-user-event"));
        QCOMPARE(d->summary, std::string("LTime=5 Name=grapevine-value Payload=hello CC=false"));
        const auto q = describeUserMessage(wire::fromHex(vectors::kQuery));
        QVERIFY(q && q->summary.find("Name=_serf_ping") != std::string::npos);
        QVERIFY(q->summary.find("From=s1@127.0.0.1:27946") != std::string::npos);
        QVERIFY(!describeUserMessage(wire::toBytes("plain text")));
    }

    void truncatedMessagesGiveErrors()
    {
        for (const char *hex : {vectors::kJoin, vectors::kLeave, vectors::kUserEvent,
                                vectors::kPushPull, vectors::kQuery, vectors::kQueryResponse}) {
            const wire::Bytes full = wire::fromHex(hex);
            for (std::size_t n = 1; n < full.size(); ++n) {
                const wire::Result<Message> m = decodeMessage(wire::ByteView(full).first(n));
                QVERIFY2(!m.ok(), hex);
            }
        }
        QVERIFY(!decodeMessage(wire::Bytes{42, 0x80}).ok());
        QVERIFY(!decodeMessage({}).ok());
    }
};

QTEST_APPLESS_MAIN(TestSerfMessages)
#include "tst_serf_messages.moc"
