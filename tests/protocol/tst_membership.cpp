// tst_membership.cpp — alive / suspect / dead / left transitions (§9.1–9.5): the precedence
// table, refutation, Lifeguard suspicion, leave, reclaim, name conflicts, meta updates.
#include "harness.h"

#include <QStringList>

#include <algorithm>

using namespace grapevine;
using namespace grapevine::protocol;
using namespace grapevine::protocol::testing;

namespace {

const wire::Endpoint kX{{10, 0, 9, 9}, 7946};
const wire::Endpoint kOtherX{{10, 0, 9, 10}, 7946};

wire::Alive aliveX(std::uint32_t inc, const wire::Endpoint &at = kX)
{
    return wire::Alive{inc, "x", at.ip, at.port, {}, {1, 5, 2, 0, 0, 0}};
}

void feed(Cluster &c, int i, wire::Message m)
{
    c[i].handlePacket(c.now, endpointOf(1), {std::move(m)});
}

// Puts "x" into `state` at incarnation 5 in engine 0's view.
void prepare(Cluster &c, const QString &state)
{
    if (state == "unknown")
        return;
    feed(c, 0, aliveX(5));
    if (state == "suspect")
        feed(c, 0, wire::Suspect{5, "x", "y"});
    else if (state == "dead")
        feed(c, 0, wire::Dead{5, "x", "y"});
    else if (state == "left")
        feed(c, 0, wire::Dead{5, "x", "x"});
}

wire::Message claim(const QString &kind, std::uint32_t inc)
{
    if (kind == "alive")
        return aliveX(inc);
    if (kind == "suspect")
        return wire::Suspect{inc, "x", "z"};
    if (kind == "dead")
        return wire::Dead{inc, "x", "z"};
    return wire::Dead{inc, "x", "x"}; // left
}

QString stateOf(const std::optional<MemberInfo> &m)
{
    return m ? QString::fromLatin1(wire::nodeStateName(m->state)) : QStringLiteral("unknown");
}

bool hasMessage(const std::vector<Effect> &fx, const wire::Message &wanted)
{
    for (const SendPacket &p : only<SendPacket>(fx))
        if (carries(p, wanted))
            return true;
    return false;
}

} // namespace

class TstMembership : public QObject {
    Q_OBJECT
private slots:
    void startReportsItselfAsSelf()
    {
        Cluster c(1);
        const auto changes = only<MemberChanged>(c[0].drainEffects());
        QVERIFY(!changes.empty());
        QCOMPARE(changes.front().kind, MemberEventKind::Joined);
        QCOMPARE(changes.front().member.name, nameOf(0));
        QVERIFY(changes.front().member.isSelf);
    }

