// LabCluster: every control changes the simulated cluster as stated, on virtual time with
// fixed seeds, and a recording replays to the same trace hash however its time was sliced.
#include "core/lab/lab_cluster.h"

#include <QTest>

#include <set>

using namespace grapevine;
using namespace grapevine::lab;
using namespace std::chrono_literals;

namespace {

LabScenario formed(int nodes, std::uint64_t seed = 1)
{
    LabScenario s;
    s.setup.nodes = nodes;
    s.setup.seed = seed;
    return s;
}

LabAction on(ActionKind kind, NodeId node = 0)
{
    LabAction a;
    a.kind = kind;
    a.node = node;
    return a;
}

LabAction setValue(NodeId node, std::string text)
{
    LabAction a = on(ActionKind::SetValue, node);
    a.text = std::move(text);
    return a;
}

void perform(LabCluster &lab, const LabAction &action)
{
    const auto err = lab.perform(action);
    QVERIFY2(!err, err ? err->c_str() : "");
}

// Every live node other than `subject` sees it in `state`.
bool allSee(const LabCluster &lab, NodeId subject, wire::NodeState state)
{
    for (NodeId id = 0; id < NodeId(lab.size()); ++id) {
        if (id == subject || lab.life(id) != NodeLife::Up)
            continue;
        if (lab.viewOf(id, subject) != state)
            return false;
    }
    return true;
}

// Runs in 100 ms steps until done() or `limit` of virtual time passes.
bool runUntilTrue(LabCluster &lab, const std::function<bool()> &done, Duration limit)
{
    const TimePoint end = lab.now() + limit;
    while (!done() && lab.now() < end)
        lab.runUntil(lab.now() + 100ms);
    return done();
}

// A run with one of every kind of action, driven in uneven slices as a window would.
LabCluster &busyRun(LabCluster &lab)
{
    const auto step = [&lab](Duration d) {
        for (Duration done{}; done < d; done += 37ms)
            lab.runUntil(lab.now() + 37ms);
    };
    step(1s);
    perform(lab, setValue(1, "first"));
    step(700ms);
    perform(lab, on(ActionKind::Crash, 3));
    LabAction stall = on(ActionKind::Stall, 4);
    stall.duration = 3s;
    perform(lab, stall);
    LabAction loss = on(ActionKind::Loss);
    loss.loss = 0.05;
    perform(lab, loss);
    step(2s);
    LabAction split = on(ActionKind::Split);
    split.groups = {{0, 1, 2, 3, 4}};
    perform(lab, split);
    perform(lab, setValue(6, "second"));
    step(3s);
    perform(lab, on(ActionKind::Heal));
    perform(lab, on(ActionKind::Restart, 3));
    LabAction link = on(ActionKind::Link, 1);
    link.peer = 2;
    link.link = sim::LinkModel{20ms, 1ms, 0.3};
    perform(lab, link);
    perform(lab, on(ActionKind::Leave, 9));
    step(4s);
    return lab;
}

} // namespace

class TstLabCluster : public QObject {
    Q_OBJECT
private slots:
    void recordingReplaysToTheSameTraceHash()
    {
        LabCluster live(formed(12, 5));
        busyRun(live);
        const LabScenario recording = live.recording();
        QCOMPARE(recording.actions.size(), 10u);

        auto parsed = parseLabScenario(writeLabScenario(recording));
        QVERIFY(std::holds_alternative<LabScenario>(parsed));
        LabCluster replay(std::get<LabScenario>(parsed));
        replay.runUntil(std::get<LabScenario>(parsed).until); // in one go
        QCOMPARE(replay.traceHash(), live.traceHash());
        QCOMPARE(replay.counters().events, live.counters().events);
        QCOMPARE(replay.rumor().value(), std::string("second"));
        QCOMPARE(replay.rumor().infections().size(), live.rumor().infections().size());
        QVERIFY(replay.rumor().completeAt() == live.rumor().completeAt());
    }

    void differentSeedsGiveDifferentRuns()
    {
        LabCluster a(formed(12, 5));
        LabCluster b(formed(12, 6));
        a.runUntil(TimePoint(5s));
        b.runUntil(TimePoint(5s));
        QVERIFY(a.traceHash() != b.traceHash());
    }

