// peer_process.h — one node of an interop test run as a real process: the Go memberlist
// peer (goagent) or grapevine-agent. Starts it with the shared options, collects its JSON
// events (stdout) and log (stderr), and talks to its HTTP API with bounded waits.
// Never sleeps: every wait runs the event loop until a condition holds or a deadline.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <functional>

namespace grapevine::interop {

enum class PeerKind { Go, Grapevine };

struct HttpReply {
    bool ok = false; // a complete response arrived
    int status = 0;
    QByteArray body;
};

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
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] QString label() const; // "go:g1" / "gv:a1" for messages

    HttpReply get(const QString &pathAndQuery, int timeoutMs = 3000);
    // name -> state ("alive", "suspect", "dead", "left") from /v1/members; empty on error.
    QMap<QString, QString> members(int timeoutMs = 3000);
    // /v1/value as an object; empty on error.
    QJsonObject value(int timeoutMs = 3000);
    bool set(const QString &value);

    [[nodiscard]] const QList<QJsonObject> &events() const { return m_events; }
    // Waits until an event matching `match` has been logged (one logged before counts).
    bool waitForEvent(const std::function<bool(const QJsonObject &)> &match, int timeoutMs);

    // Reads whatever output is still buffered (call before judging the log).
    void drainOutput();
    // "[ERR]" lines of the log, minus those containing one of `allowed`.
    [[nodiscard]] QStringList errorLines(const QStringList &allowed = {}) const;
    [[nodiscard]] QString logTail(int lines = 30) const;

    void kill9();                          // SIGKILL: a crash, no leave message
    bool terminate(int timeoutMs = 10000); // SIGTERM: graceful leave; true on exit code 0

private:
    void readEvents();
    void readLog();

    PeerKind m_kind;
    QString m_name;
    quint16 m_gossipPort;
    quint16 m_httpPort;
    QProcess m_process;
    QByteArray m_stdoutBuffer;
    QByteArray m_stderrBuffer;
    QList<QJsonObject> m_events;
    QStringList m_logLines; // stderr, and stdout lines that are not JSON
    QString m_lastError;
};

// Paths of the two programs: compile-time defaults, overridden by the environment
// variables GRAPEVINE_GOAGENT and GRAPEVINE_AGENT. Empty when not available.
QString goAgentPath();
QString grapevineAgentPath();

} // namespace grapevine::interop
