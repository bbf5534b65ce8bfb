// tst_push_pull.cpp — streams and user traffic: join, the responder, protocol-version
// verification, merge rules (§9.8), periodic anti-entropy, user broadcasts and messages.
#include "harness.h"

#include <algorithm>

using namespace grapevine;
using namespace grapevine::protocol;
using namespace grapevine::protocol::testing;

namespace {

wire::PushNodeState stateOf(int i, std::uint32_t inc, wire::NodeState st,
                            wire::Bytes vsn = {1, 5, 2, 0, 0, 0})
{
    return wire::PushNodeState{nameOf(i), endpointOf(i).ip, 7946, {}, inc, st, std::move(vsn)};
}

// Starts a join from engine 0 to n1's address and returns the stream it opened.
OpenStream joinStream(Cluster &c)
{
    c[0].join(c.now, {endpointOf(1)});
    const auto open = only<OpenStream>(c[0].drainEffects());
    return open.empty() ? OpenStream{} : open.front();
}

} // namespace

class TstPushPull : public QObject {
    Q_OBJECT
private slots:
    void joinExchangesFullStateBothWays()
    {
        Cluster c(3);
        c.delegates[0]->state = wire::toBytes("zero");
        c.delegates[1]->state = wire::toBytes("one");
        // n2 is known to n1 only.
        c[2].join(c.now, {endpointOf(1)});
        for (const auto &open : only<OpenStream>(c[2].drainEffects()))
            c.serve(2, open);
        c[1].drainEffects();

        const OpenStream open = joinStream(c);
        QCOMPARE(open.purpose, StreamPurpose::Join);
        QCOMPARE(open.to, endpointOf(1));
        QCOMPARE(open.deadline, c.now + 10s);
        const auto &request = std::get<wire::PushPull>(open.request);
        QVERIFY(request.join);
        QCOMPARE(request.nodes.size(), std::size_t(1));
        QCOMPARE(request.nodes[0], stateOf(0, 1, wire::NodeState::Alive));
        QCOMPARE(request.userState, wire::toBytes("zero"));

        const auto reply = c[1].handleStreamRequest(c.now, endpointOf(0), open.request);
        QVERIFY(reply);
        const auto &answer = std::get<wire::PushPull>(*reply);
        QVERIFY(answer.join);                          // echoes the request's flag
        QCOMPARE(answer.nodes.size(), std::size_t(2)); // n1 and n2; n0 merged after answering
        QCOMPARE(answer.userState, wire::toBytes("one"));
        QCOMPARE(c.delegates[1]->merged, std::vector<wire::Bytes>{wire::toBytes("zero")});
        QCOMPARE(c[1].member("n0")->state, wire::NodeState::Alive);

        c[0].handleStreamReply(c.now, open.id, *reply);
        const auto fx = c[0].drainEffects();
        const auto finished = only<JoinFinished>(fx);
        QCOMPARE(finished.size(), std::size_t(1));
        QCOMPARE(finished[0].contacted, 1);
        QCOMPARE(finished[0].error, std::string());
        QCOMPARE(c[0].aliveCount(), 3);
        QCOMPARE(c.delegates[0]->merged, std::vector<wire::Bytes>{wire::toBytes("one")});
        int joined = 0;
        for (const auto &e : only<MemberChanged>(fx))
            joined += e.kind == MemberEventKind::Joined ? 1 : 0;
        QCOMPARE(joined, 2);
    }

