// bench_capture_open — issue 19's "a 1 GB capture opens with a progress bar and cancel,
// memory stays bounded, and filtering stays interactive", measured. Writes a realistic
// capture of a memberlist cluster (gossip_capture_writer.h) to a temporary folder, opens it
// with the loader the capture window uses (CaptureLoader, run here in the main thread), and
// prints one table: file size, packets, load time, peak RSS of the load (VmHWM, reset
// before it), rows kept, membership changes, a scrub (membersAt), the time the log's filter
// proxy takes to apply a text filter over the window's rows and over every kept row, and a
// reload keeping rows from mid-capture ("Log from here"). Prints; never asserts.
//
//   bench_capture_open [--size-mb 1024] [--nodes 500] [--from-fraction 0.5] [--keep DIR]
#include "gossip_capture_writer.h"

#include "tests/support/peak_rss.h"
#include "ui/capture/capture_loader.h"
#include "ui/models/gossip_filter_proxy.h"
#include "ui/models/gossip_log_model.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <cstdio>
#include <filesystem>

using namespace grapevine;

namespace {

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

std::shared_ptr<const ui::CapturePlayback> load(const QString &path, qint64 fromNs)
{
    ui::CaptureLoader loader(path, {}, fromNs);
    std::shared_ptr<const ui::CapturePlayback> result;
    QObject::connect(&loader, &ui::CaptureLoader::loaded, &loader,
                     [&](std::shared_ptr<const ui::CapturePlayback> p) { result = std::move(p); });
    QObject::connect(&loader, &ui::CaptureLoader::failed, &loader, [](const QString &reason) {
        std::fprintf(stderr, "load failed: %s\n", qPrintable(reason));
    });
    loader.load();
    return result;
}

// Milliseconds for the log's proxy to apply `text` over a log holding `rows` kept packets.
double filterMs(const ui::CapturePlayback &playback, int rows, const QString &text, int *matched)
{
    ui::GossipLogModel log(rows);
    const auto &packets = playback.packets();
    for (std::size_t i = packets.size() - std::min(packets.size(), std::size_t(rows));
         i < packets.size(); ++i)
        log.append(packets[i]);
    log.flush();
    ui::GossipFilterProxy proxy;
    proxy.setSourceModel(&log);
    QElapsedTimer timer;
    timer.start();
    proxy.setTextFilter(text);
    *matched = proxy.rowCount();
    return msSince(timer);
}

void row(const char *what, const QString &value)
{
    std::printf("| %-44s | %20s |\n", what, qPrintable(value));
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv); // models only; no window is shown
    QCommandLineParser parser;
    parser.addOptions({{"size-mb", "Capture size to write (MiB).", "MB", "1024"},
                       {"nodes", "Cluster size.", "N", "500"},
                       {"from-fraction", "Also load the log from this point (0..1).", "F", "0.5"},
                       {"keep", "Write the capture into DIR and keep it.", "DIR"}});
    parser.process(app);
    QTemporaryDir temp;
    const QString dir = parser.isSet("keep") ? parser.value("keep") : temp.path();
    const QString path = dir + QStringLiteral("/gossip.pcapng");
    const std::uint64_t target = parser.value("size-mb").toULongLong() << 20;

    QElapsedTimer timer;
    timer.start();
    bench::GossipCaptureWriter writer(parser.value("nodes").toInt(), 19);
    auto written = writer.write(path.toStdString(), target);
    if (!written) {
        std::fprintf(stderr, "%s\n", written.error().message.c_str());
        return 1;
    }
    const double writeMs = msSince(timer);

    testing::resetOwnPeakRss(); // the writer's peak does not count
    const double baseRss = double(testing::ownPeakRssKb()) / 1024.0;
    timer.restart();
    auto playback = load(path, 0);
    const double loadMs = msSince(timer);
    const double loadRss = double(testing::ownPeakRssKb()) / 1024.0;
    if (!playback)
        return 1;

    timer.restart();
    const QList<MemberSnapshot> mid =
        playback->membersAt((playback->startNs() + playback->endNs()) / 2);
    const double scrubMs = msSince(timer);

    int matchedWindow = 0;
    int matchedKept = 0;
    const QString text = QStringLiteral("node-0042");
    const double filterWindowMs =
        filterMs(*playback, ui::GossipLogModel::kDefaultCapacity, text, &matchedWindow);
    const double filterKeptMs =
        filterMs(*playback, int(playback->packets().size()), text, &matchedKept);

    const double fraction = parser.value("from-fraction").toDouble();
    const qint64 fromNs =
        playback->startNs() + qint64(double(playback->endNs() - playback->startNs()) * fraction);
    testing::resetOwnPeakRss(); // the window holds its playback while the reload builds the next
                                // one
    timer.restart();
    auto later = load(path, fromNs);
    const double reloadMs = msSince(timer);
    const double reloadRss = double(testing::ownPeakRssKb()) / 1024.0;

    std::printf("| %-44s | %20s |\n|%s|%s|\n", "bench_capture_open", "",
                std::string(46, '-').c_str(), std::string(22, '-').c_str());
    row("capture file size (MiB)",
        QString::number(double(std::filesystem::file_size(path.toStdString())) / 1048576.0, 'f',
                        1));
    row("nodes / TCP connections (never closed)", QStringLiteral("%1 / %2 (%3)")
                                                      .arg(parser.value("nodes"))
                                                      .arg(written->tcpConnections)
                                                      .arg(written->unclosedConnections));
    row("frames written", QString::number(written->packets));
    row("write time (s)", QString::number(writeMs / 1000, 'f', 1));
    row("records decoded (packets + stream frames)", QString::number(playback->packetsSeen()));
    row("load time (s)", QString::number(loadMs / 1000, 'f', 1));
    row("load throughput (MiB/s)", QString::number(double(target >> 20) / (loadMs / 1000), 'f', 0));
    row("RSS before load / peak during load (MiB)",
        QStringLiteral("%1 / %2").arg(baseRss, 0, 'f', 0).arg(loadRss, 0, 'f', 0));
    row("rows kept / their estimated size (MiB)",
        QStringLiteral("%1 / %2")
            .arg(playback->packets().size())
            .arg(double(playback->keptBytes()) / 1048576.0, 0, 'f', 0));
    row("membership changes", QString::number(playback->memberChangeCount()));
    row("members at mid-capture / scrub there (ms)",
        QStringLiteral("%1 / %2").arg(mid.size()).arg(scrubMs, 0, 'f', 1));
    row("text filter, window log 10,000 rows (ms)",
        QStringLiteral("%1 (%2 match)").arg(filterWindowMs, 0, 'f', 1).arg(matchedWindow));
    row("text filter, all kept rows (ms)",
        QStringLiteral("%1 (%2 match)").arg(filterKeptMs, 0, 'f', 1).arg(matchedKept));
    if (later) {
        row("reload from mid-capture (s) / rows kept",
            QStringLiteral("%1 / %2–%3")
                .arg(reloadMs / 1000, 0, 'f', 1)
                .arg(later->firstKeptIndex() + 1)
                .arg(later->firstKeptIndex() + later->packets().size()));
        row("peak RSS during the reload (MiB)", QString::number(reloadRss, 'f', 0));
    }
    return 0;
}
