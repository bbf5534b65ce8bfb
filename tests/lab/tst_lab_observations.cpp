// A lab node's "Why?" (issue #16): the watched simulated node reports its failure-detection
// steps through the same TimelineEntry conversion a live Node uses, so a member stalled and
// then thawed shows the missed probes, the suspicion and the refutation, and the sentence
// above the timeline says so. Deterministic: a scenario file, a fixed seed, virtual time.
#include "core/lab/lab_cluster.h"
#include "ui/lab/lab_snapshots.h"
#include "ui/models/why_sentence.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::lab;
using namespace std::chrono_literals;

namespace {

// n5 stalls for 4 s at 2 s: long enough for every prober to miss it, short enough to refute
// before the Lifeguard timeout (8 nodes: at least 4·log10(8)·1 s = 3.6 s after the raise).
const char *kStalledScenario = R"(grapevine-lab 1
nodes 8
seed 3
profile lan
start formed
until 15
at 2 stall n5 4s
)";

LabScenario parse(const char *text)
{
    auto parsed = parseLabScenario(text);
    if (auto *error = std::get_if<ScenarioError>(&parsed))
        qFatal("%s", error->text().c_str());
    return std::get<LabScenario>(std::move(parsed));
}

QList<TimelineEntry> timelineOf(LabCluster &lab, const QString &member)
{
    QList<TimelineEntry> out;
    for (const protocol::Observation &o : lab.takeObservations()) {
        const TimelineEntry e = ui::labTimelineEntry(o);
        if (e.member == member)
            out.append(e);
    }
    return out;
}

QString kinds(const QList<TimelineEntry> &entries)
{
    QStringList names;
    for (const TimelineEntry &e : entries)
        names << timelineKindName(e.kind);
    return names.join(QLatin1Char(' '));
}

qint64 labMs(const TimelineEntry &e)
{
    return e.timeMs - ui::labEpochMs();
}

} // namespace

class TstLabObservations : public QObject {
    Q_OBJECT
private slots:
    void stalledMemberIsSuspectedThenRefutedInTheWatchedNodesTimeline()
    {
        LabCluster lab(parse(kStalledScenario));
        lab.watch(NodeId(0));
        lab.runUntil(TimePoint(7s));
        const QList<TimelineEntry> n5 = timelineOf(lab, QStringLiteral("n5"));
        // n7's probe fails first; n0 merges the suspicion from a push/pull (its own name as
        // the accuser, as memberlist's mergeState does), n6 confirms; n0's own probe then
        // misses (direct, three relays, TCP), and the thawed n5 refutes and answers.
        QCOMPARE(kinds(n5), QStringLiteral("suspicion-raised suspicion-confirmed "
                                           "suspicion-confirmed probe-sent ack-missed "
                                           "indirect-probe-sent indirect-probe-sent "
                                           "indirect-probe-sent probe-sent refuted "
                                           "ack-received ack-received"));
        const TimelineEntry &raised = n5[0];
        QCOMPARE(raised.peer, QStringLiteral("n7"));
        QCOMPARE(raised.incarnation, 1u);
        QCOMPARE(raised.confirmationsWanted, 2);
        QCOMPARE(raised.timeoutMs, 24000); // memberlist: 6 x 4 x max(1, log10 8) x 1 s
        QCOMPARE(raised.deadlineMs - raised.timeMs, 24000);
        QCOMPARE(n5[1].peer, QStringLiteral("n0"));
        QCOMPARE(n5[1].timeoutMs, 11381); // 24 - log 2 / log 3 x (24 - 4) s
        QCOMPARE(n5[2].peer, QStringLiteral("n6"));
        QCOMPARE(n5[2].confirmations, 2);
        QCOMPARE(n5[2].timeoutMs, 4000); // every wanted confirmation: the minimum
        QCOMPARE(n5[7].route, ProbeRoute::Direct);
        QCOMPARE(n5[8].route, ProbeRoute::Tcp);
        QStringList relays{n5[5].peer, n5[6].peer, n5[7].peer};
        relays.sort();
        QCOMPARE(relays, QStringList({"n1", "n3", "n6"}));
        const TimelineEntry &refuted = n5[9];
        QCOMPARE(labMs(refuted), 6000); // the thaw: 2 s + 4 s
        QCOMPARE(refuted.incarnation, 2u);
        QVERIFY(labMs(raised) > 2000 && labMs(raised) < labMs(refuted));
        for (int i = 1; i < n5.size(); ++i)
            QVERIFY(n5[i - 1].timeMs <= n5[i].timeMs);

        const QString sentence =
            ui::WhySentence::aboutMember(n5, QStringLiteral("n0"), ui::labEpochMs() + 7000);
        QVERIFY2(sentence.startsWith(QStringLiteral("Suspected at 00:00:03")),
                 qPrintable(sentence));
        QVERIFY2(sentence.contains(QStringLiteral("incarnation 2")), qPrintable(sentence));
    }

    void nothingIsObservedWithoutAWatchedNode()
    {
        LabCluster lab(parse(kStalledScenario));
        lab.runUntil(TimePoint(7s));
        QVERIFY(lab.takeObservations().empty());
        lab.watch(NodeId(2));
        lab.watch(std::nullopt);
        lab.runUntil(TimePoint(9s));
        QVERIFY(lab.takeObservations().empty());
    }

    // The observer only listens: the run is the same event for event (trace hash), whoever
    // is watched and whenever the watch moves.
    void watchingLeavesTheRunUnchanged()
    {
        LabCluster quiet(parse(kStalledScenario));
        quiet.runUntil(TimePoint(15s));
        LabCluster watched(parse(kStalledScenario));
        watched.watch(NodeId(0));
        watched.runUntil(TimePoint(5s));
        watched.watch(NodeId(5));
        watched.runUntil(TimePoint(15s));
        QVERIFY(!watched.takeObservations().empty());
        QCOMPARE(watched.traceHash(), quiet.traceHash());
        QCOMPARE(watched.counters().packetsSent, quiet.counters().packetsSent);
    }

    void restartedWatchedNodeReportsAgain()
    {
        LabCluster lab(parse(kStalledScenario));
        lab.watch(NodeId(2));
        LabAction crash;
        crash.kind = ActionKind::Crash;
        crash.node = 2;
        QVERIFY(!lab.perform(crash));
        lab.runUntil(TimePoint(1s));
        lab.takeObservations();
        LabAction restart = crash;
        restart.kind = ActionKind::Restart;
        QVERIFY(!lab.perform(restart));
        lab.runUntil(TimePoint(4s));
        bool probed = false;
        for (const protocol::Observation &o : lab.takeObservations())
            probed |= o.kind == protocol::ObservationKind::AckReceived;
        QVERIFY(probed);
    }
};

QTEST_APPLESS_MAIN(TstLabObservations)
#include "tst_lab_observations.moc"
