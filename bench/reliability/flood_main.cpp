// bench_flood: 50,000 random and mutated UDP datagrams at one of three agents, as fast as one
// socket sends them; prints packets/s, the target's peak RSS, its malformed counters, and
// whether every member is still alive and the value intact everywhere. Prints, never asserts.
// usage: bench_flood [--packets 50000] [--seed 1] [--rate PER_S] [--agent PATH]
// Unpaced, most datagrams die in the kernel's socket buffer (see "dropped"); --rate paces the
// sender so that the agent really reads and rejects every one.
#include "cluster_probe.h"
#include "node_process.h"
#include "tests/support/packet_mutator.h"
#include "tests/support/peak_rss.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>
#include <QThread>

#include <arpa/inet.h>
#include <cstdio>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

struct Options {
    int packets = 50000;
    std::uint64_t seed = 1;
    int rate = 0; // datagrams per second; 0 = as fast as the socket sends
    QString agent = QStringLiteral(GRAPEVINE_AGENT_PATH);
};

Options parse(const QStringList &args)
{
    Options options;
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == "--packets")
            options.packets = args[i + 1].toInt();
        else if (args[i] == "--seed")
            options.seed = args[i + 1].toULongLong();
        else if (args[i] == "--agent")
            options.agent = args[i + 1];
        else if (args[i] == "--rate")
            options.rate = args[i + 1].toInt();
    }
    return options;
}

using Cluster = std::vector<std::unique_ptr<NodeProcess>>;

bool allAlive(Cluster &cluster)
{
    for (auto &node : cluster) {
        const auto states = memberStates(node->get("/v1/members"));
        for (auto &other : cluster) {
            if (states.value(other->name()) != "alive")
                return false;
        }
    }
    return true;
}

bool valueEverywhere(Cluster &cluster, const QByteArray &value)
{
    for (auto &node : cluster) {
        if (!node->get("/v1/value").contains("\"" + value + "\""))
            return false;
    }
    return true;
}

struct FloodResult {
    int sent = 0;
    int failed = 0;
    double seconds = 0;
    std::map<Mutation, int> kinds;
    std::size_t skipped = 0; // candidates that would have set the value (legal plain text)
};

FloodResult flood(quint16 port, const Options &options)
{
    PacketMutator mutator(options.seed);
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    FloodResult result;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < options.packets; ++i) {
        Mutation kind;
        const auto packet = mutator.next(kind);
        ++result.kinds[kind];
        const auto n = ::sendto(fd, packet.data(), packet.size(), 0,
                                reinterpret_cast<const sockaddr *>(&to), sizeof to);
        n < 0 ? ++result.failed : ++result.sent;
        if (i % 1000 == 999) // drain the agents' stdout pipes so none blocks on a log line
            QCoreApplication::processEvents();
        while (options.rate > 0 && timer.nsecsElapsed() < qint64(i + 1) * 1000000000 / options.rate)
            QThread::usleep(200); // pacing a bench sender, not a correctness wait
    }
    result.seconds = timer.nsecsElapsed() / 1e9;
    result.skipped = mutator.skippedValues();
    ::close(fd);
    return result;
}

// Datagrams the agent's transport read (its own traffic included: a few per second).
qint64 udpPacketsIn(NodeProcess &node)
{
    const auto counters = statsCounters(node.get("/v1/stats"), "udp");
    return counters.value("udp.in.packets", -1);
}

void printRow(const char *what, const QString &value)
{
    std::printf("%-40s %s\n", what, qPrintable(value));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parse(app.arguments());
    Cluster cluster;
    for (const char *name : {"a", "b", "c"}) {
        cluster.push_back(std::make_unique<NodeProcess>(options.agent, name));
        QStringList extra{"--profile", "local"};
        if (cluster.size() > 1)
            extra << "--join" << cluster.front()->gossipAddress();
        if (!cluster.back()->start(extra)) {
            std::printf("agent %s did not start (%s)\n", name, qPrintable(options.agent));
            return 1;
        }
    }
    const bool formed = waitUntil([&] { return allAlive(cluster); }, 20000);
    const QByteArray value = "flood-seed-" + QByteArray::number(qulonglong(options.seed));
    httpRequest(cluster[0]->httpPort(), "PUT", "/v1/value", value);
    const bool spread = waitUntil([&] { return valueEverywhere(cluster, value); }, 15000);
    NodeProcess &target = *cluster[1];
    const qint64 rssBefore = grapevine::testing::peakRssKb(target.pid());
    const qint64 readBefore = udpPacketsIn(target);
    const quint16 port = target.gossipAddress().section(':', 1).toUShort();
    const FloodResult result = flood(port, options);
    waitUntil([] { return false; }, 5000); // several probe rounds after the flood
    const bool alive = waitUntil([&] { return allAlive(cluster); }, 5000);
    const bool intact = valueEverywhere(cluster, value);
    const auto counters = statsCounters(target.get("/v1/stats"), "malformed");
    const auto members = memberStates(target.get("/v1/members"));
    const qint64 read = udpPacketsIn(target) - readBefore;

    printRow("agent", options.agent);
    printRow("cluster formed / value spread before",
             QStringLiteral("%1 / %2").arg(formed).arg(spread));
    printRow("datagrams sent (failed)",
             QStringLiteral("%1 (%2)").arg(result.sent).arg(result.failed));
    for (auto [kind, count] : result.kinds)
        printRow(qPrintable(QStringLiteral("  of which %1").arg(mutationName(kind))),
                 QString::number(count));
    printRow("candidates skipped (would set the value)", QString::number(result.skipped));
    printRow("send seconds", QString::number(result.seconds, 'f', 3));
    printRow("packets/s sent", QString::number(result.sent / result.seconds, 'f', 0));
    printRow("datagrams the target read (udp.in)", QString::number(read));
    printRow("  read/s over the send window", QString::number(read / result.seconds, 'f', 0));
    printRow("  dropped before reading (kernel)", QString::number(result.sent - read));
    printRow("target peak RSS before (VmHWM kB)", QString::number(rssBefore));
    printRow("target peak RSS after (VmHWM kB)",
             QString::number(grapevine::testing::peakRssKb(target.pid())));
    printRow("target answers /v1/stats", counters.isEmpty() ? "no malformed counters" : "yes");
    qint64 total = 0;
    for (auto it = counters.begin(); it != counters.end(); ++it) {
        printRow(qPrintable("  " + it.key()), QString::number(it.value()));
        total += it.value();
    }
    printRow("malformed total", QString::number(total));
    printRow("members known to target", QString::number(members.size()));
    printRow("a, b, c alive in every view", alive ? "yes" : "NO");
    printRow("value intact on every agent", intact ? "yes" : "NO");
    for (auto &node : cluster)
        printRow(qPrintable("  /v1/value on " + node->name()),
                 QString::fromUtf8(node->get("/v1/value")));
    return alive && intact ? 0 : 2;
}
