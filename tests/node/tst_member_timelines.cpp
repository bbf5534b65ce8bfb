// tst_member_timelines.cpp — the node's bounded per-member history (MemberTimelines): kept in
// order, the oldest entry dropped past the per-member bound, the member heard from longest
// ago dropped past the member bound; and the conversion from the engine's observations.
#include "core/node/member_timelines.h"
#include "core/node/observation_snapshot.h"

#include <QTest>

using namespace grapevine;
using namespace std::chrono_literals;

namespace {

TimelineEntry entry(const QString &member, qint64 timeMs)
{
    TimelineEntry e;
    e.member = member;
    e.timeMs = timeMs;
    return e;
}

QList<qint64> times(const QList<TimelineEntry> &entries)
{
    QList<qint64> out;
    for (const TimelineEntry &e : entries)
        out << e.timeMs;
    return out;
}

} // namespace

class TstMemberTimelines : public QObject {
    Q_OBJECT
private slots:
    void keepsEachMembersStepsInOrder()
    {
        MemberTimelines t;
        t.add(entry("a", 1));
        t.add(entry("b", 2));
        t.add(entry("a", 3));
        QCOMPARE(times(t.of("a")), (QList<qint64>{1, 3}));
        QCOMPARE(times(t.of("b")), (QList<qint64>{2}));
        QVERIFY(t.of("nobody").isEmpty());
        QVERIFY(!t.contains("nobody"));
    }

    void fullHistoryDropsItsOldestEntry()
    {
        MemberTimelines t(3, 10);
        for (qint64 i = 1; i <= 5; ++i)
            t.add(entry("a", i));
        QCOMPARE(times(t.of("a")), (QList<qint64>{3, 4, 5}));
    }

    void fullTableDropsTheMemberHeardFromLongestAgo()
    {
        MemberTimelines t(4, 2);
        t.add(entry("a", 1));
        t.add(entry("b", 2));
        t.add(entry("a", 3)); // a is fresher than b now
        t.add(entry("c", 4));
        QVERIFY(t.contains("a"));
        QVERIFY(!t.contains("b"));
        QVERIFY(t.contains("c"));
        QCOMPARE(t.members().size(), 2);
    }

    void observationBecomesAnEntryWithWallClockTimes()
    {
        protocol::Observation o;
        o.at = protocol::TimePoint(2500ms);
        o.kind = protocol::ObservationKind::SuspicionConfirmed;
        o.member = "n4";
        o.peer = "n2";
        o.incarnation = 3;
        o.confirmations = 1;
        o.confirmationsWanted = 2;
        o.timeout = 11381ms;
        o.deadline = protocol::TimePoint(12381ms);
        const TimelineEntry e = toTimelineEntry(o, 1'000'000);
        QCOMPARE(e.timeMs, qint64(1'002'500));
        QCOMPARE(e.kind, TimelineKind::SuspicionConfirmed);
        QCOMPARE(e.member, QString("n4"));
        QCOMPARE(e.peer, QString("n2"));
        QCOMPARE(e.incarnation, 3u);
        QCOMPARE(e.confirmations, 1);
        QCOMPARE(e.confirmationsWanted, 2);
        QCOMPARE(e.timeoutMs, qint64(11381));
        QCOMPARE(e.deadlineMs, qint64(1'012'381));
        QCOMPARE(e.rttUs, qint64(-1)); // not an ack
    }

    void ackCarriesItsRoundTripInMicroseconds()
    {
        protocol::Observation o;
        o.kind = protocol::ObservationKind::AckReceived;
        o.path = protocol::ProbePath::Indirect;
        o.rtt = 1234567ns;
        const TimelineEntry e = toTimelineEntry(o, 0);
        QCOMPARE(e.rttUs, qint64(1234));
        QCOMPARE(e.route, ProbeRoute::Indirect);
        QCOMPARE(e.deadlineMs, qint64(0));
    }
};

QTEST_APPLESS_MAIN(TstMemberTimelines)
#include "tst_member_timelines.moc"