    void setValueReachesEveryNodeAndTheStoryCompletes()
    {
        LabCluster lab(formed(40));
        lab.runUntil(TimePoint(1s));
        perform(lab, setValue(7, "hello"));
        QVERIFY(runUntilTrue(
            lab, [&] { return lab.rumor().completeAt().has_value(); }, 10s));
        const RumorStory &story = lab.rumor();
        QCOMPARE(int(story.infections().size()), 40);
        QCOMPARE(story.infections().front().node, NodeId(7));
        QVERIFY(story.infections().front().path == InfectionPath::Origin);
        for (std::size_t i = 1; i < story.infections().size(); ++i) {
            const Infection &inf = story.infections()[i];
            QVERIFY(inf.from.has_value()); // everyone else heard it from someone
            QVERIFY(story.holds(*inf.from) || inf.path == InfectionPath::PushPull);
        }
        QVERIFY(story.countBy(InfectionPath::EagerPush) > 0);
        for (NodeId id = 0; id < 40; ++id)
            QCOMPARE(lab.value(id)->current().value, std::string("hello"));
    }

    void crashIsDeclaredDeadByEveryLiveNode()
    {
        LabCluster lab(formed(10));
        lab.runUntil(TimePoint(1s));
        perform(lab, on(ActionKind::Crash, 3));
        QVERIFY(lab.life(3) == NodeLife::Crashed);
        QVERIFY(!lab.value(3));
        QVERIFY(runUntilTrue(
            lab, [&] { return allSee(lab, 3, wire::NodeState::Dead); }, 30s));
    }

    void stallMakesPeersSuspectAndTheThawRefutes()
    {
        LabCluster lab(formed(10));
        lab.runUntil(TimePoint(1s));
        LabAction stall = on(ActionKind::Stall, 2);
        stall.duration = 8s;
        perform(lab, stall);
        QVERIFY(lab.life(2) == NodeLife::Stalled);
        QVERIFY(runUntilTrue(
            lab, [&] { return !allSee(lab, 2, wire::NodeState::Alive); }, 8s));
        lab.runUntil(TimePoint(9s) + 1ns);
        QVERIFY(lab.life(2) == NodeLife::Up); // thawed on time
        QVERIFY(runUntilTrue(
            lab, [&] { return allSee(lab, 2, wire::NodeState::Alive); }, 40s));
    }

    void restartRejoinsWithTheValueItHeld()
    {
        LabCluster lab(formed(8));
        perform(lab, setValue(0, "kept"));
        lab.runUntil(TimePoint(3s));
        perform(lab, on(ActionKind::Crash, 5));
        lab.runUntil(TimePoint(4s));
        perform(lab, on(ActionKind::Restart, 5));
        QVERIFY(lab.life(5) == NodeLife::Up);
        QCOMPARE(lab.value(5)->current().value, std::string("kept")); // its state file
        QVERIFY(runUntilTrue(
            lab, [&] { return allSee(lab, 5, wire::NodeState::Alive); }, 30s));
    }

    void leaveIsSeenAsLeft()
    {
        LabCluster lab(formed(8));
        lab.runUntil(TimePoint(1s));
        perform(lab, on(ActionKind::Leave, 6));
        QVERIFY(runUntilTrue(
            lab, [&] { return allSee(lab, 6, wire::NodeState::Left); }, 10s));
        QVERIFY(lab.life(6) == NodeLife::Left);
        QVERIFY(lab.perform(setValue(6, "x")).has_value()); // a left node sets nothing
    }

    void latencyDelaysEveryPacket()
    {
        LabCluster lab(formed(6));
        LabAction latency = on(ActionKind::Latency);
        latency.duration = 50ms;
        perform(lab, latency);
        LabAction jitter = on(ActionKind::Jitter);
        jitter.duration = 0ns;
        perform(lab, jitter);
        lab.runUntil(TimePoint(1s));
        const TimePoint setAt = lab.now();
        perform(lab, setValue(0, "slow"));
        QVERIFY(runUntilTrue(
            lab, [&] { return lab.rumor().completeAt().has_value(); }, 5s));
        for (const Infection &inf : lab.rumor().infections()) {
            if (inf.path != InfectionPath::Origin)
                QVERIFY((inf.at - setAt) % 50ms == Duration::zero()); // whole hops of 50 ms
        }
        QVERIFY(lab.rumor().infections()[1].at - setAt == 50ms);
    }

    void jitterStaysWithinItsBound()
    {
        LabCluster lab(formed(6));
        LabAction latency = on(ActionKind::Latency);
        latency.duration = 10ms;
        perform(lab, latency);
        LabAction jitter = on(ActionKind::Jitter);
        jitter.duration = 4ms;
        perform(lab, jitter);
        lab.watch(0);
        lab.runUntil(TimePoint(1s));
        const TimePoint setAt = lab.now();
        perform(lab, setValue(0, "jittery"));
        lab.runUntil(lab.now() + 2s);
        const Infection &first = lab.rumor().infections()[1];
        QVERIFY(first.at - setAt >= 10ms && first.at - setAt <= 14ms);
    }

