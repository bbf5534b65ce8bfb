// peer_process.h — one node of an interop test run as a real process: the Go memberlist
// peer (goagent) or grapevine-agent: which program, the options both share, and their HTTP
// API (members, value, set). Running it, its JSON events (stdout) and log (stderr, and stdout
// lines that are not JSON) are tests/support/child_process.h's.
// Never sleeps: every wait runs the event loop until a condition holds or a deadline.
#pragma once

#include "tests/support/child_process.h"
#include "tests/support/local_http.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <functional>

namespace grapevine::interop {

enum class PeerKind { Go, Grapevine };

using testing::HttpReply;

class PeerProcess : public QObject {
    Q_OBJECT
public:
    PeerProcess(PeerKind kind, QString name, quint16 gossipPort, quint16 httpPort,
                QObject *parent = nullptr);
    ~PeerProcess() override;

    // Starts the program with --name/--bind/--http/--log-format json/--profile local plus
    // `extra`, then waits until its HTTP API answers. False (reason in lastError()) if it
    // exits or does not answer in time.
    bool start(const QStringList &extra, int timeoutMs = 15000);

    [[nodiscard]] PeerKind kind() const { return m_kind; }
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString gossipAddress() const; // "127.0.0.1:PORT"
    [[nodiscard]] quint16 gossipPort() const { return m_gossipPort; }
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] bool isRunning() const { return m_child.running(); }
    [[nodiscard]] QString label() const; // "go:g1" / "gv:a1" for messages

    HttpReply get(const QString &pathAndQuery, int timeoutMs = 3000);
    // name -> state ("alive", "suspect", "dead", "left") from /v1/members; empty on error.
    QMap<QString, QString> members(int timeoutMs = 3000);
    // /v1/value as an object; empty on error.
    QJsonObject value(int timeoutMs = 3000);
    bool set(const QString &value);

    [[nodiscard]] const QList<QJsonObject> &events() const { return m_child.events(); }
    // Waits until an event matching `match` has been logged (one logged before counts); false
    // early once the peer has exited without one.
    bool waitForEvent(const std::function<bool(const QJsonObject &)> &match, int timeoutMs)
    {
        return m_child.waitForEvent(match, timeoutMs);
    }

    // Reads whatever output is still buffered (call before judging the log).
    void drainOutput() { m_child.drainOutput(); }
    // "[ERR]" lines of the log, minus those containing one of `allowed`.
    [[nodiscard]] QStringList errorLines(const QStringList &allowed = {}) const
    {
        return testing::errorLines(m_child.log(), allowed);
    }
    [[nodiscard]] QString logTail(int lines = 30) const { return m_child.logTail(lines); }

    void kill9() { m_child.kill9(); } // SIGKILL: a crash, no leave message
    // SIGTERM: graceful leave; true on exit code 0 within timeoutMs.
    bool terminate(int timeoutMs = 10000) { return m_child.terminate(timeoutMs) == 0; }

private:
    PeerKind m_kind;
    QString m_name;
    quint16 m_gossipPort;
    quint16 m_httpPort;
    testing::ChildProcess m_child;
    QString m_lastError;
};

// Paths of the two programs: compile-time defaults, overridden by the environment
// variables GRAPEVINE_GOAGENT and GRAPEVINE_AGENT. Empty when not available.
QString goAgentPath();
QString grapevineAgentPath();

} // namespace grapevine::interop
