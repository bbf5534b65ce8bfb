// child_process.cpp — see the header.
#include "child_process.h"

#include "wait_until.h"

#include <QJsonDocument>
#include <algorithm>
#include <csignal>
#include <utility>

namespace grapevine::testing {

namespace {

constexpr int kPollMs = 10; // as QTest::qWaitFor: output is read between polls
constexpr int kStartMs = 5000;
constexpr int kKillMs = 5000;

// Takes the complete lines off the front of `pending` (without their "\r\n" or "\n").
QList<QByteArray> takeLines(QByteArray &pending)
{
    QList<QByteArray> lines;
    qsizetype newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
        lines << pending.left(newline);
        if (lines.back().endsWith('\r'))
            lines.back().chop(1);
        pending.remove(0, newline + 1);
    }
    return lines;
}

} // namespace

ChildProcess::ChildProcess(QString label, Stderr stderrMode)
    : m_label(std::move(label))
    , m_stderrMode(stderrMode)
{
}

ChildProcess::~ChildProcess()
{
    release();
}

void ChildProcess::release()
{
    if (!m_process)
        return;
    kill9();
    // What the old process still signals must not reach a new run, or a destroyed one.
    QObject::disconnect(m_process.get(), nullptr, nullptr, nullptr);
    m_process.reset();
}

bool ChildProcess::start(const QString &program, const QStringList &args)
{
    release();
    m_events.clear();
    m_log.clear();
    m_stdoutPending.clear();
    m_stderrPending.clear();
    m_process = std::make_unique<QProcess>();
    QProcess *process = m_process.get();
    if (m_stderrMode == Stderr::Merged)
        process->setProcessChannelMode(QProcess::MergedChannels);
    else if (m_stderrMode == Stderr::Discarded)
        process->setStandardErrorFile(QProcess::nullDevice());
    QObject::connect(process, &QProcess::readyReadStandardOutput, process,
                     [this] { readStdout(); });
    QObject::connect(process, &QProcess::readyReadStandardError, process, [this] { readStderr(); });
    // QProcess has read the last output by now: a line cut short by the exit still counts.
    QObject::connect(process, &QProcess::finished, process, [this] { takeRestAtExit(); });
    process->start(program, args);
    return process->waitForStarted(kStartMs);
}

QString ChildProcess::errorString() const
{
    return m_process ? m_process->errorString() : QStringLiteral("not started");
}

bool ChildProcess::running() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 ChildProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

void ChildProcess::readStdout()
{
    m_stdoutPending += m_process->readAllStandardOutput();
    for (const QByteArray &line : takeLines(m_stdoutPending))
        takeStdoutLine(line);
}

void ChildProcess::readStderr()
{
    if (m_stderrMode != Stderr::Log)
        return; // merged into stdout, or discarded: there is no stderr channel to read
    m_stderrPending += m_process->readAllStandardError();
    for (const QByteArray &line : takeLines(m_stderrPending))
        m_log << QString::fromUtf8(line);
}

void ChildProcess::takeStdoutLine(const QByteArray &line)
{
    const QByteArray trimmed = line.trimmed();
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed);
    if (doc.isObject()) {
        if (m_handler)
            m_handler(doc.object());
        else
            m_events.append(doc.object());
        return;
    }
    if (trimmed.isEmpty())
        return;
    if (m_warnNonJson)
        qWarning("%s: not a JSON event: %s", qPrintable(m_label), trimmed.constData());
    m_log << QString::fromUtf8(line);
}

void ChildProcess::takeRestAtExit()
{
    readStdout();
    readStderr();
    if (!m_stdoutPending.isEmpty())
        takeStdoutLine(std::exchange(m_stdoutPending, {}));
    if (!m_stderrPending.isEmpty())
        m_log << QString::fromUtf8(std::exchange(m_stderrPending, {}));
}

void ChildProcess::drainOutput(int waitMs)
{
    if (running() && waitMs > 0)
        m_process->waitForReadyRead(waitMs);
    if (m_process) {
        readStdout();
        readStderr();
    }
}

bool ChildProcess::waitForEvent(const EventMatch &match, int timeoutMs)
{
    qsizetype checked = 0;
    const auto seen = [&] {
        for (; checked < m_events.size(); ++checked) {
            if (match(m_events.at(checked)))
                return true;
        }
        return false;
    };
    // An exited child sends nothing more; its last output was read before it counted as exited.
    return waitUntil([&] { return seen() || !running(); }, timeoutMs, kPollMs) && seen();
}

QString ChildProcess::stateText() const
{
    if (!m_process)
        return QStringLiteral("not started");
    if (m_process->state() != QProcess::NotRunning)
        return QStringLiteral("running");
    if (m_process->exitStatus() == QProcess::CrashExit)
        return QStringLiteral("ended by a signal");
    return QStringLiteral("exited with code %1").arg(m_process->exitCode());
}

QString ChildProcess::eventsTail(int count) const
{
    QStringList lines{QStringLiteral("%1's last events (%2 in all, %3):")
                          .arg(m_label)
                          .arg(m_events.size())
                          .arg(stateText())};
    for (qsizetype i = qMax<qsizetype>(0, m_events.size() - count); i < m_events.size(); ++i)
        lines << QString::fromUtf8(QJsonDocument(m_events[i]).toJson(QJsonDocument::Compact));
    return lines.join(QLatin1Char('\n'));
}

QString ChildProcess::logTail(int lines) const
{
    return m_log.mid(qMax<qsizetype>(0, m_log.size() - lines)).join(QLatin1Char('\n'));
}

bool ChildProcess::signal(int signalNumber)
{
    // Never kill(0, …): that would signal this whole process group.
    return running() && pid() > 0 && ::kill(pid_t(pid()), signalNumber) == 0;
}

bool ChildProcess::stop()
{
    return signal(SIGSTOP);
}

bool ChildProcess::resume()
{
    return signal(SIGCONT);
}

void ChildProcess::kill9()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->kill(); // SIGKILL, which also ends a stopped process
    // Blocking, so that a destructor may call it; QProcess still reads the last output.
    m_process->waitForFinished(kKillMs);
}

int ChildProcess::waitForExit(int timeoutMs)
{
    if (!m_process)
        return -1;
    const bool exited = waitUntil([this] { return m_process->state() == QProcess::NotRunning; },
                                  timeoutMs, kPollMs);
    return exited && m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

int ChildProcess::terminate(int timeoutMs)
{
    (void)signal(SIGTERM); // one that has exited already still reports its exit code
    return waitForExit(timeoutMs);
}

QStringList errorLines(const QStringList &log, const QStringList &allowed)
{
    QStringList errors;
    for (const QString &line : log) {
        if (!line.contains(QLatin1String("[ERR]")))
            continue;
        const bool excused = std::any_of(allowed.begin(), allowed.end(),
                                         [&line](const QString &a) { return line.contains(a); });
        if (!excused)
            errors << line;
    }
    return errors;
}

} // namespace grapevine::testing
