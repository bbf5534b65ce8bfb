// The one sentence that answers "why": for each story a member's timeline can tell (never
// suspected, suspected by us and refuted, suspected by another and still counting down,
// declared dead, left, this node itself) and for this node's own health.
#include "timeline_samples.h"
#include "ui/models/why_sentence.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using namespace grapevine::testing;
using K = TimelineKind;

namespace {

// Local clock text of a time given in ms from 0 (the sentence shows local wall time).
QString at(qint64 ms)
{
    return clockText(ms);
}

TimelineEntry health(qint64 timeMs, int before, int after, HealthCause cause, const QString &about)
{
    TimelineEntry e = step(timeMs, K::HealthChanged, "n1", about);
    e.healthBefore = before;
    e.health = after;
    e.cause = cause;
    return e;
}

} // namespace

class TestWhySentence : public QObject {
    Q_OBJECT
private slots:
    void suspectedByUsAndRefutedTellsTheWholeStory()
    {
        QCOMPARE(WhySentence::aboutMember(suspectedAndRefuted(), "n1", 20'000),
                 QStringLiteral("Suspected at %1 because 4 probes went unanswered, including "
                                "indirect probes through n2 and n4 (1 relay could not reach it "
                                "either); 2 of 3 confirmations arrived (from n2 and n4); it "
                                "refuted at incarnation 7 after 1.4 s.")
                     .arg(at(11'000)));
    }

    void suspectedByAnotherCountsDownToItsDeadline()
    {
        const QList<TimelineEntry> entries{
            suspicion(1'000, K::SuspicionRaised, "n3", "n2", 0, 0, 5'000),
        };
        QCOMPARE(WhySentence::aboutMember(entries, "n1", 2'500),
                 QStringLiteral("Suspected at %1 by n2, whose probes went unanswered; it will "
                                "be declared dead at %2 unless it refutes (2.5 s left).")
                     .arg(at(1'000), at(5'000)));
    }

    void deathByOurTimeoutIsSaidSo()
    {
        const QList<TimelineEntry> entries{
            suspicion(1'000, K::SuspicionRaised, "n3", "n2", 0, 1, 7'000),
            withIncarnation(step(7'000, K::DeclaredDead, "n3", "n1"), 1),
        };
        QCOMPARE(WhySentence::aboutMember(entries, "n1", 9'000),
                 QStringLiteral("Suspected at %1 by n2, whose probes went unanswered; 0 of 1 "
                                "confirmations arrived; this node declared it dead at %2, when "
                                "the timeout ran out.")
                     .arg(at(1'000), at(7'000)));
    }

    void deathHeardByGossipThenRejoin()
    {
        const QList<TimelineEntry> entries{
            step(1'000, K::DeclaredDead, "n3", "n2"),
            withIncarnation(step(3'000, K::Rejoined, "n3"), 4),
        };
        QCOMPARE(WhySentence::aboutMember(entries, "n1", 9'000),
                 QStringLiteral("Declared dead at %1 by n2, with no suspicion seen here first; "
                                "it came back at incarnation 4 after 2.0 s.")
                     .arg(at(1'000)));
    }

    void leftIsNotAFailure()
    {
        const QList<TimelineEntry> entries{step(1'000, K::Left, "n3", "n3")};
        QCOMPARE(WhySentence::aboutMember(entries, "n1", 9'000),
                 QStringLiteral("Left the cluster at %1.").arg(at(1'000)));
    }

    void healthyMemberShowsItsAnsweredProbes()
    {
        const QList<TimelineEntry> entries{step(1'000, K::ProbeSent, "n3"), ack(1'001, "n3", 412),
                                           step(3'000, K::ProbeSent, "n3"), ack(3'002, "n3", 1500)};
        QCOMPARE(WhySentence::aboutMember(entries, "n1", 9'000),
                 QStringLiteral("Never suspected: 2 of 2 probes answered, the last in 1.5 ms."));
        QCOMPARE(WhySentence::aboutMember({}, "n1", 9'000),
                 QStringLiteral("Nothing observed yet: this node has not probed it, and nobody "
                                "has accused it."));
    }

    void ownNodeTellsItsRefutations()
    {
        const QList<TimelineEntry> entries{
            withIncarnation(step(1'000, K::Refuted, "n1", "n2"), 2),
            health(1'000, 0, 1, HealthCause::Refuting, "n2"),
            withIncarnation(step(4'000, K::Refuted, "n1", "n3"), 3),
        };
        QCOMPARE(WhySentence::aboutMember(entries, "n1", 9'000),
                 QStringLiteral("This node was suspected 2 times and refuted each; the last at "
                                "%1 (accused by n3), at incarnation 3.")
                     .arg(at(4'000)));
    }

    void healthNamesItsCausesAndWhatKeepsItHigh()
    {
        const QList<TimelineEntry> own{
            health(1'000, 0, 1, HealthCause::ProbeFailed, "n2"),
            health(2'000, 1, 0, HealthCause::ProbeAcked, "n2"),
            health(5'000, 0, 2, HealthCause::MissedNacks, "n3"),
            health(6'000, 2, 3, HealthCause::ProbeFailed, "n3"),
        };
        QCOMPARE(WhySentence::aboutHealth(own, 3, 6'000, 30'000),
                 QStringLiteral("This node's own health score is 3 (0 is healthy), raised since "
                                "%1 by 1 probe that failed with no relay to ask and 2 nacks that "
                                "relays should have sent and did not: the problem may be this "
                                "node, so it waits 4 times longer before suspecting others; "
                                "nothing can lower it, as it has probed nobody since %2.")
                     .arg(at(5'000), at(6'000)));
        QCOMPARE(WhySentence::aboutHealth(own, 0, 6'000, 7'000),
                 QStringLiteral("This node is healthy (Lifeguard score 0): it suspects others "
                                "after the normal timeouts."));
    }
};

QTEST_MAIN(TestWhySentence)
#include "tst_why_sentence.moc"