    void versionMismatchRejectsJoin_data()
    {
        QTest::addColumn<wire::Bytes>("vsn");
        QTest::newRow("needs protocol 3+") << wire::Bytes{3, 5, 3, 0, 0, 0};
        QTest::newRow("delegate 1 only") << wire::Bytes{1, 5, 2, 1, 1, 1};
        QTest::newRow("short vsn") << wire::Bytes{1, 5, 2};
        QTest::newRow("no vsn") << wire::Bytes{};
    }
    void versionMismatchRejectsJoin()
    {
        QFETCH(wire::Bytes, vsn);
        Cluster c(2);
        const OpenStream open = joinStream(c);
        wire::PushPull reply{true, {stateOf(1, 1, wire::NodeState::Alive, vsn)}, {}};
        c[0].handleStreamReply(c.now, open.id, wire::Message{reply});
        const auto finished = only<JoinFinished>(c[0].drainEffects());
        QCOMPARE(finished.size(), std::size_t(1));
        QCOMPARE(finished[0].contacted, 0);
        QVERIFY2(finished[0].error.find("protocol version mismatch") != std::string::npos,
                 finished[0].error.c_str());
        QVERIFY(!c[0].member("n1")); // nothing merged
    }

    void joinSucceedsWhenAnySeedAnswers()
    {
        Cluster c(2);
        const wire::Endpoint nobody{{10, 0, 0, 99}, 7946};
        c[0].join(c.now, {nobody, endpointOf(1)});
        for (const auto &open : only<OpenStream>(c[0].drainEffects()))
            c.serve(0, open);
        const auto finished = only<JoinFinished>(c[0].drainEffects());
        QCOMPARE(finished.size(), std::size_t(1));
        QCOMPARE(finished[0].contacted, 1);
        QCOMPARE(finished[0].error, std::string());
    }

    void joinFailsWithEveryReason()
    {
        Cluster c(1);
        c[0].join(c.now, {wire::Endpoint{{10, 0, 0, 99}, 7946}});
        for (const auto &open : only<OpenStream>(c[0].drainEffects()))
            c.serve(0, open);
        const auto finished = only<JoinFinished>(c[0].drainEffects());
        QCOMPARE(finished[0].contacted, 0);
        QCOMPARE(finished[0].error, std::string("10.0.0.99:7946: connection refused"));
    }

    void remoteErrorFailsJoin()
    {
        Cluster c(2);
        const OpenStream open = joinStream(c);
        c[0].handleStreamReply(c.now, open.id, wire::Message{wire::ErrResp{"bad key"}});
        QCOMPARE(only<JoinFinished>(c[0].drainEffects())[0].error,
                 std::string("10.0.0.2:7946: remote error: bad key"));
    }

    void mergeAppliesMemberlistRules()
    {
        Cluster c(1);
        for (int i = 2; i <= 5; ++i)
            c[0].handlePacket(c.now, endpointOf(1), {aliveOf(i, 1)});
        const OpenStream open = joinStream(c);
        auto port0 = stateOf(6, 1, wire::NodeState::Alive);
        port0.port = 0;
        wire::PushPull reply{
            true,
            {stateOf(1, 1, wire::NodeState::Alive), stateOf(2, 1, wire::NodeState::Dead),
             stateOf(3, 1, wire::NodeState::Suspect), stateOf(4, 1, wire::NodeState::Left),
             stateOf(5, 3, wire::NodeState::Alive), port0, stateOf(7, 1, wire::NodeState::Dead)},
            {}};
        c[0].handleStreamReply(c.now, open.id, wire::Message{reply});
        QCOMPARE(c[0].member("n1")->state, wire::NodeState::Alive);
        QCOMPARE(c[0].member("n2")->state, wire::NodeState::Suspect); // dead → only suspect
        QCOMPARE(c[0].member("n3")->state, wire::NodeState::Suspect);
        QCOMPARE(c[0].member("n4")->state, wire::NodeState::Left);
        QCOMPARE(c[0].member("n5")->incarnation, 3u);
        QCOMPARE(c[0].member("n6")->address.port, std::uint16_t(7946)); // port 0 → ours
        QVERIFY(!c[0].member("n7"));                                    // unknown and dead: ignored
    }

