// child_process.h — one child process driven by a test or a benchmark (grapevine-agent, the Go
// memberlist peer, a real Serf agent): started with a program and its arguments; its stdout
// read as lines, a JSON object being an event and any other line a log line, and its stderr as
// log lines; bounded waits that keep the event loop running (never a fixed sleep); tails of the
// events and the log for failure messages; and signals: SIGKILL, SIGTERM with a bounded wait
// for the exit code, SIGSTOP/SIGCONT. What is specific to one program (its options and ports,
// its API) stays in that program's driver, which owns one of these.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace grapevine::testing {

// Where the child's stderr goes.
enum class Stderr {
    Log,       // its lines join the log
    Merged,    // into stdout: one stream, in the order the child wrote it
    Discarded, // the null device: a benchmark's nodes, whose log nobody reads
};

class ChildProcess {
public:
    using EventHandler = std::function<void(const QJsonObject &event)>;
    using EventMatch = std::function<bool(const QJsonObject &event)>;

    explicit ChildProcess(QString label, Stderr stderrMode = Stderr::Log);
    ~ChildProcess(); // a child still running is killed (SIGKILL)
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    // Starts `program args`, forgetting a previous run's events and log; false (why in
    // errorString()) when it has not started within 5 s.
    bool start(const QString &program, const QStringList &args);
    [[nodiscard]] QString errorString() const;
    [[nodiscard]] QString label() const { return m_label; }
    [[nodiscard]] bool running() const;
    [[nodiscard]] qint64 pid() const; // 0 when not running

    // Each event is handed to `handler` as it arrives instead of being kept: a benchmark's long
    // run would otherwise hold every event of every node.
    void setEventHandler(EventHandler handler) { m_handler = std::move(handler); }
    // The child promises JSON on stdout (--log-format json): a line that is not an event is
    // also warned about as it arrives, not only kept in the log.
    void expectJsonStdout() { m_warnNonJson = true; }

    [[nodiscard]] const QList<QJsonObject> &events() const { return m_events; }
    // Waits until an event matching `match` has arrived (one that arrived before counts); false
    // after timeoutMs, or as soon as the child has exited without one.
    bool waitForEvent(const EventMatch &match, int timeoutMs);
    // "<label>'s last events (N in all, <state>):" and the last `count`, one compact JSON a line.
    [[nodiscard]] QString eventsTail(int count = 5) const;

    // stderr's lines (unless discarded) and stdout's lines that are not events, in order of
    // arrival; a last line without its newline joins once the child has exited.
    [[nodiscard]] const QStringList &log() const { return m_log; }
    [[nodiscard]] QString logTail(int lines = 30) const;
    // Takes in whatever output is still buffered, after waiting up to waitMs for more from a
    // running child (before judging its log).
    void drainOutput(int waitMs = 50);

    bool signal(int signalNumber); // false when not running, or when kill(2) fails
    bool stop();                   // SIGSTOP: frozen as a stalled host (sockets stay open)
    bool resume();                 // SIGCONT
    void kill9();                  // SIGKILL (a crash: no leave), then a bounded wait
    // The exit code once the child has exited within timeoutMs; -1 when it is still running or
    // was ended by a signal.
    int waitForExit(int timeoutMs);
    int terminate(int timeoutMs); // SIGTERM (a graceful leave), then waitForExit

private:
    void release(); // kills the current process, if any, and lets go of it
    void readStdout();
    void readStderr();
    void takeStdoutLine(const QByteArray &line);
    void takeRestAtExit();
    [[nodiscard]] QString stateText() const;

    QString m_label;
    Stderr m_stderrMode;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stdoutPending;
    QByteArray m_stderrPending;
    QList<QJsonObject> m_events;
    QStringList m_log;
    EventHandler m_handler;
    bool m_warnNonJson = false;
};

// The "[ERR]" lines (the Go loggers' and grapevine-agent's mark of an error) of `log`, minus
// those containing one of `allowed`.
QStringList errorLines(const QStringList &log, const QStringList &allowed);

} // namespace grapevine::testing