    void fullLossDropsEveryPacket()
    {
        LabCluster lab(formed(6));
        lab.runUntil(TimePoint(1s));
        LabAction loss = on(ActionKind::Loss);
        loss.loss = 1.0;
        perform(lab, loss);
        const auto delivered = lab.counters().packetsDelivered;
        const auto lost = lab.counters().lost;
        lab.runUntil(TimePoint(3s));
        QCOMPARE(lab.counters().packetsDelivered,
                 delivered + 0); // nothing in flight at 1 s + 0.7 ms
        QVERIFY(lab.counters().lost > lost);
    }

    void linkOverrideAppliesToThatPairOnly()
    {
        LabCluster lab(formed(6));
        LabAction link = on(ActionKind::Link, 0);
        link.peer = 1;
        link.link = sim::LinkModel{1ms, 0ns, 1.0}; // n0 <-> n1 loses everything
        perform(lab, link);
        lab.watch(0);
        lab.runUntil(TimePoint(10s));
        int toOne = 0, toOthers = 0;
        for (const LabPacket &p : lab.takePackets()) {
            if (!p.outgoing || p.carrier != sim::Carrier::Udp)
                continue;
            if (p.peer == 1) {
                ++toOne;
                QVERIFY(p.drop == sim::DropReason::Loss);
            } else {
                ++toOthers;
                QVERIFY(p.drop == sim::DropReason::None);
            }
        }
        QVERIFY(toOne > 0 && toOthers > 0);
        LabAction unlink = on(ActionKind::Unlink, 1);
        unlink.peer = 0;
        perform(lab, unlink);
        lab.runUntil(TimePoint(15s));
        for (const LabPacket &p : lab.takePackets())
            QVERIFY(p.drop == sim::DropReason::None);
    }

    // n0's round trips to n1 (its own observations) follow the link's latency and jitter:
    // 2 x 10 ms exactly without jitter, spread over [20, 36] ms with 8 ms of it.
    void linkOverrideCarriesItsJitter_data()
    {
        QTest::addColumn<int>("jitterMs");
        QTest::newRow("no jitter") << 0;
        QTest::newRow("8 ms jitter") << 8;
    }

    void linkOverrideCarriesItsJitter()
    {
        QFETCH(int, jitterMs);
        LabCluster lab(formed(6));
        LabAction link = on(ActionKind::Link, 0);
        link.peer = 1;
        link.link = sim::LinkModel{10ms, std::chrono::milliseconds(jitterMs), 0.0};
        perform(lab, link);
        lab.watch(0);
        lab.runUntil(TimePoint(60s));
        std::set<Duration> rtts;
        for (const protocol::Observation &o : lab.takeObservations()) {
            if (o.kind == protocol::ObservationKind::AckReceived && o.member == "n1")
                rtts.insert(o.rtt);
        }
        QVERIFY(*rtts.begin() >= 20ms);
        QVERIFY(*rtts.rbegin() <= 20ms + 2 * std::chrono::milliseconds(jitterMs));
        if (jitterMs == 0)
            QCOMPARE(rtts.size(), std::size_t(1));
        else
            QVERIFY(rtts.size() >= 3);
    }

    // n5 stalls: the suspicion about it spreads from the node whose probe failed to every
    // other node, each infected by the packet that brought it; after the thaw, n5's own
    // refutation (alive at a higher incarnation) is the newer rumor and spreads from n5.
    void membershipRumorTreeFollowsSuspicionAndRefutation()
    {
        LabCluster lab(formed(8, 3));
        lab.followMember(5);
        lab.runUntil(TimePoint(2s));
        LabAction stall = on(ActionKind::Stall, 5);
        stall.duration = 4s;
        perform(lab, stall);
        QVERIFY(runUntilTrue(
            lab,
            [&] {
                return lab.membership().state() == wire::NodeState::Suspect &&
                       lab.membership().completeAt();
            },
            4s));
        const MembershipStory &suspicion = lab.membership();
        QCOMPARE(suspicion.describe(), std::string("n5 suspect at incarnation 1"));
        QCOMPARE(suspicion.infections().size(), std::size_t(7)); // everyone but n5
        QVERIFY(!suspicion.holds(5));
        const Infection &origin = suspicion.infections().front();
        QVERIFY(origin.path == InfectionPath::Origin && !origin.from);
        for (std::size_t i = 1; i < suspicion.infections().size(); ++i) {
            const Infection &infection = suspicion.infections()[i];
            if (infection.path == InfectionPath::Origin) // its own probe failed too
                continue;
            QVERIFY(infection.from && suspicion.holds(*infection.from));
            QVERIFY(infection.path == InfectionPath::Gossip ||
                    infection.path == InfectionPath::PushPull);
        }
        QVERIFY(runUntilTrue(
            lab,
            [&] {
                return lab.membership().state() == wire::NodeState::Alive &&
                       lab.membership().completeAt();
            },
            10s));
        const MembershipStory &refutation = lab.membership();
        QCOMPARE(refutation.describe(), std::string("n5 alive at incarnation 2"));
        QCOMPARE(refutation.infections().front().node, NodeId(5));
        QVERIFY(refutation.infections().front().path == InfectionPath::Origin);
        QVERIFY(refutation.startedAt() >= TimePoint(6s));
        for (NodeId id = 0; id < 8; ++id)
            QVERIFY(refutation.holds(id));
    }

