// The lab's models under QAbstractItemModelTester, fed with a real LabCluster's story:
// the infection tree grows one row per node under the node it heard from, a newer value
// resets it; the action log appends, greys what is ahead of the clock, resets on a new future.
#include "core/lab/lab_cluster.h"
#include "ui/lab/action_log_model.h"
#include "ui/lab/infection_model.h"
#include "ui/lab/lab_snapshots.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using namespace std::chrono_literals;

namespace {

lab::LabAction setValue(lab::NodeId node, std::string text)
{
    lab::LabAction a;
    a.kind = lab::ActionKind::SetValue;
    a.node = node;
    a.text = std::move(text);
    return a;
}

// Every node under its parent: walks the tree and counts rows, checking each child's
// "heard from" names its parent.
int countAndCheck(const InfectionModel &model, const QModelIndex &parent)
{
    int rows = 0;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex node = model.index(r, 0, parent);
        if (parent.isValid() &&
            model.index(r, 1, parent).data().toString() != parent.data().toString())
            return -1000; // a child that did not hear it from its parent
        rows += 1 + countAndCheck(model, node);
    }
    return rows;
}

} // namespace

class TstLabModels : public QObject {
    Q_OBJECT
private slots:
    void infectionTreeGrowsUnderEachSenderAndResetsOnANewerValue()
    {
        InfectionModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        lab::LabScenario s;
        s.setup.nodes = 60;
        lab::LabCluster lab(s);
        lab.runUntil(lab::TimePoint(1s));
        QVERIFY(!lab.perform(setValue(11, "first")));
        // Fed as the window is: a frame every few ms of virtual time while it spreads.
        for (int i = 0; i < 200 && !lab.rumor().completeAt(); ++i) {
            lab.runUntil(lab.now() + 2ms);
            model.setRumor(labRumor(lab.rumor()));
        }
        QVERIFY(lab.rumor().completeAt().has_value());
        QCOMPARE(model.infectionCount(), 60);
        QCOMPARE(model.rowCount(), 1); // everything descends from the origin
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("n11"));
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("origin"));
        QCOMPARE(countAndCheck(model, {}), 60);
        QVERIFY(model.maxHops() >= 1);

        QVERIFY(!lab.perform(setValue(20, "second")));
        lab.runUntil(lab.now() + 3s);
        model.setRumor(labRumor(lab.rumor()));
        QCOMPARE(model.infectionCount(), 60);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("n20"));
    }

    void actionLogAppendsGreysTheFutureAndResets()
    {
        ActionLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setActions({QStringLiteral("1 s  crash n3")}, 1);
        model.setActions({QStringLiteral("1 s  crash n3"), QStringLiteral("2 s  heal")}, 2);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("2 s"));
        QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("heal"));
        QVERIFY(!model.index(1, 1).data(Qt::ForegroundRole).isValid());
        model.setActions({QStringLiteral("1 s  crash n3"), QStringLiteral("2 s  heal")}, 1);
        QVERIFY(model.index(1, 1).data(Qt::ForegroundRole).isValid()); // ahead of the clock
        model.setActions({QStringLiteral("1 s  crash n3"), QStringLiteral("1.5 s  leave n2")}, 2);
        QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("leave n2"));
        model.setActions({}, 0);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TstLabModels)
#include "tst_lab_models.moc"
