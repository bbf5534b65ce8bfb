// SerfDelegate driven by a real membership engine on a virtual clock: the value as the
// user event "grapevine-value" (last-writer-wins on Serf's Lamport time), Serf's queries
// answered (ping acks, key management), the push/pull state, intents and coordinates.
#include "core/protocol/engine.h"
#include "core/serf/serf_delegate.h"
#include "serf_vectors.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::serf;
using namespace std::chrono_literals;

namespace {

const wire::Endpoint kSelf{{127, 0, 0, 1}, 7000};
const wire::Endpoint kPeer{{127, 0, 0, 1}, 27946};
const wire::Bytes kKeyA(16, 0xa1);
const wire::Bytes kKeyB(16, 0xb2);

protocol::Config serfConfig()
{
    protocol::Config c = protocol::Config::forProfile(protocol::Profile::Local);
    c.name = "g1";
    c.advertise = kSelf;
    c.delegateVersion = {2, 5, 4};
    return c;
}

struct Cluster {
    explicit Cluster(bool encrypted = false)
    {
        if (encrypted)
            (void)keyring.addKey(kKeyA);
        delegate.attach(&engine);
        engine.start(now);
        delegate.flush(now);
        // s1, a Serf agent, is a member.
        wire::Alive alive{1,          "s1",           wire::SmallBytes(kPeer.ip),
                          kPeer.port, encodeTags({}), wire::SmallBytes({1, 5, 5, 2, 5, 4})};
        engine.handlePacket(now, kPeer, {alive});
        delegate.flush(now);
        engine.drainEffects();
        delegate.takeApplied();
        delegate.takeNotices();
    }

    void receive(const wire::Bytes &serfMessage)
    {
        engine.handlePacket(now, kPeer, {wire::UserMsg{serfMessage}});
        delegate.flush(now);
    }

    // Every Serf message the engine sends to s1 now, decoded (piggybacked ones too).
    std::vector<Message> sentToPeer()
    {
        std::vector<Message> out;
        for (protocol::Effect &e : engine.drainEffects()) {
            const auto *send = std::get_if<protocol::SendPacket>(&e);
            if (!send || send->to != kPeer)
                continue;
            for (const wire::Message &m : protocol::partsOf(*send))
                if (const auto *user = std::get_if<wire::UserMsg>(&m))
                    if (auto decoded = decodeMessage(user->payload))
                        out.push_back(*decoded);
        }
        return out;
    }

    std::optional<QueryResponse> responseTo(std::uint32_t id)
    {
        for (const Message &m : sentToPeer())
            if (const auto *r = std::get_if<QueryResponse>(&m); r && r->id == id && !(r->flags & 1))
                return *r;
        return std::nullopt;
    }

    protocol::TimePoint now{1s};
    wire::Keyring keyring;
    SerfDelegate delegate{"g1", {{"role", "grapevine"}}, 7, &keyring};
    protocol::Engine engine{serfConfig(), 1, &delegate};
};

wire::Bytes valueEvent(LamportTime ltime, const std::string &value)
{
    return encodeMessage(UserEvent{ltime, kValueEventName, wire::toBytes(value), false});
}

wire::Bytes keyQuery(std::uint32_t id, const std::string &name, const wire::Bytes &key)
{
    Query q;
    q.ltime = id;
    q.id = id;
    q.addr = kPeer.ip;
    q.port = kPeer.port;
    q.sourceNode = "s1";
    q.timeoutNs = 5'000'000'000;
    q.name = name;
    q.payload = key.empty() ? wire::Bytes{} : encodeKeyRequest({key});
    return encodeMessage(q);
}

} // namespace

