// main.cpp — bench_footprint: resident memory and CPU time per idle node, grapevine-agent
// beside the Go memberlist peer (tests/interop/goagent), same cluster size and profile, same
// run. Prints a Markdown table (docs/benchmarks.md "Footprint"). Never asserts.
#include "node_process.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Cluster {
    std::unique_ptr<QTemporaryDir> dataDir; // grapevine only: a fresh state folder
    QString label;
    std::vector<std::unique_ptr<NodeProcess>> nodes;
};

bool startCluster(Cluster &cluster, const QString &program, int count, const QString &profile)
{
    for (int i = 0; i < count; ++i) {
        auto node = std::make_unique<NodeProcess>(
            program, QStringLiteral("%1-%2").arg(cluster.label).arg(i));
        QStringList extra{"--profile", profile};
        if (cluster.dataDir)
            extra << "--data-dir" << cluster.dataDir->path();
        if (i > 0)
            extra << "--join" << cluster.nodes.front()->gossipAddress();
        if (!node->start(extra))
            return false;
        cluster.nodes.push_back(std::move(node));
    }
    return waitUntil(
        [&] {
            return QJsonDocument::fromJson(cluster.nodes.back()->get("/v1/members"))
                       .array()
                       .size() == count;
        },
        30000);
}

struct Row {
    QString label;
    double rssMedianMiB = 0, rssMaxMiB = 0, pssMedianMiB = 0, privateMedianMiB = 0,
           cpuPerMinute = 0;
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

Row measure(Cluster &cluster, const std::vector<ProcessUsage> &before, double minutes)
{
    std::vector<double> rss, pss, priv;
    double cpu = 0;
    for (size_t i = 0; i < cluster.nodes.size(); ++i) {
        const ProcessUsage now = cluster.nodes[i]->usage();
        rss.push_back(double(now.rssKb) / 1024.0);
        pss.push_back(double(now.pssKb) / 1024.0);
        priv.push_back(double(now.privateKb) / 1024.0);
        cpu += now.cpuSeconds - before[i].cpuSeconds;
    }
    return Row{cluster.label, median(rss),  *std::max_element(rss.begin(), rss.end()),
               median(pss),   median(priv), cpu / double(rss.size()) / minutes};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Footprint of idle nodes: grapevine-agent vs Go memberlist."));
    parser.addHelpOption();
    parser.addOptions(
        {{"agent", "grapevine-agent binary.", "PATH", QStringLiteral(GRAPEVINE_AGENT_PATH)},
         {"goagent", "Go peer binary.", "PATH", QStringLiteral(GRAPEVINE_GOAGENT_PATH)},
         {"nodes", "Nodes per implementation.", "N", "10"},
         {"profile", "Profile for both.", "NAME", "lan"},
         {"warmup", "Seconds before measuring.", "S", "10"},
         {"seconds", "Measured idle seconds.", "S", "60"}});
    parser.process(app);
    const int count = parser.value("nodes").toInt();
    const QString profile = parser.value("profile");
    std::vector<Cluster> clusters(2);
    clusters[0].label = QStringLiteral("grapevine");
    clusters[0].dataDir = std::make_unique<QTemporaryDir>();
    clusters[1].label = QStringLiteral("go");
    const QStringList programs{parser.value("agent"), parser.value("goagent")};
    for (int c = 0; c < 2; ++c) {
        if (!QFileInfo(programs[c]).isExecutable() ||
            !startCluster(clusters[size_t(c)], programs[c], count, profile)) {
            std::fprintf(stderr, "could not start the %s cluster (%s)\n",
                         qPrintable(clusters[size_t(c)].label), qPrintable(programs[c]));
            return 1;
        }
    }
    waitUntil([] { return false; }, parser.value("warmup").toInt() * 1000);
    std::vector<std::vector<ProcessUsage>> before(2);
    for (int c = 0; c < 2; ++c)
        for (const auto &node : clusters[size_t(c)].nodes)
            before[size_t(c)].push_back(node->usage());
    QElapsedTimer timer;
    timer.start();
    waitUntil([] { return false; }, parser.value("seconds").toInt() * 1000);
    const double minutes = double(timer.elapsed()) / 60000.0;
    std::printf("%d nodes per implementation, profile %s, idle %.1f min after %s s warm-up\n\n",
                count, qPrintable(profile), minutes, qPrintable(parser.value("warmup")));
    std::printf("| implementation | RSS median (MiB) | RSS max (MiB) | PSS median (MiB) | private "
                "median (MiB) | CPU s per node per minute |\n");
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    std::vector<Row> rows;
    for (int c = 0; c < 2; ++c) {
        rows.push_back(measure(clusters[size_t(c)], before[size_t(c)], minutes));
        const Row &row = rows.back();
        std::printf("| %s | %.1f | %.1f | %.1f | %.1f | %.3f |\n", qPrintable(row.label),
                    row.rssMedianMiB, row.rssMaxMiB, row.pssMedianMiB, row.privateMedianMiB,
                    row.cpuPerMinute);
    }
    std::printf("\ngrapevine / go: RSS %.2f, PSS %.2f, private %.2f, CPU %.2f\n",
                rows[0].rssMedianMiB / rows[1].rssMedianMiB,
                rows[0].pssMedianMiB / rows[1].pssMedianMiB,
                rows[0].privateMedianMiB / rows[1].privateMedianMiB,
                rows[1].cpuPerMinute > 0 ? rows[0].cpuPerMinute / rows[1].cpuPerMinute : 0.0);
    for (auto &cluster : clusters)
        for (auto &node : cluster.nodes)
            node->stop();
    return 0;
}
