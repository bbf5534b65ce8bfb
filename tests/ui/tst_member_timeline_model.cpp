// The member timeline table: one member's steps in order, appends about others ignored, the
// oldest row removed before a new one when full (exact begin/end calls, checked by
// QAbstractItemModelTester), and a kind filter for the health list.
#include "tests/support/model_log.h"
#include "timeline_samples.h"
#include "ui/models/member_timeline_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using namespace grapevine::testing;
using K = TimelineKind;

namespace {

QString cell(const MemberTimelineModel &model, int row, MemberTimelineModel::Column column)
{
    return model.index(row, int(column)).data().toString();
}

} // namespace

class TestMemberTimelineModel : public QObject {
    Q_OBJECT
private slots:
    void showsOneMembersStepsInOrder()
    {
        MemberTimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMember("n3", suspectedAndRefuted());
        QCOMPARE(model.rowCount(), 13);
        QCOMPARE(model.columnCount(), int(MemberTimelineModel::Column::Count));
        QCOMPARE(cell(model, 1, MemberTimelineModel::Column::Step), QStringLiteral("ack"));
        QCOMPARE(cell(model, 1, MemberTimelineModel::Column::Detail),
                 QStringLiteral("direct, round trip 480 µs"));
        QCOMPARE(cell(model, 4, MemberTimelineModel::Column::Peer), QStringLiteral("n2"));
        QCOMPARE(cell(model, 8, MemberTimelineModel::Column::Detail),
                 QStringLiteral("1 of 2 relays sent a nack"));
        QCOMPARE(cell(model, 12, MemberTimelineModel::Column::Step), QStringLiteral("refuted"));
        QCOMPARE(cell(model, 12, MemberTimelineModel::Column::Detail),
                 QStringLiteral("incarnation 7"));
    }

    void appendsOnlyTheShownMember()
    {
        MemberTimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ModelLog log(&model, {ModelEvent::RowsAboutToBeRemoved, ModelEvent::RowsInserted,
                              ModelEvent::Reset});
        model.append(step(1, K::ProbeSent, "n3")); // nobody shown yet
        model.setMember("n3", {});
        model.append(step(2, K::ProbeSent, "n2"));
        model.append(step(3, K::ProbeSent, "n3"));
        model.append(ack(4, "n3", 100));
        QCOMPARE(log.lines, (QStringList{"reset", "ins 0-0", "ins 1-1"}));
        QCOMPARE(model.rowCount(), 2);
    }

    void fullModelRemovesTheOldestRowFirst()
    {
        MemberTimelineModel model(nullptr, 3);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMember("n3", {});
        ModelLog log(&model, {ModelEvent::RowsAboutToBeRemoved, ModelEvent::RowsInserted,
                              ModelEvent::Reset});
        for (qint64 t = 1; t <= 5; ++t)
            model.append(step(t, K::ProbeSent, "n3"));
        QCOMPARE(log.lines, (QStringList{"ins 0-0", "ins 1-1", "ins 2-2", "rm 0-0", "ins 2-2",
                                         "rm 0-0", "ins 2-2"}));
        QCOMPARE(model.entries().first().timeMs, qint64(3));
        model.setMember("n3", suspectedAndRefuted()); // a reset keeps the newest 3
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.entries().last().kind, K::Refuted);
    }

    void kindFilterListsOnlyHealthSteps()
    {
        MemberTimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setKinds({K::HealthChanged});
        TimelineEntry health = step(2, K::HealthChanged, "n1", "n3");
        health.healthBefore = 0;
        health.health = 1;
        health.cause = HealthCause::ProbeFailed;
        model.setMember("n1", {step(1, K::Refuted, "n1", "n2"), health});
        model.append(step(3, K::Refuted, "n1", "n2"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, MemberTimelineModel::Column::Detail),
                 QStringLiteral("score 0 → 1: a probe failed with no relay to ask"));
    }
};

QTEST_MAIN(TestMemberTimelineModel)
#include "tst_member_timeline_model.moc"