class TestSerfDelegate : public QObject {
    Q_OBJECT
private slots:
    void setIsAppliedAndSentAsUserEvent()
    {
        Cluster c;
        QVERIFY(!c.delegate.set(c.now, 1000, "hello"));
        const auto applied = c.delegate.takeApplied();
        QCOMPARE(applied.size(), std::size_t(1));
        QCOMPARE(applied[0].entry.value, std::string("hello"));
        QCOMPARE(applied[0].entry.version.origin, std::string(kSerfOrigin));
        const auto sent = c.sentToPeer();
        QCOMPARE(sent.size(), std::size_t(1));
        const auto &event = std::get<UserEvent>(sent[0]);
        QCOMPARE(event.name, std::string("grapevine-value"));
        QCOMPARE(event.payload, wire::toBytes("hello"));
        QCOMPARE(event.ltime, applied[0].entry.version.lamport);
    }

    void serfEventBecomesTheValue()
    {
        Cluster c;
        c.receive(wire::fromHex(vectors::kUserEvent)); // LTime 5, "hello"
        const auto applied = c.delegate.takeApplied();
        QCOMPARE(applied.size(), std::size_t(1));
        QCOMPARE(applied[0].source, value::AppliedSource::SerfEvent);
        QCOMPARE(c.delegate.current().value, std::string("hello"));
        QCOMPARE(c.delegate.current().version.lamport, LamportTime(5));
        QVERIFY(c.delegate.clock() > 5); // the next own set is newer
    }

    void lastWriterWinsOnLamportThenPayload()
    {
        Cluster c;
        c.receive(valueEvent(5, "b"));
        c.receive(valueEvent(5, "a")); // same time, smaller payload: loses everywhere
        QCOMPARE(c.delegate.current().value, std::string("b"));
        c.receive(valueEvent(4, "z")); // older
        QCOMPARE(c.delegate.current().value, std::string("b"));
        c.receive(valueEvent(6, "a"));
        QCOMPARE(c.delegate.current().value, std::string("a"));
        QCOMPARE(c.delegate.takeApplied().size(), std::size_t(2));
    }

    void repeatedEventIsNotAppliedTwice()
    {
        Cluster c;
        c.receive(valueEvent(5, "x"));
        c.receive(valueEvent(5, "x"));
        QCOMPARE(c.delegate.takeApplied().size(), std::size_t(1));
    }

    void otherUserEventsBecomeNotices()
    {
        Cluster c;
        c.receive(encodeMessage(UserEvent{3, "deploy", wire::toBytes("v2"), false}));
        const auto notices = c.delegate.takeNotices();
        QCOMPARE(notices.size(), std::size_t(1));
        QCOMPARE(notices[0].kind, SerfNotice::Kind::UserEvent);
        QCOMPARE(notices[0].name, std::string("deploy"));
        QVERIFY(c.delegate.takeApplied().empty());
    }

    void pingQueryIsAcked()
    {
        Cluster c;
        c.receive(wire::fromHex(vectors::kQuery)); // _serf_ping with the ack flag
        const auto sent = c.sentToPeer();
        QCOMPARE(sent.size(), std::size_t(1));
        const auto &ack = std::get<QueryResponse>(sent[0]);
        QCOMPARE(ack.id, 0xdeadbeefu);
        QCOMPARE(ack.from, std::string("g1"));
        QCOMPARE(ack.flags, kQueryFlagAck);
        QCOMPARE(ack.ltime, LamportTime(2));
    }

    void queryForOtherNodesIsNotAnswered()
    {
        Cluster c;
        auto q = std::get<Query>(*decodeMessage(wire::fromHex(vectors::kQuery)));
        wire::Bytes filter{0};
        const wire::Bytes nodes = wire::fromHex("91a27331"); // ["s1"]
        filter.insert(filter.end(), nodes.begin(), nodes.end());
        q.filters = {filter};
        c.receive(encodeMessage(q));
        QVERIFY(c.sentToPeer().empty());
    }