    void joinReplyHoldingOurNameElsewhereMakesUsTheImpostor()
    {
        Cluster c(2);
        const OpenStream open = joinStream(c);
        const wire::Endpoint first{{10, 0, 0, 99}, 7946};
        auto taken = stateOf(0, 3, wire::NodeState::Alive);
        taken.addr = first.ip;
        const wire::PushPull reply{true, {stateOf(1, 1, wire::NodeState::Alive), taken}, {}};
        c[0].handleStreamReply(c.now, open.id, wire::Message{reply});
        const auto fx = c[0].drainEffects();
        const auto conflicts = only<NameConflict>(fx);
        QCOMPARE(conflicts.size(), std::size_t(1));
        QVERIFY(conflicts[0].ownName);
        QVERIFY(conflicts[0].impostor);
        QCOMPARE(conflicts[0].existing, endpointOf(0));
        QCOMPARE(conflicts[0].other, first);
        const auto toFirst = std::count_if(fx.begin(), fx.end(), [&](const Effect &e) {
            const auto *p = std::get_if<SendPacket>(&e);
            return p && p->to == first && firstOf<wire::Alive>(*p);
        });
        QCOMPARE(toFirst, 1);
        // Neither adopted nor refuted: our record stays as it was, and the join still counts.
        QCOMPARE(c[0].member("n0")->address, endpointOf(0));
        QCOMPARE(c[0].member("n0")->incarnation, 1u);
        QCOMPARE(c[0].member("n1")->state, wire::NodeState::Alive);
        QCOMPARE(only<JoinFinished>(fx).size(), std::size_t(1));
    }

    void requestClaimingOurNameDoesNotMakeUsTheImpostor()
    {
        // The impostor joining through the original itself: its request lists its own entry.
        Cluster c(1);
        const wire::Endpoint claimer{{10, 0, 0, 99}, 7946};
        auto claim = stateOf(0, 1, wire::NodeState::Alive);
        claim.addr = claimer.ip;
        const auto reply =
            c[0].handleStreamRequest(c.now, claimer, wire::PushPull{true, {claim}, {}});
        QVERIFY(reply);
        const auto conflicts = only<NameConflict>(c[0].drainEffects());
        QCOMPARE(conflicts.size(), std::size_t(1));
        QVERIFY(conflicts[0].ownName);
        QVERIFY(!conflicts[0].impostor);
        QCOMPARE(conflicts[0].other, claimer);
    }

    void tcpPingIsAnsweredOnlyForUs()
    {
        Cluster c(1);
        const auto ack =
            c[0].handleStreamRequest(c.now, endpointOf(1), wire::Ping{5, "n0", {}, 0, {}});
        QVERIFY(ack);
        QCOMPARE(std::get<wire::Ack>(*ack).seqNo, 5u);
        QVERIFY(!c[0].handleStreamRequest(c.now, endpointOf(1), wire::Ping{6, "n9", {}, 0, {}}));
    }

    void periodicPushPullPicksALiveMember()
    {
        Cluster c(2);
        c.connectAll();
        const auto isSync = [](const Effect &e) {
            const auto *o = std::get_if<OpenStream>(&e);
            return o && o->purpose == StreamPurpose::PushPull;
        };
        const auto fx = c.runAll(0, isSync); // the harness serves every stream at once
        const auto open = only<OpenStream>(fx);
        QVERIFY(!open.empty());
        QVERIFY(c.now < TimePoint(30s)); // first round at a random offset in [0, interval)
        QCOMPARE(open.back().to, endpointOf(1));
        QVERIFY(!std::get<wire::PushPull>(open.back().request).join);
        const TimePoint first = c.now;
        c.runAll(0, isSync);
        QCOMPARE(c.now, first + 30s);
        QVERIFY(c[0].stats().pushPulls >= 2); // two syncs (and n1's, answered by n0)
    }

    // Each side declares the other dead while the links are down, and its broadcasts
    // run out before the links come back: from then on nothing crosses by itself.
    static void splitAndHeal(Cluster &c)
    {
        c.connectAll();
        c.linksDown = true;
        c[0].handlePacket(c.now, endpointOf(9), {wire::Dead{1, "n1", "n0"}});
        c[1].handlePacket(c.now, endpointOf(9), {wire::Dead{1, "n0", "n1"}});
        c.runAll(
            0, [](const Effect &) { return false; }, 4s);
        c.linksDown = false;
    }

