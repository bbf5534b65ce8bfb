// What the timeline chart draws: the suspicion countdown as the countdown it is (up to the
// whole timeout at the suspicion, down one second per second, a drop at each confirmation,
// back to 0 at the refutation), round trips, and the health score as a step line.
#include "timeline_samples.h"
#include "ui/models/timeline_series.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using namespace grapevine::testing;
using K = TimelineKind;

class TestTimelineSeries : public QObject {
    Q_OBJECT
private slots:
    void countdownShrinksAtEachConfirmationAndEndsAtTheRefutation()
    {
        // Raised at 11 s with 24 s to go; confirmed at 11.5 s (deadline 25 s) and 12 s
        // (deadline 19 s); refuted at 12.4 s.
        QCOMPARE(TimelineSeries::countdown(suspectedAndRefuted(), 20'000),
                 (QList<QPointF>{{11'000, 0},
                                 {11'000, 24},
                                 {11'500, 23.5},
                                 {11'500, 13.5},
                                 {12'000, 13},
                                 {12'000, 7},
                                 {12'400, 6.6},
                                 {12'400, 0}}));
    }

    void runningCountdownEndsAtNow()
    {
        const QList<TimelineEntry> entries{
            suspicion(1'000, K::SuspicionRaised, "n3", "n2", 0, 0, 5'000)};
        QCOMPARE(TimelineSeries::countdown(entries, 2'000),
                 (QList<QPointF>{{1'000, 0}, {1'000, 4}, {2'000, 3}}));
        QCOMPARE(TimelineSeries::countdown(entries, 9'000),
                 (QList<QPointF>{{1'000, 0}, {1'000, 4}, {5'000, 0}}));
    }

    void roundTripsAreAckedProbesInMilliseconds()
    {
        QCOMPARE(TimelineSeries::rtt(suspectedAndRefuted()), (QList<QPointF>{{5'001, 0.48}}));
    }

    void healthIsAStepLineToNow()
    {
        TimelineEntry up = step(1'000, K::HealthChanged, "n1");
        up.healthBefore = 0;
        up.health = 2;
        QCOMPARE(TimelineSeries::health({up}, 2, 4'000),
                 (QList<QPointF>{{1'000, 0}, {1'000, 2}, {4'000, 2}}));
    }
};

QTEST_MAIN(TestTimelineSeries)
#include "tst_timeline_series.moc"
