// serf_agent.h — one real Serf 0.9.4 agent (`serf agent`) for the Serf interop cases, and the
// `serf` CLI run against its RPC address (members, event, reachability, keys, force-leave,
// leave, monitor). Started with -log-level=debug so every [ERR] it logs is seen. Running the
// agent and the monitor, and their logs, are tests/support/child_process.h's.
// Never sleeps: waits run the event loop until a condition holds or a deadline passes.
#pragma once

#include "tests/support/child_process.h"

#include <QJsonArray>
#include <QMap>
#include <QObject>
#include <QStringList>

#include <memory>

namespace grapevine::interop {

struct SerfMember {
    QString status; // "alive", "failed", "left", "leaving"
    QMap<QString, QString> tags;
};

struct CliResult {
    bool ok = false; // exit code 0 within the time allowed
    QString output;  // stdout + stderr
};

class SerfAgent : public QObject {
    Q_OBJECT
public:
    explicit SerfAgent(QString name, QObject *parent = nullptr);
    ~SerfAgent() override;

    // `serf agent -node NAME -bind … -rpc-addr … -profile local -log-level debug` + extra
    // (e.g. "-join", "127.0.0.1:PORT", "-tag", "k=v", "-encrypt", KEY). Waits until the RPC
    // address answers `serf members`.
    bool start(const QStringList &extra, int timeoutMs = 15000);
    [[nodiscard]] QString name() const { return m_name; }
    // Picks the gossip port now, for a capture that must know it before the agent starts;
    // the next start() binds it (otherwise start() picks a fresh one).
    quint16 reserveGossipPort();
    [[nodiscard]] quint16 gossipPort() const { return m_gossipPort; }
    [[nodiscard]] QString gossipAddress() const;
    [[nodiscard]] QString lastError() const { return m_lastError; }

    // Runs `serf <command> -rpc-addr=… <args>`.
    CliResult cli(const QString &command, const QStringList &args, int timeoutMs = 20000);
    // `serf members -format=json`: name -> status and tags; empty on failure.
    QMap<QString, SerfMember> members();
    // Starts `serf monitor -log-level=debug` in the background; monitorOutput() collects it.
    bool startMonitor();
    [[nodiscard]] QString monitorOutput();

    void kill9() { m_agent.kill9(); }
    // SIGSTOP / SIGCONT: the process freezes as a stalled host would (sockets stay open,
    // nothing is answered), then resumes where it stopped.
    bool stop() { return m_agent.stop(); }
    bool resume() { return m_agent.resume(); }
    // "[ERR]" lines of the agent's log and of its monitor, minus those containing `allowed`.
    [[nodiscard]] QStringList errorLines(const QStringList &allowed = {});
    [[nodiscard]] QString logTail(int lines = 30);

private:
    QString m_name;
    quint16 m_gossipPort = 0;
    quint16 m_reservedPort = 0;
    quint16 m_rpcPort = 0;
    testing::ChildProcess m_agent;                    // stdout and stderr as one log
    std::unique_ptr<testing::ChildProcess> m_monitor; // `serf monitor`, once started
    QString m_lastError;
};

// The serf binary built by the project (tests/interop/CMakeLists.txt), or the environment
// variable GRAPEVINE_SERF; empty when not available.
QString serfPath();

} // namespace grapevine::interop
