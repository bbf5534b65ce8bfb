// node_process.h — benchmark helper: one cluster node process (grapevine-agent or the Go peer)
// on 127.0.0.1: its command line, its HTTP API, and what it costs (/proc). Running it and its
// JSON events, handed to a handler as they arrive, are tests/support/child_process.h's.
// Benchmarks only: nothing here asserts; callers print tables.
#pragma once

#include "tests/support/child_process.h"
#include "tests/support/wait_until.h"

#include <QJsonObject>
#include <QString>
#include <functional>

struct ProcessUsage {
    qint64 rssKb = -1;      // VmRSS from /proc/<pid>/status
    qint64 pssKb = -1;      // Pss from /proc/<pid>/smaps_rollup: shared pages split by sharers
    qint64 privateKb = -1;  // Private_Clean + Private_Dirty (USS): what this process alone costs
    double cpuSeconds = -1; // utime + stime from /proc/<pid>/stat
};

class NodeProcess {
public:
    using EventHandler = std::function<void(const QJsonObject &event)>;

    NodeProcess(QString program, QString name);
    ~NodeProcess();

    // Starts with --name, --bind 127.0.0.1:<free>, --http 127.0.0.1:<free>, --log-format json
    // plus extra; true once the process is up (its HTTP port answers a connect).
    bool start(const QStringList &extra, int timeoutMs = 10000);
    void setEventHandler(EventHandler handler) { m_child.setEventHandler(std::move(handler)); }

    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString gossipAddress() const;
    [[nodiscard]] quint16 httpPort() const { return m_httpPort; }
    [[nodiscard]] qint64 pid() const { return m_child.pid(); }
    [[nodiscard]] ProcessUsage usage() const;

    // GET target on the node's HTTP API; the body of a 200, else empty (bounded wait).
    QByteArray get(const QByteArray &target, int timeoutMs = 5000);
    void stop(); // SIGTERM, bounded wait, then SIGKILL

private:
    QString m_program;
    QString m_name;
    quint16 m_gossipPort = 0;
    quint16 m_httpPort = 0;
    grapevine::testing::ChildProcess m_child;
};

// Runs the event loop until pred holds or timeoutMs passes, looking every 2 ms (a bench
// poll interval: finer than the tests' default, so a measured wait ends when it holds).
inline bool waitUntil(const std::function<bool()> &pred, int timeoutMs)
{
    return grapevine::testing::waitUntil(pred, timeoutMs, 2);
}
