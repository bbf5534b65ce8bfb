// bench_lab — the lab window drawing a running simulated cluster, offscreen: for each size,
// a fresh process opens a LabWindow (formed cluster, node n0's panels shown, cells coloured
// by their view of n0) and runs it first at 1× for S seconds, then as fast as possible for
// S seconds. A 1 ms timer on the GUI thread measures its worst stall (the thread's own CPU
// between two ticks — what our code blocked — and the wall-clock lateness, which also holds
// time other processes took). Prints one table row per size. No assertions.
//
//   bench_lab [--seconds S] [--sizes 100,1000,2000]    (one process per size)
//   bench_lab --nodes N [--seconds S]                  (one row, this process)
#include "tests/support/peak_rss.h"
#include "ui/lab/lab_runner.h"
#include "ui/lab/lab_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace grapevine;

namespace {

struct Stalls {
    double maxBusyMs = 0;
    double maxMs = 0;
    double p999Ms = 0;
};

double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Runs the event loop for `ms`, sampling a 1 ms precise timer (as bench_ui does).
Stalls measure(int ms)
{
    std::vector<double> late;
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    qint64 last = 0;
    double lastCpu = threadCpuMs();
    double maxBusy = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const double cpu = threadCpuMs();
        late.push_back(std::max(0.0, double(now - last) / 1e6 - 1.0));
        maxBusy = std::max(maxBusy, cpu - lastCpu);
        last = now;
        lastCpu = cpu;
    });
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    clock.start();
    probe.start();
    loop.exec();
    std::sort(late.begin(), late.end());
    if (late.empty())
        return {};
    return {maxBusy, late.back(), late[std::min(late.size() - 1, size_t(0.999 * late.size()))]};
}

// CPU seconds of the whole process (GUI and lab threads): on a loaded machine the wall
// clock also counts time other processes took, the CPU time does not.
double processCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

void waitFor(const std::function<bool()> &done, int limitMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < limitMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

struct Phase {
    double perWall = 0;  // simulated seconds per wall second
    double perCpu = 0;   // simulated seconds per CPU second of the process
    double cpuShare = 0; // process CPU seconds per wall second
    Stalls stalls;
};

// Runs the clock at `speed` for `seconds` of wall time while the window draws.
Phase runPhase(ui::LabWindow &window, double speed, int seconds)
{
    window.setSpeed(speed);
    window.play();
    const qint64 simBefore = window.lastFrame().nowNs;
    const double cpuBefore = processCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    Phase phase;
    phase.stalls = measure(seconds * 1000);
    const double sim = double(window.lastFrame().nowNs - simBefore) / 1e9;
    const double wallS = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = processCpuSeconds() - cpuBefore;
    phase.perWall = sim / wallS;
    phase.perCpu = cpu > 0 ? sim / cpu : 0;
    phase.cpuShare = cpu / wallS;
    window.pause();
    return phase;
}

int runOne(int nodes, int seconds)
{
    ui::LabWindow window;
    lab::LabSetup setup;
    setup.nodes = nodes;
    QElapsedTimer opening;
    opening.start();
    window.openSetup(setup);
    window.show();
    waitFor([&] { return window.lastFrame().cells.size() == nodes; }, 600'000);
    const double openS = double(opening.elapsed()) / 1000;
    window.selectNode(0);
    waitFor([&] { return false; }, 1000); // the node's panels fill in
    const Phase real = runPhase(window, 1, seconds);
    const Phase fast = runPhase(window, ui::LabRunner::kAsFastAsPossible, seconds);
    std::printf("| %d | %.1f s | %.2f (CPU %.0f %%) | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | "
                "%.0f |\n",
                nodes, openS, real.perWall, real.cpuShare * 100, fast.perWall, fast.perCpu,
                real.stalls.maxBusyMs, real.stalls.maxMs, real.stalls.p999Ms,
                std::max(fast.stalls.maxBusyMs, real.stalls.maxBusyMs),
                double(testing::ownPeakRssKb()) / 1024.0);
    std::fflush(stdout);
    return 0;
}

int argValue(const QStringList &args, const QString &name, int fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int seconds = argValue(args, QStringLiteral("--seconds"), 10);
    if (args.contains(QStringLiteral("--nodes")))
        return runOne(argValue(args, QStringLiteral("--nodes"), 100), seconds);
    const qsizetype sizesAt = args.indexOf(QStringLiteral("--sizes"));
    const QStringList sizes = sizesAt >= 0 && sizesAt + 1 < args.size()
                                  ? args[sizesAt + 1].split(QLatin1Char(','))
                                  : QStringList{"100", "1000", "2000"};
    double load[3] = {0, 0, 0};
    getloadavg(load, 3);
    std::printf("bench_lab: %d s at 1x then %d s as fast as possible per size, window 1500x900 "
                "%s, node n0's panels shown, Qt %s, %d cores, load average %.1f\n\n",
                seconds, seconds, qPrintable(QGuiApplication::platformName()), qVersion(),
                QThread::idealThreadCount(), load[0]);
    std::printf("| nodes | open | sim s / wall s at 1x | fastest: sim s / wall s | "
                "fastest: sim s / CPU s | max GUI busy ms (1x) | max GUI stall ms (1x) | "
                "p99.9 ms (1x) | max GUI busy ms (any) | peak RSS MiB |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    std::fflush(stdout);
    for (const QString &n : sizes) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(
            QCoreApplication::applicationFilePath(),
            {QStringLiteral("--nodes"), n, QStringLiteral("--seconds"), QString::number(seconds)});
        child.waitForFinished(-1);
    }
    return 0;
}
