// The lab window on a real X server (Xvfb, with openbox as the window manager) driven by
// real input events from xdotool: pick a node by clicking its cell, crash it, stall another,
// drag a rubber band over cells and split them off, heal, type a value and press Enter,
// then look at the rumor's story, and at why a stalled member was suspected (the selected
// node's "Why?" dock). Screenshots of each stage land in this build folder.
// xdotool or openbox missing is a failure (the e2e cannot run), never a skip.
#include "ui/lab/cluster_glance.h"
#include "ui/lab/infection_model.h"
#include "ui/lab/lab_node_panel.h"
#include "ui/lab/lab_runner.h"
#include "ui/lab/lab_window.h"
#include "ui/lab/reach_chart.h"
#include "ui/main_window.h"
#include "ui/widgets/why_panel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;

namespace {
constexpr int kNodes = 40;
constexpr int kWaitMs = 30000;
} // namespace

class TstLabE2e : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("xdotool")).isEmpty(),
                 "xdotool is needed for real input events (scripts/deps.sh installs it)");
        QVERIFY2(QGuiApplication::platformName() == QLatin1String("xcb"),
                 "needs a real X server (run under xvfb-run)");
        const QString openbox = QStandardPaths::findExecutable(QStringLiteral("openbox"));
        QVERIFY2(!openbox.isEmpty(), "openbox is needed as the window manager");
        m_wm.start(openbox, {});
        QVERIFY(m_wm.waitForStarted());
        lab::LabSetup setup;
        setup.nodes = kNodes;
        m_window.openSetup(setup);
        m_window.resize(1500, 900);
        m_window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_window));
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells.size(), kNodes, kWaitMs);
    }

    void clickingACellShowsThatNodesPanels()
    {
        // The first click of a run can land while openbox, started a moment ago, is still
        // taking the window over (seen under ThreadSanitizer, where start-up is slow): the
        // click is lost, not misread. So it is repeated, once a second, until it takes.
        for (int attempt = 0; attempt < 5 && m_window.nodePanel()->node() != 3; ++attempt) {
            clickCell(3);
            (void)QTest::qWaitFor([&] { return m_window.nodePanel()->node() == 3; }, 1000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_window.nodePanel()->node(), 3, kWaitMs);
    }

    void crashButtonCrashesIt()
    {
        clickWidget(button(QStringLiteral("crashButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells[3].life, CellLife::Crashed, kWaitMs);
    }

    void stallButtonStallsAnother()
    {
        clickCell(6);
        QTRY_COMPARE_WITH_TIMEOUT(m_window.nodePanel()->node(), 6, kWaitMs);
        clickWidget(button(QStringLiteral("stallButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells[6].life, CellLife::Stalled, kWaitMs);
        m_window.setSpeed(4);
        m_window.play();
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells[6].life, CellLife::Up, kWaitMs);
        screenshot("1-crash-and-stall");
    }

    void dragOverCellsAndSplitThemOff()
    {
        ClusterGlance *glance = m_window.glance();
        const QPoint from = glance->mapToGlobal(glance->cellRect(10).topLeft() + QPoint(2, 2));
        const QPoint to = glance->mapToGlobal(glance->cellRect(19).center());
        xdotool({"mousemove", QString::number(from.x()), QString::number(from.y()), "mousedown",
                 "1", "mousemove", QString::number(from.x() + 5), QString::number(from.y() + 5),
                 "mousemove", QString::number(to.x()), QString::number(to.y()), "mouseup", "1"});
        QTRY_VERIFY2_WITH_TIMEOUT(
            glance->picked().size() >= 5,
            qPrintable(QStringLiteral("%1 cells picked").arg(glance->picked().size())), kWaitMs);
        QVERIFY(glance->picked().contains(10) && glance->picked().contains(19));
        clickWidget(button(QStringLiteral("splitButton")));
        QTRY_COMPARE_WITH_TIMEOUT(int(m_window.lastFrame().cells[10].group), 1, kWaitMs);
        QCOMPARE(int(m_window.lastFrame().cells[30].group), 0);
        // Cells coloured by each node's view of n10: the other side loses it.
        m_window.findChild<QComboBox *>(QStringLiteral("modeCombo"))->setCurrentIndex(1);
        m_window.command([](LabRunner *runner) { runner->setSubject(10); });
        m_window.setSpeed(LabRunner::kAsFastAsPossible);
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells[30].view, CellView::Dead, kWaitMs);
        m_window.pause();
        screenshot("2-partition");
    }

    void healButtonJoinsTheSides()
    {
        clickWidget(button(QStringLiteral("healButton")));
        QTRY_COMPARE_WITH_TIMEOUT(int(m_window.lastFrame().cells[10].group), 0, kWaitMs);
        m_window.play();
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells[30].view, CellView::Alive, kWaitMs);
        m_window.pause();
    }

    void typedValueSpreadsToEveryLiveNode()
    {
        clickCell(1);
        QTRY_COMPARE_WITH_TIMEOUT(m_window.nodePanel()->node(), 1, kWaitMs);
        m_window.findChild<QComboBox *>(QStringLiteral("modeCombo"))->setCurrentIndex(0);
        clickWidget(m_window.findChild<QLineEdit *>(QStringLiteral("labValueEdit")));
        xdotool({"type", "--delay", "20", "hello from e2e"});
        xdotool({"key", "Return"});
        m_window.setSpeed(1);
        m_window.play();
        QTRY_COMPARE_WITH_TIMEOUT(m_window.infections()->infectionCount(), kNodes - 1, kWaitMs);
        QCOMPARE(m_window.reachChart()->summary().contains("hello from e2e"), true);
        screenshot("3-value");
        auto *tabs = m_window.findChild<QTabWidget *>(QStringLiteral("labTabs"));
        const QRect rumorTab = tabs->tabBar()->tabRect(1);
        clickAt(tabs->tabBar()->mapToGlobal(rumorTab.center()));
        QTRY_COMPARE_WITH_TIMEOUT(tabs->currentIndex(), 1, kWaitMs);
        QTest::qWait(300); // let the tab paint before the picture
        screenshot("4-rumor");
        m_window.pause();
    }

    // "Why?" for a simulated member: n14 stalls, n12 (selected before, so it watches from
    // the start) suspects it and sees it refute; clicking n14 in n12's members table
    // shows its timeline and the sentence (lab-5-why.png). A 5 s stall goes unnoticed when
    // no member happens to probe n14 during it (39 probers at about one probe a second in
    // all: roughly 1 stall in 100); then n14 is stalled again, at most three times.
    void whyDockExplainsAStalledMember()
    {
        auto *tabs = m_window.findChild<QTabWidget *>(QStringLiteral("labTabs"));
        clickAt(tabs->tabBar()->mapToGlobal(tabs->tabBar()->tabRect(0).center())); // Controls
        QTRY_COMPARE_WITH_TIMEOUT(tabs->currentIndex(), 0, kWaitMs);
        qint64 stalledAtS = 0;
        WhyPanel *why = nullptr;
        for (int attempt = 1; attempt <= 3; ++attempt) {
            stallAndAskWhy(14, 12, &stalledAtS);
            if (QTest::currentTestFailed())
                return;
            why = m_window.nodePanel()->panels()->whyPanel();
            if (!why->sentence().startsWith(QStringLiteral("Nothing observed yet")))
                break;
            qWarning("attempt %d: no member noticed n14's stall; stalling it again", attempt);
        }
        QTRY_VERIFY2_WITH_TIMEOUT(why->sentence().contains(QStringLiteral("refuted")),
                                  qPrintable(why->sentence()), kWaitMs);
        // The time is virtual (since the run began), after the stall and before the pause;
        // how much virtual time the earlier steps took depends on the machine's speed.
        const qint64 suspectedAtS = virtualSeconds(why->sentence());
        const qint64 pausedAtS = m_window.lastFrame().nowNs / 1'000'000'000;
        QVERIFY2(suspectedAtS >= stalledAtS && suspectedAtS <= pausedAtS,
                 qPrintable(QStringLiteral("stalled at %1 s, paused at %2 s: %3")
                                .arg(QString::number(stalledAtS), QString::number(pausedAtS),
                                     why->sentence())));
        QTest::qWait(1200); // the charts redraw on their 1 s tick
        screenshot("5-why");
        const QString path = QStringLiteral(E2E_OUTPUT_DIR "/lab-5-why-panel.png");
        QVERIFY(m_window.nodePanel()->grab().save(path));
        std::fprintf(stderr, "screenshot: %s\n", qPrintable(path));
    }

    void cleanupTestCase()
    {
        m_wm.terminate();
        m_wm.waitForFinished(3000);
    }

private:
    QPushButton *button(const QString &name)
    {
        auto *b = m_window.findChild<QPushButton *>(name);
        return b && b->isEnabled() ? b : nullptr;
    }

    void xdotool(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral("xdotool"), args);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
    }

    void clickAt(QPoint global)
    {
        xdotool(
            {"mousemove", QString::number(global.x()), QString::number(global.y()), "click", "1"});
    }

    void clickWidget(QWidget *widget)
    {
        QVERIFY(widget);
        clickAt(widget->mapToGlobal(widget->rect().center()));
    }

    void clickCell(int node)
    {
        ClusterGlance *glance = m_window.glance();
        clickAt(glance->mapToGlobal(glance->cellRect(node).center()));
    }

    // Stalls `stalled` for the Controls' 5 s and selects `watcher` while the lab is paused (so
    // it watches from the start), plays until the stall is over and 3 more virtual seconds
    // have passed (time for the suspicion and the refutation to reach the watcher, however
    // slowly a loaded machine runs the lab: 1.5 s of wall time once was not), pauses, and
    // clicks `stalled` in the watcher's member table.
    void stallAndAskWhy(int stalled, int watcher, qint64 *stalledAtS)
    {
        clickCell(stalled);
        QTRY_COMPARE_WITH_TIMEOUT(m_window.nodePanel()->node(), stalled, kWaitMs);
        clickWidget(button(QStringLiteral("stallButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells[stalled].life, CellLife::Stalled,
                                  kWaitMs);
        *stalledAtS = m_window.lastFrame().nowNs / 1'000'000'000;
        clickCell(watcher);
        QTRY_COMPARE_WITH_TIMEOUT(m_window.nodePanel()->node(), watcher, kWaitMs);
        m_window.setSpeed(4);
        m_window.play();
        QTRY_COMPARE_WITH_TIMEOUT(m_window.lastFrame().cells[stalled].life, CellLife::Up, kWaitMs);
        const qint64 upAtNs = m_window.lastFrame().nowNs;
        QTRY_VERIFY_WITH_TIMEOUT(m_window.lastFrame().nowNs >= upAtNs + 3'000'000'000, kWaitMs);
        m_window.pause();
        MainWindow *panels = m_window.nodePanel()->panels();
        auto *table = panels->findChild<QTableView *>(QStringLiteral("memberTable"));
        QVERIFY(table);
        const QString name = QStringLiteral("n%1").arg(stalled);
        const QModelIndexList rows = table->model()->match(
            table->model()->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly);
        QCOMPARE(rows.size(), 1);
        table->scrollTo(rows.first());
        QTest::qWait(100);
        clickAt(table->viewport()->mapToGlobal(table->visualRect(rows.first()).center()));
        QTRY_COMPARE_WITH_TIMEOUT(panels->whyPanel()->member(), name, kWaitMs);
    }

    // "Suspected at 00:01:06 by …" → 66; -1 when the sentence does not start so.
    static qint64 virtualSeconds(const QString &sentence)
    {
        static const QRegularExpression at(
            QStringLiteral("^Suspected at (\\d\\d):(\\d\\d):(\\d\\d) "));
        const QRegularExpressionMatch m = at.match(sentence);
        if (!m.hasMatch())
            return -1;
        return m.captured(1).toLongLong() * 3600 + m.captured(2).toLongLong() * 60 +
               m.captured(3).toLongLong();
    }

    void screenshot(const char *stage)
    {
        const QString path = QStringLiteral(E2E_OUTPUT_DIR "/lab-%1.png").arg(stage);
        QVERIFY(m_window.grab().save(path));
        std::fprintf(stderr, "screenshot: %s\n", qPrintable(path));
    }

    QProcess m_wm;
    LabWindow m_window;
};

QTEST_MAIN(TstLabE2e)
#include "tst_lab_e2e.moc"
