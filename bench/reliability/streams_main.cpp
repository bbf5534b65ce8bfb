// bench_streams: hostile TCP streams at one agent — push/pull headers claiming 25 MiB or
// exactly 20 MiB of user state (the latter then sent in full) or 1,048,577 node states, a
// slowloris (one byte then silence) and 1,000 idle connections. For each: how the agent ended
// it and when, and whether it kept serving meanwhile (HTTP /v1/members, a fresh agent
// joining). Prints, never asserts.
// usage: bench_streams [--agent PATH] [--idle 1000] [--bound-s 40]
#include "cluster_probe.h"
#include "node_process.h"
#include "tests/support/peak_rss.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

struct Options {
    QString agent = QStringLiteral(GRAPEVINE_AGENT_PATH);
    int idle = 1000;
    int boundMs = 40000;
};

int connectTcp(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// True once the agent closed or reset the connection; bytes it sent are read and dropped.
bool peerClosed(int fd)
{
    char buffer[4096];
    const auto n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

// The stream form of a push/pull header: type 6 then {Nodes, UserStateLen, Join}.
QByteArray pushPullHeader(quint32 nodes, quint32 userStateLen)
{
    auto u32 = [](quint32 v) {
        return QByteArray(1, char(0xce)) + char(v >> 24) + char(v >> 16) + char(v >> 8) + char(v);
    };
    return QByteArray(1, char(6)) + char(0x83) + "\xa5Nodes" + u32(nodes) + "\xacUserStateLen" +
           u32(userStateLen) + "\xa4Join" + char(0xc2);
}

struct Serving {
    qint64 httpMs = -1; // /v1/members answered 200 after this many ms, -1 = not in 5 s
    qint64 joinMs = -1; // a fresh agent was alive in the target's view after this many ms
};

Serving checkServing(NodeProcess &target, const QString &agent, int round)
{
    Serving serving;
    QElapsedTimer timer;
    timer.start();
    if (httpRequest(target.httpPort(), "GET", "/v1/members").status == 200)
        serving.httpMs = timer.elapsed();
    const QString name = QStringLiteral("fresh-%1").arg(round);
    NodeProcess fresh(agent, name);
    timer.restart();
    if (fresh.start({"--profile", "local", "--join", target.gossipAddress()}) &&
        waitUntil([&] { return memberStates(target.get("/v1/members")).value(name) == "alive"; },
                  15000))
        serving.joinMs = timer.elapsed();
    return serving;
}

struct Outcome {
    QString ending;       // "closed by agent", "still open at bound", ...
    qint64 closedMs = -1; // from the hostile start until the agent closed
    qint64 sentBytes = 0;
    Serving serving;
};

// Sends `payload` then zeros up to `claimed` bytes as the socket accepts them, until the agent
// closes the stream or the bound passes. The serving check runs once the first MiB is in.
Outcome hostileStream(NodeProcess &target, const Options &options, const QByteArray &header,
                      qint64 claimed, int round)
{
    Outcome outcome;
    QElapsedTimer timer;
    timer.start();
    const int fd = connectTcp(target.gossipAddress().section(':', 1).toUShort());
    if (fd < 0)
        return {"refused at connect", 0, 0, {}};
    QByteArray pending = header;
    const QByteArray zeros(64 * 1024, '\0');
    bool checked = false, closed = false;
    while (!closed && timer.elapsed() < options.boundMs) {
        if (pending.isEmpty() && outcome.sentBytes < claimed)
            pending = zeros.left(int(qMin<qint64>(zeros.size(), claimed - outcome.sentBytes)));
        const auto n = pending.isEmpty() ? 0
                                         : ::send(fd, pending.data(), pending.size(),
                                                  MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n > 0) {
            outcome.sentBytes += n;
            pending.remove(0, n);
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            closed = true;
        closed = closed || peerClosed(fd);
        if (!checked && (outcome.sentBytes >= (1 << 20) || n <= 0) && !closed) {
            outcome.serving = checkServing(target, options.agent, round);
            checked = true;
        }
        if (n <= 0 && !closed)
            waitUntil([] { return false; }, 5);
    }
    outcome.closedMs = closed ? timer.elapsed() : -1;
    outcome.ending = closed ? "closed by agent" : "still open at bound";
    ::close(fd);
    return outcome;
}

Outcome idleConnections(NodeProcess &target, const Options &options, int round)
{
    Outcome outcome;
    QElapsedTimer timer;
    timer.start();
    std::vector<int> fds;
    const quint16 port = target.gossipAddress().section(':', 1).toUShort();
    for (int i = 0; i < options.idle; ++i) {
        const int fd = connectTcp(port);
        if (fd >= 0)
            fds.push_back(fd);
    }
    outcome.serving = checkServing(target, options.agent, round);
    std::vector<bool> closed(fds.size(), false);
    int open = int(fds.size());
    waitUntil(
        [&] {
            for (std::size_t i = 0; i < fds.size(); ++i) {
                if (!closed[i] && peerClosed(fds[i])) {
                    closed[i] = true;
                    --open;
                }
            }
            return open == 0;
        },
        options.boundMs);
    outcome.closedMs = open == 0 ? timer.elapsed() : -1;
    outcome.ending = QStringLiteral("%1 connected, %2 closed by agent, %3 still open")
                         .arg(fds.size())
                         .arg(fds.size() - open)
                         .arg(open);
    for (int fd : fds)
        ::close(fd);
    return outcome;
}

void printOutcome(const char *test, const Outcome &o)
{
    std::printf("%-34s %-44s %10lld %12lld %8lld %8lld\n", test, qPrintable(o.ending), o.closedMs,
                o.sentBytes, o.serving.httpMs, o.serving.joinMs);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::signal(SIGPIPE, SIG_IGN);
    Options options;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == "--agent")
            options.agent = args[i + 1];
        else if (args[i] == "--idle")
            options.idle = args[i + 1].toInt();
        else if (args[i] == "--bound-s")
            options.boundMs = args[i + 1].toInt() * 1000;
    }
    NodeProcess target(options.agent, "target");
    if (!target.start({"--profile", "local"})) {
        std::printf("agent did not start (%s)\n", qPrintable(options.agent));
        return 1;
    }
    std::printf("agent %s, bound %d s\n", qPrintable(options.agent), options.boundMs / 1000);
    std::printf("%-34s %-44s %10s %12s %8s %8s\n", "case", "ending", "closed_ms", "bytes_sent",
                "http_ms", "join_ms");
    const qint64 big = 25LL << 20;
    printOutcome("push/pull UserStateLen 25 MiB",
                 hostileStream(target, options, pushPullHeader(0, quint32(big)), big, 1));
    const qint64 limit = 20LL << 20;
    printOutcome("push/pull UserStateLen 20 MiB (=max)",
                 hostileStream(target, options, pushPullHeader(0, quint32(limit)), limit, 2));
    printOutcome("push/pull Nodes 1,048,577 (max+1)",
                 hostileStream(target, options, pushPullHeader(1048577, 0), big, 5));
    printOutcome("slowloris (1 byte, then silence)",
                 hostileStream(target, options, QByteArray(1, char(6)), 0, 3));
    printOutcome(qPrintable(QStringLiteral("%1 idle connections").arg(options.idle)),
                 idleConnections(target, options, 4));
    const bool serving = httpRequest(target.httpPort(), "GET", "/v1/members").status == 200;
    const auto counters = statsCounters(target.get("/v1/stats"), "stream");
    for (auto it = counters.begin(); it != counters.end(); ++it)
        std::printf("stats %-40s %lld\n", qPrintable(it.key()), it.value());
    std::printf("agent still serving at the end: %s; peak RSS %lld kB\n", serving ? "yes" : "NO",
                grapevine::testing::peakRssKb(target.pid()));
    return serving ? 0 : 2;
}