    void keyRotationChangesTheKeyring()
    {
        Cluster c(true);
        c.receive(keyQuery(1, "_serf_install-key", kKeyB));
        QVERIFY(c.responseTo(1).has_value());
        QCOMPARE(c.keyring.keys().size(), std::size_t(2));
        c.receive(keyQuery(2, "_serf_use-key", kKeyB));
        auto used = c.responseTo(2);
        QVERIFY(used && decodeKeyResponse(used->payload)->result);
        QCOMPARE(wire::Bytes(c.keyring.primaryKey().begin(), c.keyring.primaryKey().end()), kKeyB);
        c.receive(keyQuery(3, "_serf_remove-key", kKeyA));
        QCOMPARE(c.keyring.keys().size(), std::size_t(1));
        c.receive(keyQuery(4, "_serf_list-keys", {}));
        auto listed = c.responseTo(4);
        QVERIFY(listed);
        const auto keys = decodeKeyResponse(listed->payload);
        QVERIFY(keys.ok() && keys->result);
        QCOMPARE(keys->keys, std::vector<std::string>{"srKysrKysrKysrKysrKysg=="});
        QCOMPARE(keys->primaryKey, std::string("srKysrKysrKysrKysrKysg=="));
        int changes = 0;
        for (const SerfNotice &n : c.delegate.takeNotices())
            changes += n.kind == SerfNotice::Kind::KeyringChanged;
        QCOMPARE(changes, 3);
    }

    void removingThePrimaryKeyIsRefused()
    {
        Cluster c(true);
        c.receive(keyQuery(1, "_serf_remove-key", kKeyA));
        const auto r = c.responseTo(1);
        QVERIFY(r);
        const auto resp = decodeKeyResponse(r->payload);
        QVERIFY(!resp->result);
        QVERIFY(!resp->message.empty());
        QCOMPARE(c.keyring.keys().size(), std::size_t(1));
    }

    void keyQueriesWithoutEncryptionSaySo()
    {
        Cluster c(false);
        c.receive(keyQuery(1, "_serf_install-key", kKeyB));
        const auto resp = decodeKeyResponse(c.responseTo(1)->payload);
        QVERIFY(!resp->result);
        QCOMPARE(resp->message, std::string("No keyring to modify (encryption not enabled)"));
        QVERIFY(c.keyring.empty());
    }

    void localStateIsSerfPushPull()
    {
        Cluster c;
        c.delegate.announceJoin(c.now);
        QVERIFY(!c.delegate.set(c.now, 0, "v"));
        const auto state = decodeMessage(c.delegate.localState(false));
        QVERIFY(state.ok());
        const auto &pp = std::get<PushPull>(*state);
        QVERIFY(pp.statusLTimes.count("g1"));
        QCOMPARE(pp.events.size(), std::size_t(1));
        QCOMPARE(pp.events[0].events[0].name, std::string(kValueEventName));
    }

    void remoteStateReplaysEventsAndWitnessesClocks()
    {
        Cluster c;
        c.delegate.mergeRemoteState(c.now, wire::fromHex(vectors::kPushPull), true);
        QVERIFY(c.delegate.clock() >= 6);
        QVERIFY(c.delegate.memberClock() >= 3);
        QVERIFY(c.delegate.queryClock() >= 9);
        const auto notices = c.delegate.takeNotices();
        QCOMPARE(notices.size(), std::size_t(1));
        QCOMPARE(notices[0].name, std::string("deploy"));
        QCOMPARE(c.delegate.intentStatus("s1"), IntentStatus::Alive);
    }

    void foreignStateIsReportedNotApplied()
    {
        Cluster c;
        c.delegate.mergeRemoteState(c.now, wire::Bytes{0xc1, 'G', 'V', 1}, true);
        const auto notices = c.delegate.takeNotices();
        QCOMPARE(notices.size(), std::size_t(1));
        QCOMPARE(notices[0].kind, SerfNotice::Kind::Problem);
        QVERIFY(c.delegate.takeApplied().empty());
    }

    void leaveIntentMarksMemberLeaving()
    {
        Cluster c;
        c.receive(encodeMessage(JoinIntent{2, "s1"}));
        c.receive(encodeMessage(LeaveIntent{3, "s1", false}));
        QCOMPARE(c.delegate.intentStatus("s1"), IntentStatus::Leaving);
        QCOMPARE(c.delegate.takeTouchedMembers(), std::vector<std::string>{"s1"});
        c.receive(encodeMessage(LeaveIntent{3, "s1", false})); // seen: no change
        QVERIFY(c.delegate.takeTouchedMembers().empty());
    }

