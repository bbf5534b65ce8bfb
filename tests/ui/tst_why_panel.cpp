// The "why" panel: selecting a member shows its timeline with the sentence above it, new
// steps about it arrive live, the charts draw the same entries, and this node's own health
// tab explains its score. Fed with value types only, as the window and the lab feed it.
#include "timeline_samples.h"
#include "ui/models/member_timeline_model.h"
#include "ui/models/why_sentence.h"
#include "ui/widgets/timeline_chart.h"
#include "ui/widgets/why_panel.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QTabWidget>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using namespace grapevine::testing;
using K = TimelineKind;

namespace {

constexpr qint64 kNow = 20'000;

void feed(WhyPanel &panel, const QList<TimelineEntry> &entries)
{
    for (const TimelineEntry &e : entries)
        panel.addEntry(e);
}

QLineSeries *seriesNamed(QChartView *view, const QString &name)
{
    for (QAbstractSeries *s : view->chart()->series())
        if (s->name() == name)
            return qobject_cast<QLineSeries *>(s);
    return nullptr;
}

} // namespace

class TestWhyPanel : public QObject {
    Q_OBJECT
private slots:
    // Selecting this node itself before anything happened: it is never probed by itself,
    // so the sentence must not read like a missing probe (issue #17, tried as a user).
    void ownRowSaysNothingNeededRefutingRatherThanNotProbed()
    {
        WhyPanel panel;
        panel.setSelf("n1");
        panel.showMember("n1");
        QVERIFY2(panel.sentence().startsWith("This node: nobody has suspected it"),
                 qPrintable(panel.sentence()));
    }
    void selectingAMemberExplainsIt()
    {
        WhyPanel panel;
        panel.setClock([] { return kNow; });
        panel.setSelf("n1");
        feed(panel, suspectedAndRefuted());
        panel.showMember("n3");
        QCOMPARE(panel.sentence(), WhySentence::aboutMember(suspectedAndRefuted(), "n1", kNow));
        QVERIFY(panel.sentence().contains("refuted at incarnation 7 after 1.4 s"));
        QCOMPARE(panel.timelineModel()->rowCount(), 13);
        auto *chart = panel.findChild<TimelineChart *>();
        QVERIFY(chart);
        QLineSeries *countdown = seriesNamed(chart->view(), "suspicion: seconds left");
        QVERIFY(countdown);
        QCOMPARE(countdown->count(), 8);
    }

    void newStepsAboutTheShownMemberArriveLive()
    {
        WhyPanel panel;
        panel.setClock([] { return kNow; });
        panel.setSelf("n1");
        panel.showMember("n3");
        QVERIFY(panel.sentence().startsWith("Nothing observed yet"));
        panel.addEntry(suspicion(19'000, K::SuspicionRaised, "n3", "n2", 0, 0, 23'000));
        panel.addEntry(step(19'100, K::ProbeSent, "n2")); // about someone else
        QCOMPARE(panel.timelineModel()->rowCount(), 1);
        panel.refresh();
        QVERIFY(panel.sentence().contains("(3.0 s left)"));
    }

    void healthTabNamesTheCauses()
    {
        WhyPanel panel;
        panel.setClock([] { return kNow; });
        panel.setSelf("n1");
        TimelineEntry rise = step(5'000, K::HealthChanged, "n1", "n3");
        rise.healthBefore = 0;
        rise.health = 1;
        rise.cause = HealthCause::ProbeFailed;
        panel.addEntry(step(4'000, K::ProbeSent, "n3"));
        panel.addEntry(rise);
        panel.tabs()->setCurrentIndex(3);
        QVERIFY(panel.healthSentence().contains("raised since"));
        QVERIFY(panel.healthSentence().contains("1 probe that failed with no relay to ask"));
        QVERIFY(panel.healthSentence().contains("probed nobody since"));
        QCOMPARE(panel.healthModel()->rowCount(), 1);
    }
};

QTEST_MAIN(TestWhyPanel)
#include "tst_why_panel.moc"