    void precedenceTable_data()
    {
        QTest::addColumn<QString>("initial");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("incarnation");
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("storedIncarnation");
        // initial (stored inc 5) | message | its inc | resulting state | stored inc
        const char *rows[] = {
            "unknown alive 4 alive 4",     "unknown alive 5 alive 5",
            "unknown alive 6 alive 6",     "unknown suspect 6 unknown 0",
            "unknown dead 6 unknown 0",    "unknown left 6 unknown 0",
            "alive alive 4 alive 5",       "alive alive 5 alive 5",
            "alive alive 6 alive 6",       "alive suspect 4 alive 5",
            "alive suspect 5 suspect 5",   "alive suspect 6 suspect 6",
            "alive dead 4 alive 5",        "alive dead 5 dead 5",
            "alive dead 6 dead 6",         "alive left 4 alive 5",
            "alive left 5 left 5",         "alive left 6 left 6",
            "suspect alive 4 suspect 5",   "suspect alive 5 suspect 5",
            "suspect alive 6 alive 6",     "suspect suspect 4 suspect 5",
            "suspect suspect 5 suspect 5", "suspect suspect 6 suspect 5",
            "suspect dead 4 suspect 5",    "suspect dead 5 dead 5",
            "suspect dead 6 dead 6",       "suspect left 4 suspect 5",
            "suspect left 5 left 5",       "suspect left 6 left 6",
            "dead alive 4 dead 5",         "dead alive 5 dead 5",
            "dead alive 6 alive 6",        "dead suspect 4 dead 5",
            "dead suspect 5 dead 5",       "dead suspect 6 dead 5",
            "dead dead 4 dead 5",          "dead dead 5 dead 5",
            "dead dead 6 dead 5",          "dead left 4 dead 5",
            "dead left 5 dead 5",          "dead left 6 dead 5",
            "left alive 4 left 5",         "left alive 5 left 5",
            "left alive 6 alive 6",        "left suspect 4 left 5",
            "left suspect 5 left 5",       "left suspect 6 left 5",
            "left dead 4 left 5",          "left dead 5 left 5",
            "left dead 6 left 5",          "left left 4 left 5",
            "left left 5 left 5",          "left left 6 left 5",
        };
        for (const char *row : rows) {
            const QStringList f = QString::fromLatin1(row).split(' ');
            QTest::newRow(row) << f[0] << f[1] << f[2].toInt() << f[3] << f[4].toInt();
        }
    }
    void precedenceTable()
    {
        QFETCH(QString, initial);
        QFETCH(QString, message);
        QFETCH(int, incarnation);
        Cluster c(1);
        prepare(c, initial);
        QCOMPARE(stateOf(c[0].member("x")), initial);
        feed(c, 0, claim(message, static_cast<std::uint32_t>(incarnation)));
        const auto x = c[0].member("x");
        QTEST(stateOf(x), "state");
        QTEST(x ? int(x->incarnation) : 0, "storedIncarnation");
    }

