// main.cpp — bench_convergence: how fast a value set on one node is applied by every other
// node, grapevine-agent versus the Go memberlist peer in relay mode (the "relaying version" of
// the classic example). A set on node 0 every interval for R rounds; per-node apply time is
// the node's "value" event time minus the setter's (same host, same wall clock). A miss is a
// node that has not applied a round's value before the next set. Prints a Markdown table
// (docs/benchmarks.md "Value convergence"). Never asserts.
#include "node_process.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct RunResult {
    std::vector<double> latenciesMs;
    std::vector<double> completionMs; // per set that reached every node
    int misses = 0;
    int incompleteSets = 0;
    int samples = 0;
    bool ok = false;
};

struct Run {
    QString label;
    QString program;
    QStringList extra;
    int nodes = 0;
    std::shared_ptr<QTemporaryDir> dataDir; // grapevine only (the Go peer keeps no state)
};

double percentile(const std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const size_t rank = size_t(std::max(0.0, std::ceil(p * double(sorted.size())) - 1));
    return sorted[std::min(rank, sorted.size() - 1)];
}

// seen[value][node index] = event time (Unix ns) of the node's first apply of that value.
using Seen = QHash<QString, QHash<int, qint64>>;

bool startNodes(const Run &run, std::vector<std::unique_ptr<NodeProcess>> &nodes, Seen &seen)
{
    for (int i = 0; i < run.nodes; ++i) {
        auto node = std::make_unique<NodeProcess>(run.program,
                                                  QStringLiteral("%1-%2").arg(run.label).arg(i));
        node->setEventHandler([&seen, i](const QJsonObject &event) {
            if (event.value("ev") != "value")
                return;
            auto &times = seen[event.value("value").toString()];
            if (!times.contains(i))
                times.insert(i, event.value("t").toInteger());
        });
        QStringList extra = run.extra;
        if (run.dataDir)
            extra << "--data-dir"
                  << run.dataDir->path(); // fresh: no value survives from a past run
        if (i > 0)
            extra << "--join" << nodes.front()->gossipAddress();
        if (!node->start(extra)) {
            std::fprintf(stderr, "%s did not start\n", qPrintable(node->name()));
            return false;
        }
        nodes.push_back(std::move(node));
    }
    qsizetype seenMembers = 0;
    // Every node must see the whole cluster before the first set (a join storm still running
    // would be measured as convergence time).
    const bool formed = waitUntil(
        [&] {
            for (const auto &node : nodes) {
                seenMembers = QJsonDocument::fromJson(node->get("/v1/members")).array().size();
                if (seenMembers != run.nodes)
                    return false;
            }
            return true;
        },
        90000);
    if (!formed)
        std::fprintf(stderr, "%s: the last node sees %lld of %d members\n", qPrintable(run.label),
                     qint64(seenMembers), run.nodes);
    return formed;
}

RunResult runRounds(const Run &run, int rounds, int intervalMs)
{
    Seen seen; // before the nodes: their handlers write into it until they have stopped
    std::vector<std::unique_ptr<NodeProcess>> nodes;
    RunResult result;
    if (!startNodes(run, nodes, seen))
        return result;
    waitUntil([] { return false; }, 3000); // let the join's gossip settle
    const QString runId = QString::number(QDateTime::currentMSecsSinceEpoch(), 36);
    for (int r = 0; r < rounds; ++r) {
        const QString value =
            QStringLiteral("%1-%2-r%3-%4").arg(run.label).arg(run.nodes).arg(r).arg(runId);
        nodes.front()->get("/?set=" + value.toUtf8());
        waitUntil([] { return false; }, intervalMs);
        const auto times = seen.value(value);
        const qint64 start = times.value(0, -1);
        const int missesBefore = result.misses;
        double last = 0;
        for (int i = 1; i < run.nodes; ++i) {
            ++result.samples;
            if (start < 0 || !times.contains(i)) {
                ++result.misses;
                continue;
            }
            const double ms = double(times.value(i) - start) / 1e6;
            result.latenciesMs.push_back(ms);
            last = std::max(last, ms);
        }
        if (result.misses == missesBefore)
            result.completionMs.push_back(last);
        else
            ++result.incompleteSets;
    }
    for (auto &node : nodes)
        node->stop();
    result.ok = true;
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Value convergence: grapevine-agent vs Go memberlist (relay)."));
    parser.addHelpOption();
    parser.addOptions(
        {{"agent", "grapevine-agent binary.", "PATH", QStringLiteral(GRAPEVINE_AGENT_PATH)},
         {"goagent", "Go peer binary.", "PATH", QStringLiteral(GRAPEVINE_GOAGENT_PATH)},
         {"sizes", "Cluster sizes, comma-separated.", "LIST", "10,30,100"},
         {"rounds", "Sets per run.", "R", "20"},
         {"interval-ms", "Time between sets.", "MS", "1500"},
         {"profile", "Profile for every node.", "NAME", "lan"},
         {"go-modes", "Go peer modes: relay, classic (comma-separated; empty = none).", "LIST",
          "relay"}});
    parser.process(app);
    const QString profile = parser.value("profile");
    std::vector<Run> runs;
    for (const QString &size : parser.value("sizes").split(',', Qt::SkipEmptyParts)) {
        runs.push_back({QStringLiteral("grapevine"),
                        parser.value("agent"),
                        {"--profile", profile},
                        size.toInt(),
                        std::make_shared<QTemporaryDir>()});
        for (const QString &mode : parser.value("go-modes").split(',', Qt::SkipEmptyParts)) {
            QStringList extra{"--profile", profile};
            if (mode == QLatin1String("relay"))
                extra << "--relay";
            runs.push_back({QStringLiteral("go-") + mode, parser.value("goagent"), extra,
                            size.toInt(), nullptr});
        }
    }
    std::printf("profile %s, %s sets on node 0, one every %s ms\n\n", qPrintable(profile),
                qPrintable(parser.value("rounds")), qPrintable(parser.value("interval-ms")));
    std::printf("| implementation | N | sets | completion p50 (ms) | p99 | max | sets incomplete | "
                "node samples | node p50 (ms) | p90 | p99 | max | misses |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Run &run : runs) {
        if (!QFileInfo(run.program).isExecutable()) {
            std::printf("| %s | %d | not run: %s missing |\n", qPrintable(run.label), run.nodes,
                        qPrintable(run.program));
            continue;
        }
        RunResult result =
            runRounds(run, parser.value("rounds").toInt(), parser.value("interval-ms").toInt());
        std::sort(result.latenciesMs.begin(), result.latenciesMs.end());
        std::sort(result.completionMs.begin(), result.completionMs.end());
        if (!result.ok) {
            std::printf("| %s | %d | cluster did not form |\n", qPrintable(run.label), run.nodes);
            continue;
        }
        const auto &node = result.latenciesMs;
        const auto &sets = result.completionMs;
        std::printf(
            "| %s | %d | %d | %.2f | %.2f | %.2f | %d | %d | %.2f | %.2f | %.2f | %.2f | %d "
            "|\n",
            qPrintable(run.label), run.nodes, int(sets.size()) + result.incompleteSets,
            percentile(sets, 0.5), percentile(sets, 0.99), sets.empty() ? 0.0 : sets.back(),
            result.incompleteSets, result.samples, percentile(node, 0.5), percentile(node, 0.9),
            percentile(node, 0.99), node.empty() ? 0.0 : node.back(), result.misses);
        std::fflush(stdout);
    }
    return 0;
}
