// tst_probe.cpp — scripted failure detection between engines: ping → ack, the indirect
// stage with nacks and the TCP fallback, suspicion, the buddy compound and refutation.
#include "harness.h"

#include <algorithm>

using namespace grapevine;
using namespace grapevine::protocol;
using namespace grapevine::protocol::testing;

namespace {

struct Probe {
    SendPacket packet;
    wire::Ping ping;
    int target = -1;
};

// Runs engine i until it pings someone; returns that packet.
Probe nextProbe(Cluster &c, int i)
{
    const auto seen = c.runUntilPing(i);
    for (const SendPacket &p : only<SendPacket>(seen))
        if (const auto *ping = firstOf<wire::Ping>(p))
            return Probe{p, *ping, c.indexOf(p.to)};
    return {};
}

} // namespace

class TstProbe : public QObject {
    Q_OBJECT
private slots:
    void pingIsAnsweredWithAckAndRtt()
    {
        Cluster c(2);
        c.connectAll();
        const Probe probe = nextProbe(c, 0);
        QCOMPARE(probe.target, 1);
        QCOMPARE(probe.ping.node, std::string("n1"));
        QCOMPARE(probe.ping.sourceNode, std::string("n0"));
        QCOMPARE(probe.ping.sourceAddr, endpointOf(0).ip);
        QCOMPARE(probe.ping.sourcePort, std::uint16_t(7946));

        c.now += 3ms;
        c.deliver(0, probe.packet);
        const auto reply = only<SendPacket>(c[1].drainEffects());
        QCOMPARE(reply.size(), std::size_t(1));
        QCOMPARE(reply[0].to, endpointOf(0));
        const auto *ack = firstOf<wire::Ack>(reply[0]);
        QVERIFY(ack);
        QCOMPARE(ack->seqNo, probe.ping.seqNo);

        c.now += 4ms;
        c.deliver(1, reply[0]);
        const auto done = only<ProbeFinished>(c[0].drainEffects());
        QCOMPARE(done.size(), std::size_t(1));
        QCOMPARE(done[0].outcome, ProbeOutcome::DirectAck);
        QCOMPARE(done[0].rtt, Duration(7ms));
        QCOMPARE(c[0].member("n1")->rtt, std::optional<Duration>(7ms));
    }

    void pingForAnotherNodeIsIgnored()
    {
        Cluster c(2);
        c.connectAll();
        c[1].handlePacket(c.now, endpointOf(0), {wire::Ping{9, "someone-else", {}, 0, {}}});
        QVERIFY(only<SendPacket>(c[1].drainEffects()).empty());
        c[1].handlePacket(c.now, endpointOf(0), {wire::Ping{10, "", {}, 0, {}}});
        const auto reply = only<SendPacket>(c[1].drainEffects());
        QCOMPARE(reply.size(), std::size_t(1));
        QCOMPARE(reply[0].to, endpointOf(0)); // no source fields: back to the UDP source
    }

    void ackGoesToSourceAddressWhenGiven()
    {
        Cluster c(2);
        c.connectAll();
        const wire::Endpoint elsewhere{{192, 168, 1, 9}, 4000};
        c[1].handlePacket(c.now, endpointOf(0),
                          {wire::Ping{11, "n1", elsewhere.ip, elsewhere.port, "n0"}});
        const auto reply = only<SendPacket>(c[1].drainEffects());
        QCOMPARE(reply.size(), std::size_t(1));
        QCOMPARE(reply[0].to, elsewhere);
    }

