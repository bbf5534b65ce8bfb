// The lab window on the offscreen platform, driven through its own controls: the clock
// steps and runs, a crash / split / heal / value from the controls changes the simulated
// cluster, the selected node's panels show its members, a save writes a scenario that
// parses, a bad file is refused naming the line while the run goes on, and a scrub back
// replays the recording to the chosen time. Waits are bounded waits on conditions.
#include "core/lab/lab_scenario.h"
#include "ui/lab/action_log_model.h"
#include "ui/lab/cluster_glance.h"
#include "ui/lab/infection_model.h"
#include "ui/lab/lab_node_panel.h"
#include "ui/lab/lab_runner.h"
#include "ui/lab/lab_window.h"
#include "ui/lab/reach_chart.h"
#include "ui/models/member_table_model.h"
#include "ui/models/member_timeline_model.h"
#include "ui/widgets/why_panel.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;

namespace {
constexpr int kNodes = 20;
constexpr int kWaitMs = 20000;
// A recorded run whose story is fixed: n5 stalls for 4 s at 2 s, is suspected and refutes.
const QString kStalledN5 = QStringLiteral("grapevine-lab 1\nnodes 8\nseed 3\nprofile lan\n"
                                          "start formed\nuntil 15\nat 2 stall n5 4s\n");
constexpr int kStalledN5Nodes = 8;
} // namespace

class TstLabWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        lab::LabSetup setup;
        setup.nodes = kNodes;
        m_window.openSetup(setup);
        m_window.show();
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells.size(), kNodes, kWaitMs);
    }

    void stepsMoveTheVirtualClock()
    {
        const qint64 before = m_window.lastFrame().nowNs;
        m_window.findChild<QAction *>(QStringLiteral("step100Action"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().nowNs, before + 100'000'000, kWaitMs);
        const quint64 events = m_window.lastFrame().events;
        m_window.findChild<QAction *>(QStringLiteral("stepEventAction"))->trigger();
        QTRY_VERIFY2_WITH_TIMEOUT(m_window.lastFrame().events > events, qPrintable(frameText()),
                                  kWaitMs);
    }

    void playRunsTheClockOnItsOwn()
    {
        const qint64 before = m_window.lastFrame().nowNs;
        m_window.play();
        QTRY_VERIFY2_WITH_TIMEOUT(m_window.lastFrame().nowNs > before + 200'000'000,
                                  qPrintable(frameText()), kWaitMs);
        m_window.pause();
        QTRY_VERIFY2_WITH_TIMEOUT(m_window.lastFrame().paused, qPrintable(frameText()), kWaitMs);
    }

    void crashFromTheControlsTakesTheNodeDown()
    {
        m_window.selectNode(3);
        click(QStringLiteral("crashButton"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells[3].life, CellLife::Crashed, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_window.actionLog()->rowCount(), 1, kWaitMs);
        QVERIFY(m_window.actionLog()->index(0, 1).data().toString().startsWith("crash n3"));
        QVERIFY(m_window.glance()->describe(3).contains(QStringLiteral("crashed")));
    }

    void selectedNodesPanelsShowItsView()
    {
        m_window.selectNode(5);
        QTRY_COMPARE_WITH_TIMEOUT(m_window.nodePanel()->node(), 5, kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window.nodePanel()->panels(), "n5's panels were not built",
                                  kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_window.nodePanel()->panels()->memberModel()->rowCount(), kNodes,
                                  kWaitMs);
        // A bounded speed, not "as fast as possible": on a fast machine the latter runs past
        // the dead state (n3 is reaped 30 s later) between two looks, and leaves the later
        // scrub a long replay. 20x still covers the detection in about a second of wall time.
        m_window.setSpeed(20);
        m_window.play();
        // n5 finds out that n3 crashed, in its own members table.
        QTRY_COMPARE_WITH_TIMEOUT(memberState(QStringLiteral("n3")), MemberState::Dead, kWaitMs);
        m_window.pause();
    }

    void valueFromTheControlsReachesEveryLiveNode()
    {
        m_window.selectNode(1);
        m_window.findChild<QLineEdit *>(QStringLiteral("labValueEdit"))->setText("hello lab");
        click(QStringLiteral("labSetButton"));
        m_window.play();
        QTRY_COMPARE_WITH_TIMEOUT(m_window.infections()->infectionCount(), kNodes - 1, kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window.reachChart()->summary().contains("every live node"),
                                  qPrintable(m_window.reachChart()->summary()), kWaitMs);
        m_window.pause();
        QVERIFY(m_window.lastFrame().cells[7].value == CellValue::Newest);
    }

    void splitAndHealFromTheControls()
    {
        m_window.glance()->setPicked({0, 1, 2, 4});
        click(QStringLiteral("splitButton"));
        QTRY_COMPARE_WITH_TIMEOUT(int(m_window.lastFrame().cells[2].group), 1, kWaitMs);
        QCOMPARE(int(m_window.lastFrame().cells[9].group), 0);
        click(QStringLiteral("healButton"));
        QTRY_COMPARE_WITH_TIMEOUT(int(m_window.lastFrame().cells[2].group), 0, kWaitMs);
    }

    void savedRecordingParsesAndABadFileIsRefused()
    {
        QSignalSpy saved(&m_window, &LabWindow::saved);
        const QString path = m_dir.filePath(QStringLiteral("run.gvlab"));
        m_window.saveFile(path);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, kWaitMs);
        QVERIFY(saved.first().at(1).toBool());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto parsed = lab::parseLabScenario(file.readAll().toStdString());
        QVERIFY(std::holds_alternative<lab::LabScenario>(parsed));
        QCOMPARE(std::get<lab::LabScenario>(parsed).actions.size(), 4u);

        const QString bad = m_dir.filePath(QStringLiteral("bad.gvlab"));
        QFile out(bad);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("grapevine-lab 7\nnodes 10\n");
        out.close();
        QString error;
        QVERIFY(!m_window.openFile(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("line 1")) && error.contains("newer"),
                 qPrintable(error));
        // Nothing running is lost: the same cluster, the same recording, still running.
        const qint64 before = m_window.lastFrame().nowNs;
        m_window.findChild<QAction *>(QStringLiteral("step100Action"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().nowNs, before + 100'000'000, kWaitMs);
        QCOMPARE(m_window.lastFrame().cells.size(), kNodes);
        QCOMPARE(m_window.actionLog()->rowCount(), 4);
    }

    void scrubBackReplaysToThatTime()
    {
        const quint64 hashNow = m_window.lastFrame().traceHash;
        const qint64 now = m_window.lastFrame().nowNs;
        m_window.command([](LabRunner *runner) { runner->seek(1'000'000); });
        QTRY_VERIFY2_WITH_TIMEOUT(m_window.lastFrame().nowNs == 1'000'000 &&
                                      m_window.lastFrame().seeking.isEmpty(),
                                  qPrintable(frameText()), kWaitMs);
        QCOMPARE(m_window.lastFrame().cells[3].life, CellLife::Up); // before the crash
        m_window.command([now](LabRunner *runner) { runner->seek(now); });
        QTRY_VERIFY2_WITH_TIMEOUT(m_window.lastFrame().nowNs == now &&
                                      m_window.lastFrame().seeking.isEmpty(),
                                  qPrintable(frameText()), kWaitMs);
        QCOMPARE(m_window.lastFrame().traceHash, hashNow); // bit-exact replay
        QCOMPARE(m_window.lastFrame().cells[3].life, CellLife::Crashed);
    }

    void linkOverrideFromTheControlsCarriesJitter()
    {
        m_window.findChild<QSpinBox *>(QStringLiteral("linkA"))->setValue(2);
        m_window.findChild<QSpinBox *>(QStringLiteral("linkB"))->setValue(9);
        m_window.findChild<QDoubleSpinBox *>(QStringLiteral("linkLatencySpin"))->setValue(20);
        m_window.findChild<QDoubleSpinBox *>(QStringLiteral("linkJitterSpin"))->setValue(3);
        const int rows = m_window.actionLog()->rowCount();
        click(QStringLiteral("overrideLink"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window.actionLog()->rowCount(), rows + 1, kWaitMs);
        const QString text = m_window.actionLog()->index(rows, 1).data().toString();
        QVERIFY2(text.contains(QStringLiteral("link n2 n9")) &&
                     text.contains(QStringLiteral("latency=20ms jitter=3ms")),
                 qPrintable(text));
    }

    // The Rumor tab tells the newest membership rumor about the chosen member too. On a run
    // of its own (the recorded stall of n5 for 4 s at 2 s, 8 nodes, seed 3, as below), chosen
    // before the clock moves: on the run the tests above leave, at whatever time their plays
    // stopped, a 4 s stall need not be noticed at all (once, no node probed n12 in time, and
    // the newest rumor was the rest of an older refutation).
    void membershipRumorOfTheChosenMember()
    {
        QString error;
        QVERIFY2(m_window.openScenario(kStalledN5, QStringLiteral("rumor"), &error),
                 qPrintable(error));
        m_window.findChild<QSpinBox *>(QStringLiteral("subjectSpin"))->setValue(5);
        m_window.command([](LabRunner *runner) { runner->stepBy(10'000'000'000); });
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().nowNs, 10'000'000'000, kWaitMs);
        auto *story = m_window.findChild<QComboBox *>(QStringLiteral("storyCombo"));
        QVERIFY(story);
        story->setCurrentIndex(1);
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_window.reachChart()->summary().contains(QStringLiteral("n5 alive at incarnation")),
            qPrintable(m_window.reachChart()->summary()), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_window.infections()->infectionCount(), kStalledN5Nodes,
                                  kWaitMs); // n5's refutation, then every other node
        const QModelIndex origin = m_window.infections()->index(0, 0);
        QCOMPARE(origin.data().toString(), QStringLiteral("n5"));
        QCOMPARE(m_window.infections()->headerData(3, Qt::Horizontal).toString(),
                 QStringLiteral("After it began"));
        story->setCurrentIndex(0); // back to the value's story
        QTRY_VERIFY2_WITH_TIMEOUT(!m_window.reachChart()->summary().contains(QStringLiteral("n5")),
                                  qPrintable(m_window.reachChart()->summary()), kWaitMs);
    }

    // The selected node's "Why?" dock reads its own observations. Last, on a run of its
    // own (a recorded stall of n5 for 4 s at 2 s, 8 nodes, seed 3; n0 selected before the
    // clock moves), so what it sees does not depend on how far the play above ran: n5 is
    // suspected and refutes at 6 s, and the sentence over its timeline says so.
    void selectedNodesWhyDockExplainsAStalledMember()
    {
        QString error;
        QVERIFY2(m_window.openScenario(kStalledN5, QStringLiteral("why"), &error),
                 qPrintable(error));
        m_window.selectNode(0);
        m_window.command([](LabRunner *runner) { runner->stepBy(8'000'000'000); });
        QTRY_VERIFY_WITH_TIMEOUT(m_window.lastFrame().nowNs == 8'000'000'000 &&
                                     m_window.nodePanel()->node() == 0 &&
                                     m_window.nodePanel()->panels(),
                                 kWaitMs);
        MainWindow *panels = m_window.nodePanel()->panels();
        auto *table = panels->findChild<QTableView *>(QStringLiteral("memberTable"));
        QVERIFY(table);
        QModelIndexList rows;
        QTRY_VERIFY_WITH_TIMEOUT(
            (rows = table->model()->match(table->model()->index(0, 0), Qt::DisplayRole,
                                          QStringLiteral("n5"), 1, Qt::MatchExactly))
                    .size() == 1,
            kWaitMs);
        table->setCurrentIndex(rows.first());
        WhyPanel *why = panels->whyPanel();
        QCOMPARE(why->member(), QStringLiteral("n5"));
        QTRY_VERIFY2_WITH_TIMEOUT(why->sentence().contains(QStringLiteral("refuted")),
                                  qPrintable(why->sentence()), kWaitMs);
        QVERIFY2(why->sentence().startsWith(QStringLiteral("Suspected at 00:00:03")),
                 qPrintable(why->sentence()));
        QVERIFY(why->timelineModel()->rowCount() > 0);
    }

private:
    void click(const QString &name)
    {
        auto *button = m_window.findChild<QPushButton *>(name);
        QVERIFY2(button, qPrintable(name));
        QVERIFY2(button->isEnabled(), qPrintable(name));
        button->click();
    }

    // What a failed wait on the simulation saw.
    QString frameText() const
    {
        const LabFrame &f = m_window.lastFrame();
        return QStringLiteral("frame at %1 ns, %2 events, paused %3, seeking '%4'")
            .arg(f.nowNs)
            .arg(f.events)
            .arg(f.paused)
            .arg(f.seeking);
    }

    MemberState memberState(const QString &name) const
    {
        const MemberTableModel *model = m_window.nodePanel()->panels()->memberModel();
        const int row = model->rowOf(name);
        return row < 0 ? MemberState::Left : model->memberAt(row).state;
    }

    QTemporaryDir m_dir;
    LabWindow m_window;
};

QTEST_MAIN(TstLabWindow)
#include "tst_lab_window.moc"
