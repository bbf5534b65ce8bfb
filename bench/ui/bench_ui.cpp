// bench_ui — the window under load, offscreen: a Feeder thread plays the Node (queued
// signals), a real MainWindow shows it, and a 1 ms timer measures how late the GUI event
// loop runs (its worst stall). Prints one table row per scenario, plus RSS. No assertions.
//
//   bench_ui [--seconds N]      (default 10 s per scenario)
#include "feeder.h"

#include "tests/support/peak_rss.h"
#include "ui/main_window.h"
#include "ui/models/gossip_filter_proxy.h"
#include "ui/models/gossip_log_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <vector>

using namespace grapevine;

namespace {

struct Scenario {
    const char *name;
    bench::Feeder::Rates rates;
    QString filter;
};

struct Stalls {
    double maxBusyMs = 0; // GUI-thread CPU between two probe ticks: our own blocking work
    double maxMs = 0;
    double p99Ms = 0;
    double p999Ms = 0;
};

double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Runs the event loop for `ms`, sampling a 1 ms precise timer's lateness.
Stalls measure(int ms)
{
    std::vector<double> late;
    late.reserve(size_t(ms) + 16);
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    qint64 last = 0;
    double lastCpu = threadCpuMs();
    double maxBusy = 0;
    // Wall-clock lateness includes time the OS gave other processes; the thread's own CPU
    // time between ticks is what this process spent blocking its event loop.
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
    auto at = [&](double q) {
        return late[std::min(late.size() - 1, size_t(q * double(late.size())))];
    };
    return {maxBusy, late.back(), at(0.99), at(0.999)};
}

// CPU seconds used by the calling (GUI) thread: unlike stalls, not inflated by other
// processes competing for the cores.
double threadCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    auto sec = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return sec(usage.ru_utime) + sec(usage.ru_stime);
}

void drain(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Runs one scenario and prints its table row.
void runScenario(const Scenario &s, int seconds, ui::MainWindow &window, bench::Feeder *feeder)
{
    window.logFilter()->setTextFilter(s.filter);
    const qint64 before = window.logModel()->totalAppended();
    const double cpuBefore = threadCpuSeconds();
    QMetaObject::invokeMethod(feeder, [feeder, r = s.rates] { feeder->run(r); });
    const Stalls stalls = measure(seconds * 1000);
    const double cpu = 100.0 * (threadCpuSeconds() - cpuBefore) / seconds;
    QMetaObject::invokeMethod(feeder, [feeder] { feeder->stop(); });
    drain(300);
    const double rate = double(window.logModel()->totalAppended() - before) / seconds;
    std::printf("| %s | %.0f | %d | %.0f | %.1f | %.1f | %.1f | %.2f | %.0f |\n", s.name, rate,
                window.logModel()->rowCount(), cpu, stalls.maxBusyMs, stalls.maxMs, stalls.p999Ms,
                stalls.p99Ms, double(testing::ownRssKb()) / 1024.0);
    std::fflush(stdout);
}

void printHeader(int seconds, int logSize)
{
    double load[3] = {0, 0, 0};
    getloadavg(load, 3);
    std::printf("bench_ui: %d s per scenario, log capacity %d, window 1280x800 offscreen, Qt %s, "
                "%d cores, load average %.1f\n\n",
                seconds, logSize, qVersion(), QThread::idealThreadCount(), load[0]);
    std::printf("| scenario | packets logged/s | log rows | GUI thread CPU %% | max busy ms | "
                "max stall ms | p99.9 ms | p99 ms | RSS MB |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
}

const std::vector<Scenario> kScenarios{
    {"idle window", {0, 0, 0}, {}},
    {"log 5,000 pkt/s", {5000, 0, 0}, {}},
    {"1,000 members, 1,000 upd/s, no log", {0, 1000, 1000}, {}},
    {"log 5,000 pkt/s + 1,000 members, 1,000 upd/s", {5000, 1000, 1000}, {}},
    {"same, log filtered (text \"node-0007\")", {5000, 1000, 1000}, QStringLiteral("node-0007")},
    {"stress: log 20,000 pkt/s + 1,000 members", {20000, 1000, 1000}, {}},
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int seconds =
        args.contains(QStringLiteral("--seconds"))
            ? qMax(1, args.value(args.indexOf(QStringLiteral("--seconds")) + 1).toInt())
            : 10;
    ui::AppSettings settings;
    settings.logSize = ui::GossipLogModel::kDefaultCapacity;
    ui::MainWindow window(settings);
    window.resize(1280, 800);
    window.show();
    window.onStarted(QStringLiteral("node-0000"), QStringLiteral("10.0.0.1:7946"));

    QThread thread;
    auto *feeder = new bench::Feeder;
    feeder->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, feeder, &QObject::deleteLater);
    QObject::connect(feeder, &bench::Feeder::memberChanged, &window,
                     &ui::MainWindow::onMemberChanged);
    QObject::connect(feeder, &bench::Feeder::packetTraced, &window,
                     &ui::MainWindow::onPacketTraced);
    thread.start();
    printHeader(seconds, settings.logSize);
    for (const Scenario &s : kScenarios)
        runScenario(s, seconds, window, feeder);
    thread.quit();
    thread.wait();
    return 0;
}