    void missedAckGoesIndirectWithTcpFallbackThenSuspects()
    {
        Cluster c(3);
        c.connectAll();
        const Probe probe = nextProbe(c, 0); // dropped: the target never hears it
        const int target = probe.target;
        const int relay = 3 - target;
        const TimePoint start = c.now;

        const auto stage2 =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<OpenStream>(e); });
        QCOMPARE(c.now, start + 500ms); // LAN ProbeTimeout
        const auto indirect = only<SendPacket>(stage2);
        QCOMPARE(indirect.size(), std::size_t(1));
        QCOMPARE(indirect[0].to, endpointOf(relay));
        const auto *req = firstOf<wire::IndirectPing>(indirect[0]);
        QVERIFY(req);
        QCOMPARE(req->seqNo, probe.ping.seqNo);
        QCOMPARE(req->node, nameOf(target));
        QCOMPARE(req->target, endpointOf(target).ip);
        QVERIFY(req->nack); // relay advertises pmax 5 >= 4
        const auto fallback = only<OpenStream>(stage2);
        QCOMPARE(fallback.size(), std::size_t(1));
        QCOMPARE(fallback[0].purpose, StreamPurpose::PingFallback);
        QCOMPARE(fallback[0].to, endpointOf(target));
        QCOMPARE(fallback[0].deadline, start + 1s);
        QCOMPARE(std::get<wire::Ping>(fallback[0].request), probe.ping);

        // The relay pings the target with its own number; that is lost too, so it nacks.
        c.deliver(0, indirect[0]);
        const auto relayPing = only<SendPacket>(c[relay].drainEffects());
        QCOMPARE(relayPing.size(), std::size_t(1));
        QCOMPARE(relayPing[0].to, endpointOf(target));
        QCOMPARE(firstOf<wire::Ping>(relayPing[0])->node, nameOf(target));
        const auto isNack = [](const SendPacket &p) { return firstOf<wire::Nack>(p) != nullptr; };
        const auto nacked = c.runUntil(relay, [&](const Effect &e) {
            const auto *p = std::get_if<SendPacket>(&e);
            return p && isNack(*p);
        });
        std::vector<SendPacket> nack;
        for (const SendPacket &p : only<SendPacket>(nacked))
            if (isNack(p))
                nack.push_back(p);
        QCOMPARE(nack.size(), std::size_t(1));
        QCOMPARE(firstOf<wire::Nack>(nack[0])->seqNo, probe.ping.seqNo);
        c.deliver(relay, nack[0]);
        c[0].handleStreamReply(c.now, fallback[0].id, wire::Error{"connection refused"});

        const auto end =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<ProbeFinished>(e); });
        QCOMPARE(c.now, start + 1s);
        const auto done = only<ProbeFinished>(end);
        QCOMPARE(done.size(), std::size_t(1));
        QCOMPARE(done[0].outcome, ProbeOutcome::Failed);
        QCOMPARE(done[0].nacks, 1);
        QCOMPARE(done[0].relaysAsked, 1);
        QVERIFY(only<HealthChanged>(end).empty()); // the relay's nack shows we are healthy
        const auto suspect = c[0].member(nameOf(target));
        QCOMPARE(suspect->state, wire::NodeState::Suspect);
        QCOMPARE(suspect->confirmationsWanted, 0); // n − 2 < SuspicionMult − 2
        QCOMPARE(suspect->suspicionDeadline, std::optional<TimePoint>(start + 1s + 4s));
    }

    void failedProbeWithoutNackRelaysRaisesHealthScore()
    {
        Cluster c(2);
        c.connectAll();
        nextProbe(c, 0);
        const auto end =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<ProbeFinished>(e); });
        const auto health = only<HealthChanged>(end);
        QCOMPARE(health.size(), std::size_t(1));
        QCOMPARE(health[0].score, 1);
        QCOMPARE(c[0].healthScore(), 1);
    }

    void relayedAckCompletesTheProbe()
    {
        Cluster c(3);
        c.connectAll();
        const Probe probe = nextProbe(c, 0);
        const int target = probe.target;
        const int relay = 3 - target;
        const auto stage2 =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<OpenStream>(e); });
        c.deliver(0, only<SendPacket>(stage2)[0]);
        const auto relayPing = only<SendPacket>(c[relay].drainEffects())[0];
        c.deliver(relay, relayPing);
        const auto targetAck = only<SendPacket>(c[target].drainEffects())[0];
        QCOMPARE(targetAck.to, endpointOf(relay));
        c.deliver(target, targetAck);
        const auto forwarded = only<SendPacket>(c[relay].drainEffects());
        QCOMPARE(forwarded.size(), std::size_t(1));
        QCOMPARE(forwarded[0].to, endpointOf(0));
        QCOMPARE(firstOf<wire::Ack>(forwarded[0])->seqNo, probe.ping.seqNo);
        c.deliver(relay, forwarded[0]);
        const auto done = only<ProbeFinished>(c[0].drainEffects());
        QCOMPARE(done.size(), std::size_t(1));
        QCOMPARE(done[0].outcome, ProbeOutcome::IndirectAck);
        QCOMPARE(c[0].member(nameOf(target))->state, wire::NodeState::Alive);
    }

    void tcpFallbackAckAvoidsSuspicion()
    {
        Cluster c(2);
        c.connectAll();
        nextProbe(c, 0);
        const auto stage2 =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<OpenStream>(e); });
        const auto open = only<OpenStream>(stage2);
        QCOMPARE(open.size(), std::size_t(1));
        c.serve(0, open[0]);
        const auto end =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<ProbeFinished>(e); });
        QCOMPARE(only<ProbeFinished>(end)[0].outcome, ProbeOutcome::TcpAck);
        QCOMPARE(c[0].member("n1")->state, wire::NodeState::Alive);
    }

    void tcpFallbackIsSkippedWhenDisabled()
    {
        Cluster c(2, Profile::Lan, 1, [](Config &cfg) { cfg.disableTcpPings = true; });
        c.connectAll();
        nextProbe(c, 0);
        const auto end =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<ProbeFinished>(e); });
        QVERIFY(only<OpenStream>(end).empty());
        QCOMPARE(only<ProbeFinished>(end)[0].outcome, ProbeOutcome::Failed);
    }

    void suspectTargetGetsBuddyCompoundAndRefutes()
    {
        Cluster c(2);
        c.connectAll();
        c[0].handlePacket(c.now, endpointOf(1), {wire::Suspect{1, "n1", "n9"}});
        QCOMPARE(c[0].member("n1")->state, wire::NodeState::Suspect);
        c[0].drainEffects();

        const Probe probe = nextProbe(c, 0);
        QCOMPARE(probe.packet.messages.size(), std::size_t(2)); // no piggyback on this one
        const auto &accusation = std::get<wire::Suspect>(probe.packet.messages[1]);
        QCOMPARE(accusation, (wire::Suspect{1, "n1", "n0"}));
        QVERIFY(probe.packet.crc); // n1 advertises pmax 5

        c.deliver(0, probe.packet);
        const auto fx = c[1].drainEffects();
        const auto health = only<HealthChanged>(fx);
        QCOMPARE(health.size(), std::size_t(1));
        QCOMPARE(health[0].score, 1);
        QCOMPARE(c[1].member("n1")->incarnation, 2u);
        // The ping is answered first (compound parts are handled in order), the refuting
        // alive then rides on the next gossip, as in memberlist.
        const auto reply = only<SendPacket>(fx);
        QCOMPARE(reply.size(), std::size_t(1));
        QVERIFY(firstOf<wire::Ack>(reply[0]));
        c.deliver(1, reply[0]);
        QCOMPARE(only<ProbeFinished>(c[0].drainEffects())[0].outcome, ProbeOutcome::DirectAck);

        const auto refutes = [](const SendPacket &p) {
            const std::vector<wire::Message> parts = partsOf(p);
            return std::any_of(parts.begin(), parts.end(), [](const wire::Message &m) {
                const auto *a = std::get_if<wire::Alive>(&m);
                return a && a->node == "n1" && a->incarnation == 2;
            });
        };
        const auto gossip = c.runUntil(1, [&](const Effect &e) {
            const auto *p = std::get_if<SendPacket>(&e);
            return p && refutes(*p);
        });
        const auto packets = only<SendPacket>(gossip);
        QVERIFY(!packets.empty() && refutes(packets.back()));
        c.deliver(1, packets.back());
        QCOMPARE(c[0].member("n1")->state, wire::NodeState::Alive);
        QCOMPARE(c[0].member("n1")->incarnation, 2u);
    }
};

QTEST_APPLESS_MAIN(TstProbe)
#include "tst_probe.moc"