    void reconnectHealsAMutualDeathAfterPartition()
    {
        Cluster c(2);
        splitAndHeal(c);
        const TimePoint healed = c.now;
        c.runAll(
            0, [&](const Effect &) { return c[0].aliveCount() == 2 && c[1].aliveCount() == 2; },
            30s);
        QCOMPARE(c[0].aliveCount(), 2);
        QCOMPARE(c[1].aliveCount(), 2);
        QVERIFY(c.now - healed <= Duration(10s));
        QVERIFY(c[0].member("n1")->incarnation >= 2u); // n1 refuted its death
        QVERIFY(c[1].member("n0")->incarnation >= 2u);
    }

    void withoutReconnectAHealedSplitStaysSplit()
    {
        Cluster c(2, Profile::Lan, 1,
                  [](Config &cfg) { cfg.reconnectInterval = Duration::zero(); });
        splitAndHeal(c);
        c.runAll(
            0, [](const Effect &) { return false; }, 25s);
        QCOMPARE(c[0].aliveCount(), 1); // memberlist's own behaviour
        QCOMPARE(c[1].aliveCount(), 1);
    }

    void userBroadcastRidesAfterMembershipGossip()
    {
        Cluster c(2);
        c.connectAll();
        c[0].broadcastUser(wire::toBytes("value"), "value");
        c[0].broadcastUser(wire::toBytes("newer"), "value"); // replaces the queued one
        c[0].handlePacket(c.now, endpointOf(1), {wire::Suspect{1, "n1", "n9"}}); // some gossip
        const auto fx =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<SendPacket>(e); });
        const auto packet = only<SendPacket>(fx).back();
        const std::vector<wire::Message> parts = partsOf(packet);
        QVERIFY(parts.size() >= 2);
        QCOMPARE(std::get<wire::UserMsg>(parts.back()).payload, wire::toBytes("newer"));
        QCOMPARE(messagesOf<wire::UserMsg>(fx).size(), std::size_t(1));
        c.deliver(0, packet);
        QCOMPARE(c.delegates[1]->userMessages, std::vector<wire::Bytes>{wire::toBytes("newer")});
    }

    void pushUserSendsAtOnceSkippingExcept()
    {
        Cluster c(4);
        c.connectAll();
        c[0].pushUser(c.now, wire::toBytes("v"), 5, "n2");
        const auto sent = only<SendPacket>(c[0].drainEffects());
        QCOMPARE(sent.size(), std::size_t(2));
        for (const auto &p : sent) {
            QVERIFY(p.to != endpointOf(2) && p.to != endpointOf(0));
            QCOMPARE(p.messages.size(), std::size_t(1));
            QVERIFY(p.crc);
        }
    }

    void sendUserReliableOpensStream()
    {
        Cluster c(2);
        c.connectAll();
        c[0].sendUser(c.now, "n1", wire::toBytes("hi"), true);
        const auto open = only<OpenStream>(c[0].drainEffects());
        QCOMPARE(open.size(), std::size_t(1));
        QCOMPARE(open[0].purpose, StreamPurpose::UserMessage);
        QVERIFY(!open[0].expectsReply);
        c.serve(0, open[0]);
        QCOMPARE(c.delegates[1]->userMessages, std::vector<wire::Bytes>{wire::toBytes("hi")});
        c[0].sendUser(c.now, "n1", wire::toBytes("udp"), false);
        const auto sent = only<SendPacket>(c[0].drainEffects());
        QCOMPARE(sent.size(), std::size_t(1));
        c.deliver(0, sent[0]);
        QCOMPARE(c.delegates[1]->userMessages.back(), wire::toBytes("udp"));
    }
};

QTEST_APPLESS_MAIN(TstPushPull)
#include "tst_push_pull.moc"