    void suspectAboutSelfIsRefutedWithHigherIncarnation()
    {
        Cluster c(2);
        c.connectAll();
        feed(c, 0, wire::Suspect{5, "n0", "n1"});
        const auto fx = c[0].drainEffects();
        QCOMPARE(c[0].member("n0")->state, wire::NodeState::Alive);
        QCOMPARE(c[0].member("n0")->incarnation, 6u);
        QCOMPARE(only<HealthChanged>(fx).size(), std::size_t(1));
        QCOMPARE(c[0].stats().refutations, std::uint64_t(1));
        const auto gossip =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<SendPacket>(e); });
        QVERIFY(hasMessage(gossip,
                           wire::Alive{6, "n0", endpointOf(0).ip, 7946, {}, {1, 5, 2, 0, 0, 0}}));
    }

    void laterIncarnationClaimsKeepTheMembersAddressMetaAndVsn()
    {
        // A claim about a later incarnation than the alive held moves the member there; its
        // address, meta and Vsn stay the alive's, as memberlist's nodeState keeps them.
        Cluster c(1);
        feed(c, 0, wire::Alive{3, "x", kX.ip, kX.port, wire::toBytes("m"), {1, 5, 2, 0, 0, 0}});
        feed(c, 0, wire::Suspect{8, "x", "y"});
        auto x = c[0].member("x");
        QCOMPARE(x->state, wire::NodeState::Suspect);
        QCOMPARE(x->incarnation, 8u);
        QCOMPARE(x->address, kX);
        QCOMPARE(x->meta, wire::toBytes("m"));
        QCOMPARE(x->vsn, (wire::Bytes{1, 5, 2, 0, 0, 0}));
        feed(c, 0, aliveX(8)); // not newer than the claim: ignored
        QCOMPARE(c[0].member("x")->state, wire::NodeState::Suspect);
        feed(c, 0, wire::Dead{12, "x", "y"});
        x = c[0].member("x");
        QCOMPARE(x->state, wire::NodeState::Dead);
        QCOMPARE(x->incarnation, 12u);
        QCOMPARE(x->address, kX);
        QCOMPARE(x->meta, wire::toBytes("m"));
        feed(c, 0, aliveX(13)); // back, with its new meta (none)
        x = c[0].member("x");
        QCOMPARE(x->state, wire::NodeState::Alive);
        QCOMPARE(x->incarnation, 13u);
        QVERIFY(x->meta.empty());
    }

    void aliveWithoutAFullVsnKeepsTheLastOneAndIsRegossipedAsIs()
    {
        Cluster c(2);
        c.connectAll();
        feed(c, 0, aliveX(3)); // Vsn 1 5 2 0 0 0
        c[0].drainEffects();
        wire::Alive bare = aliveX(4);
        bare.vsn.clear();
        feed(c, 0, bare);
        const auto x = c[0].member("x");
        QCOMPARE(x->incarnation, 4u);
        QCOMPARE(x->vsn, (wire::Bytes{1, 5, 2, 0, 0, 0}));
        const auto gossip = c.runUntil(0, [&](const Effect &e) {
            const auto *p = std::get_if<SendPacket>(&e);
            return p && carries(*p, bare);
        });
        QVERIFY(hasMessage(gossip, bare)); // exactly as received: still without a Vsn
        // A member first heard of without a Vsn has none.
        feed(c, 0, wire::Alive{1, "y", kOtherX.ip, kOtherX.port, {}, {}});
        QVERIFY(c[0].member("y")->vsn.empty());
    }

    void deadAboutSelfIsRefuted()
    {
        Cluster c(2);
        c.connectAll();
        feed(c, 0, wire::Dead{1, "n0", "n1"});
        QCOMPARE(c[0].member("n0")->state, wire::NodeState::Alive);
        QCOMPARE(c[0].member("n0")->incarnation, 2u);
    }

    void aliveAboutSelfWithOtherMetaIsRefuted()
    {
        Cluster c(1);
        wire::Alive stale{
            1, "n0", endpointOf(0).ip, 7946, wire::toBytes("old"), {1, 5, 2, 0, 0, 0}};
        feed(c, 0, stale);
        QCOMPARE(c[0].member("n0")->incarnation, 2u);
        stale.meta.clear();
        stale.incarnation = 2;
        feed(c, 0, stale); // identical to ours: nothing to refute
        QCOMPARE(c[0].member("n0")->incarnation, 2u);
    }

    void confirmationsShortenTheSuspicionTimeout()
    {
        Cluster c(5);
        c.connectAll();
        const TimePoint start = c.now;
        feed(c, 0, wire::Suspect{1, "n4", "n1"});
        auto n4 = c[0].member("n4");
        QCOMPARE(n4->confirmationsWanted, 2);
        QCOMPARE(n4->suspicionDeadline, std::optional<TimePoint>(start + 24s));
        c.now += 1s;
        feed(c, 0, wire::Suspect{1, "n4", "n1"}); // the accuser does not confirm itself
        QCOMPARE(c[0].member("n4")->confirmations, 0);
        feed(c, 0, wire::Suspect{1, "n4", "n2"});
        n4 = c[0].member("n4");
        QCOMPARE(n4->confirmations, 1);
        QCOMPARE(n4->suspicionDeadline, std::optional<TimePoint>(start + 11381ms));
        feed(c, 0, wire::Suspect{1, "n4", "n3"});
        QCOMPARE(c[0].member("n4")->suspicionDeadline, std::optional<TimePoint>(start + 4s));
        c[0].drainEffects();
        const auto fx = c.runUntil(0, [](const Effect &e) {
            const auto *m = std::get_if<MemberChanged>(&e);
            return m && m->kind == MemberEventKind::Left;
        });
        QCOMPARE(c.now, start + 4s);
        QCOMPARE(c[0].member("n4")->state, wire::NodeState::Dead);
    }

    void suspicionTimeoutDeclaresDeadAndGossipsIt()
    {
        Cluster c(3);
        c.connectAll();
        const TimePoint start = c.now;
        feed(c, 0, wire::Suspect{1, "n2", "n1"});
        QCOMPARE(c[0].member("n2")->confirmationsWanted, 0);
        const auto fx = c.runUntil(0, [](const Effect &e) {
            const auto *m = std::get_if<MemberChanged>(&e);
            return m && m->kind == MemberEventKind::Left;
        });
        QCOMPARE(c.now, start + 4s);
        const auto left = only<MemberChanged>(fx).back();
        QCOMPARE(left.member.name, std::string("n2"));
        QCOMPARE(left.member.state, wire::NodeState::Dead);
        const auto gossip = c.runUntil(0, [](const Effect &e) {
            const auto *p = std::get_if<SendPacket>(&e);
            return p && carries(*p, wire::Dead{1, "n2", "n0"});
        });
        QVERIFY(hasMessage(gossip, wire::Dead{1, "n2", "n0"}));
    }

    void refutationCancelsSuspicion()
    {
        Cluster c(3);
        c.connectAll();
        feed(c, 0, wire::Suspect{1, "n2", "n1"});
        feed(c, 0, aliveOf(2, 2));
        QCOMPARE(c[0].member("n2")->state, wire::NodeState::Alive);
        QCOMPARE(c[0].member("n2")->suspicionDeadline, std::optional<TimePoint>());
        // The old suspicion would have fired at +4 s. (n0's own probes may suspect n2 anew
        // meanwhile, since nobody answers here, but that suspicion cannot end before +5 s.)
        c.runUntil(
            0, [](const Effect &) { return false; }, 4500ms);
        QVERIFY(c[0].member("n2")->state != wire::NodeState::Dead);
    }

    void leaveGossipsLeftThenFinishes()
    {
        Cluster c(2);
        c.connectAll();
        c[1].leave(c.now);
        QVERIFY(c[1].hasLeft());
        auto fx = c[1].drainEffects();
        QCOMPARE(only<MemberChanged>(fx).back().member.state, wire::NodeState::Left);
        QVERIFY(only<LeaveFinished>(fx).empty());
        fx =
            c.runUntil(1, [](const Effect &e) { return std::holds_alternative<LeaveFinished>(e); });
        QCOMPARE(only<LeaveFinished>(fx).size(), std::size_t(1));
        const wire::Dead left{1, "n1", "n1"};
        QCOMPARE(messagesOf<wire::Dead>(fx).size(), std::size_t(4)); // retransmitLimit(4, 2)
        const auto packets = only<SendPacket>(fx);
        c.deliver(1, packets.front());
        QCOMPARE(c[0].member("n1")->state, wire::NodeState::Left);
        // A node that left still answers pings until it is shut down.
        c[1].handlePacket(c.now, endpointOf(0), {wire::Ping{77, "n1", {}, 0, {}}});
        QVERIFY(firstOf<wire::Ack>(only<SendPacket>(c[1].drainEffects()).at(0)));
        (void)left;
    }

    void leaveWithNobodyToTellFinishesAtOnce()
    {
        Cluster c(1);
        c[0].leave(c.now);
        QCOMPARE(only<LeaveFinished>(c[0].drainEffects()).size(), std::size_t(1));
    }

    void conflictingAddressRaisesNameConflict()
    {
        Cluster c(1);
        feed(c, 0, aliveX(1));
        c[0].drainEffects();
        feed(c, 0, aliveX(2, kOtherX));
        const auto conflicts = only<NameConflict>(c[0].drainEffects());
        QCOMPARE(conflicts.size(), std::size_t(1));
        QCOMPARE(conflicts[0].name, std::string("x"));
        QCOMPARE(conflicts[0].existing, kX);
        QCOMPARE(conflicts[0].other, kOtherX);
        QCOMPARE(c[0].member("x")->address, kX);
        QCOMPARE(c[0].member("x")->incarnation, 1u);
    }

    void ownNameClaimedElsewhereIsReportedAndToldOnce()
    {
        Cluster c(1);
        wire::Alive claim = aliveOf(0, 7);
        claim.addr = kOtherX.ip;
        for (int round = 0; round < 2; ++round) {
            feed(c, 0, claim);
            const auto fx = c[0].drainEffects();
            const auto conflicts = only<NameConflict>(fx);
            QCOMPARE(conflicts.size(), std::size_t(1));
            QVERIFY(conflicts[0].ownName);
            QVERIFY(!conflicts[0].impostor); // an alive on the wire says nothing of who was first
            QCOMPARE(conflicts[0].existing, endpointOf(0));
            QCOMPARE(conflicts[0].other, kOtherX);
            // Told once, with our own alive, so the claimer learns of the conflict too.
            std::size_t told = 0;
            for (const SendPacket &p : only<SendPacket>(fx)) {
                const auto *alive = firstOf<wire::Alive>(p);
                told += p.to == kOtherX && alive && *alive == aliveOf(0, 1) ? 1 : 0;
            }
            QCOMPARE(told, std::size_t(round == 0 ? 1 : 0));
        }
        QCOMPARE(c[0].member("n0")->address, endpointOf(0));
        QCOMPARE(c[0].member("n0")->incarnation, 1u);
    }

    void deadNodeIsReclaimedAfterReclaimTime()
    {
        Cluster c(1, Profile::Lan, 1, [](Config &cfg) { cfg.deadNodeReclaimTime = 10s; });
        feed(c, 0, aliveX(1));
        feed(c, 0, wire::Dead{1, "x", "y"});
        c[0].drainEffects();
        c.now += 5s;
        feed(c, 0, aliveX(1, kOtherX));
        QCOMPARE(only<NameConflict>(c[0].drainEffects()).size(), std::size_t(1));
        c.now += 6s;
        feed(c, 0, aliveX(1, kOtherX)); // reclaim skips the incarnation check
        const auto events = only<MemberChanged>(c[0].drainEffects());
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].kind, MemberEventKind::Joined);
        QCOMPARE(c[0].member("x")->address, kOtherX);
        QCOMPARE(c[0].member("x")->state, wire::NodeState::Alive);
    }

    void deadNodeIsNeverReclaimedByDefault()
    {
        Cluster c(1);
        feed(c, 0, aliveX(1));
        feed(c, 0, wire::Dead{1, "x", "y"});
        c.now += 1000s;
        feed(c, 0, aliveX(9, kOtherX));
        QCOMPARE(c[0].member("x")->address, kX);
    }

    void leftNodeRejoinsFromNewAddress()
    {
        Cluster c(1);
        feed(c, 0, aliveX(3));
        feed(c, 0, wire::Dead{3, "x", "x"});
        feed(c, 0, aliveX(1, kOtherX));
        QCOMPARE(c[0].member("x")->state, wire::NodeState::Alive);
        QCOMPARE(c[0].member("x")->address, kOtherX);
    }

    void updateMetaAnnouncesNextIncarnation()
    {
        Cluster c(2);
        c.connectAll();
        c.delegates[0]->meta = wire::toBytes("v2");
        c[0].updateMeta(c.now);
        QCOMPARE(c[0].member("n0")->incarnation, 2u);
        QCOMPARE(c[0].member("n0")->meta, wire::toBytes("v2"));
        const auto events = only<MemberChanged>(c[0].drainEffects());
        QCOMPARE(events.back().kind, MemberEventKind::Updated);
        const auto gossip =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<SendPacket>(e); });
        c.deliver(0, only<SendPacket>(gossip).back());
        QCOMPARE(c[1].member("n0")->meta, wire::toBytes("v2"));
        QCOMPARE(only<MemberChanged>(c[1].drainEffects()).back().kind, MemberEventKind::Updated);
    }

    void reapRemovesLongDeadMembersOnWrap()
    {
        Cluster c(2);
        c.connectAll();
        feed(c, 0, aliveX(1));
        feed(c, 0, wire::Dead{1, "x", "y"});
        c.now += 31s; // past GossipToTheDeadTime
        const auto fx = c.runUntil(0, [](const Effect &e) {
            const auto *m = std::get_if<MemberChanged>(&e);
            return m && m->kind == MemberEventKind::Removed;
        });
        QCOMPARE(only<MemberChanged>(fx).back().member.name, std::string("x"));
        QVERIFY(!c[0].member("x"));
    }
};

QTEST_APPLESS_MAIN(TstMembership)
#include "tst_membership.moc"