    // A node that leaves right after its join, before it saw any newer Lamport time: its
    // leave intent must still be newer than its join intent, or every Serf member that saw
    // the join ignores the leave as old and then lists the node failed instead of left.
    void leaveRightAfterOurJoinIsNewerThanTheJoin()
    {
        Cluster c;
        c.delegate.announceJoin(c.now);
        std::optional<LamportTime> joined;
        for (int round = 0; round < 20 && !joined; ++round) {
            c.now = *c.engine.nextDeadline();
            c.engine.handleTimeout(c.now);
            for (const Message &m : c.sentToPeer())
                if (const auto *join = std::get_if<JoinIntent>(&m); join && join->node == "g1")
                    joined = join->ltime;
        }
        QVERIFY(joined);
        QVERIFY(c.delegate.announceLeave(c.now));
        std::optional<LamportTime> left;
        for (const Message &m : c.sentToPeer())
            if (const auto *leave = std::get_if<LeaveIntent>(&m); leave && leave->node == "g1")
                left = leave->ltime;
        QVERIFY(left);
        QVERIFY2(*left > *joined,
                 qPrintable(QStringLiteral("join at %1, leave at %2")
                                .arg(QString::number(*joined), QString::number(*left))));
    }

    void leaveIntentAboutUsIsRefuted()
    {
        Cluster c;
        c.receive(encodeMessage(LeaveIntent{10, "g1", false}));
        QCOMPARE(c.delegate.intentStatus("g1"), IntentStatus::Alive);
        QVERIFY(c.delegate.memberClock() > 10);
    }

    // `serf force-leave -prune s1`: a new leave intent with Prune asks to erase s1 once;
    // the same intent again (seen), one without Prune, or one about us asks nothing.
    void pruningLeaveIntentAsksToEraseTheMemberOnce()
    {
        Cluster c;
        c.receive(encodeMessage(LeaveIntent{3, "s1", false}));
        QVERIFY(c.delegate.takePruned().empty());
        c.receive(encodeMessage(LeaveIntent{4, "s1", true}));
        QCOMPARE(c.delegate.takePruned(), std::vector<std::string>{"s1"});
        QVERIFY(c.delegate.takePruned().empty());
        c.receive(encodeMessage(LeaveIntent{4, "s1", true}));
        QVERIFY(c.delegate.takePruned().empty());
        c.receive(encodeMessage(LeaveIntent{20, "g1", true}));
        QVERIFY(c.delegate.takePruned().empty());
        QCOMPARE(c.delegate.intentStatus("g1"), IntentStatus::Alive);
    }

    void tagsThatDoNotFitAreRefused()
    {
        Cluster c;
        QVERIFY(!c.delegate.setTags(c.now, {{"x", std::string(600, 'y')}}).empty());
        QCOMPARE(c.delegate.tags().at("role"), std::string("grapevine"));
        QVERIFY(c.delegate.setTags(c.now, {{"role", "db"}}).empty());
        QCOMPARE(*decodeTags(c.delegate.nodeMeta(512))->value().begin(),
                 (std::pair<const std::string, std::string>("role", "db")));
    }

    void ackCarriesOurCoordinateAndPeersAreLearned()
    {
        Cluster c;
        QVERIFY(decodeAckPayload(c.delegate.ackPayload()).ok());
        c.delegate.notifyPingComplete(c.now, "s1", 2ms, wire::fromHex(vectors::kAckCoordinate));
        QVERIFY(c.delegate.coordinates().count("s1"));
        QVERIFY(c.delegate.coordinate() != Coordinate::origin({}));
    }
};

QTEST_APPLESS_MAIN(TestSerfDelegate)
#include "tst_serf_delegate.moc"