    void followingAMemberLeavesTheRunUnchanged()
    {
        LabCluster quiet(formed(8, 3));
        LabCluster followed(formed(8, 3));
        followed.followMember(5);
        for (LabCluster *lab : {&quiet, &followed}) {
            LabAction stall = on(ActionKind::Stall, 5);
            stall.duration = 4s;
            lab->runUntil(TimePoint(2s));
            perform(*lab, stall);
            lab->runUntil(TimePoint(12s));
        }
        QVERIFY(!followed.membership().empty());
        QCOMPARE(followed.traceHash(), quiet.traceHash());
    }

    void splitCutsTheSidesAndHealJoinsThem()
    {
        LabCluster lab(formed(10));
        lab.runUntil(TimePoint(1s));
        LabAction split = on(ActionKind::Split);
        split.groups = {{0, 1, 2, 3, 4}};
        perform(lab, split);
        QCOMPARE(lab.groupOf(2), 1);
        QCOMPARE(lab.groupOf(7), 0);
        QVERIFY(runUntilTrue(
            lab, [&] { return lab.viewOf(0, 7) == wire::NodeState::Dead; }, 30s));
        QCOMPARE(lab.viewOf(5, 6), std::optional(wire::NodeState::Alive)); // same side
        perform(lab, on(ActionKind::Heal));
        QCOMPARE(lab.groupOf(2), 0);
        QVERIFY(runUntilTrue(
            lab,
            [&] {
                return allSee(lab, 7, wire::NodeState::Alive) &&
                       allSee(lab, 0, wire::NodeState::Alive);
            },
            60s));
    }

    void stepRunsToTheNextEvent()
    {
        LabCluster lab(formed(5));
        const auto before = lab.counters().events;
        const TimePoint t0 = lab.now();
        QVERIFY(lab.stepEvent());
        QVERIFY(lab.counters().events > before);
        QVERIFY(lab.now() >= t0);
    }

    void joiningStartFormsTheCluster()
    {
        LabScenario s = formed(20);
        s.setup.start = StartMode::Joining;
        LabCluster lab(s);
        QVERIFY(runUntilTrue(
            lab,
            [&] {
                for (NodeId id = 1; id < 20; ++id) {
                    if (lab.viewOf(0, id) != wire::NodeState::Alive)
                        return false;
                }
                return true;
            },
            30s));
    }

    void actionAfterAScrubBackStartsANewFuture()
    {
        LabCluster first(formed(6));
        first.runUntil(TimePoint(1s));
        perform(first, on(ActionKind::Crash, 1));
        first.runUntil(TimePoint(3s));
        perform(first, on(ActionKind::Crash, 2));
        LabScenario rec = first.recording();
        LabCluster again(rec); // as a scrub back to 2 s does
        again.runUntil(TimePoint(2s));
        QCOMPARE(again.actionsApplied(), 1u);
        perform(again, on(ActionKind::Heal));
        QCOMPARE(again.recording().actions.size(), 2u); // crash n2 at 3 s is gone
        QVERIFY(again.recording().actions.back().kind == ActionKind::Heal);
    }

    void refusedActionsAreNotRecorded()
    {
        LabCluster lab(formed(5));
        perform(lab, on(ActionKind::Crash, 1));
        QVERIFY(lab.perform(on(ActionKind::Crash, 1)).has_value());
        QVERIFY(lab.perform(on(ActionKind::Crash, 9)).has_value());
        QVERIFY(lab.perform(setValue(0, std::string(100000, 'x'))).has_value());
        QCOMPARE(lab.recording().actions.size(), 1u);
    }
};

QTEST_APPLESS_MAIN(TstLabCluster)
#include "tst_lab_cluster.moc"
