// peer_process.cpp — see the header.
#include "peer_process.h"

#include "tests/support/wait_until.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrl>

namespace grapevine::interop {

using testing::pumpEvents;
using testing::waitUntil;

namespace {

QString envOr(const char *variable, const QString &fallback)
{
    const QString fromEnv = qEnvironmentVariable(variable);
    return fromEnv.isEmpty() ? fallback : fromEnv;
}

// Splits a complete HTTP/1.1 response; false while more bytes are needed.
bool parseResponse(const QByteArray &raw, bool closed, HttpReply *reply)
{
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const QList<QByteArray> lines = raw.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    qsizetype length = -1;
    for (const QByteArray &line : lines) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    const QByteArray body = raw.mid(headEnd + 4);
    if (length >= 0 ? body.size() < length : !closed)
        return false;
    reply->ok = true;
    reply->status = statusLine.value(1).toInt();
    reply->body = length >= 0 ? body.left(length) : body;
    return true;
}

} // namespace

QString goAgentPath()
{
    return envOr("GRAPEVINE_GOAGENT", QStringLiteral(GRAPEVINE_GOAGENT_PATH));
}

QString grapevineAgentPath()
{
    return envOr("GRAPEVINE_AGENT", QStringLiteral(GRAPEVINE_AGENT_PATH));
}

PeerProcess::PeerProcess(PeerKind kind, QString name, quint16 gossipPort, quint16 httpPort,
                         QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_name(std::move(name))
    , m_gossipPort(gossipPort)
    , m_httpPort(httpPort)
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &PeerProcess::readEvents);
    connect(&m_process, &QProcess::readyReadStandardError, this, &PeerProcess::readLog);
}

PeerProcess::~PeerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QString PeerProcess::gossipAddress() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_gossipPort);
}

QString PeerProcess::label() const
{
    return (m_kind == PeerKind::Go ? QStringLiteral("go:") : QStringLiteral("gv:")) + m_name;
}

bool PeerProcess::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

bool PeerProcess::start(const QStringList &extra, int timeoutMs)
{
    const QString program = m_kind == PeerKind::Go ? goAgentPath() : grapevineAgentPath();
    QStringList args{QStringLiteral("--name"),       m_name,
                     QStringLiteral("--bind"),       gossipAddress(),
                     QStringLiteral("--http"),       QStringLiteral("127.0.0.1:%1").arg(m_httpPort),
                     QStringLiteral("--log-format"), QStringLiteral("json"),
                     QStringLiteral("--profile"),    QStringLiteral("local")};
    m_process.start(program, args + extra);
    if (!m_process.waitForStarted(5000)) {
        m_lastError = label() + QStringLiteral(": cannot start ") + program;
        return false;
    }
    const bool up = waitUntil(
        [this] { return !isRunning() || get(QStringLiteral("/v1/members"), 500).ok; }, timeoutMs);
    if (!up || !isRunning()) {
        m_lastError = label() + QStringLiteral(" did not come up; its log:\n") + logTail();
        return false;
    }
    return true;
}

HttpReply PeerProcess::get(const QString &pathAndQuery, int timeoutMs)
{
    HttpReply reply;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_httpPort);
    if (!socket.waitForConnected(timeoutMs))
        return reply;
    socket.write("GET " + QUrl(pathAndQuery).toEncoded() +
                 " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray raw;
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const bool more = socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        raw += socket.readAll();
        const bool closed = !more && socket.state() != QAbstractSocket::ConnectedState;
        if (parseResponse(raw, closed, &reply) || closed)
            break;
    }
    return reply;
}

QMap<QString, QString> PeerProcess::members(int timeoutMs)
{
    QMap<QString, QString> result;
    const HttpReply reply = get(QStringLiteral("/v1/members"), timeoutMs);
    const QJsonArray rows = QJsonDocument::fromJson(reply.body).array();
    for (const auto &row : rows)
        result.insert(row[QStringLiteral("name")].toString(),
                      row[QStringLiteral("state")].toString());
    return result;
}

QJsonObject PeerProcess::value(int timeoutMs)
{
    return QJsonDocument::fromJson(get(QStringLiteral("/v1/value"), timeoutMs).body).object();
}

bool PeerProcess::set(const QString &value)
{
    const HttpReply reply =
        get(QStringLiteral("/?set=") + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return reply.ok && reply.status == 200;
}

bool PeerProcess::waitForEvent(const std::function<bool(const QJsonObject &)> &match, int timeoutMs)
{
    qsizetype checked = 0;
    return waitUntil(
        [&] {
            for (; checked < m_events.size(); ++checked) {
                if (match(m_events.at(checked)))
                    return true;
            }
            return false;
        },
        timeoutMs, 20);
}

void PeerProcess::drainOutput()
{
    if (m_process.state() == QProcess::Running)
        m_process.waitForReadyRead(50);
    readEvents();
    readLog();
}

QStringList PeerProcess::errorLines(const QStringList &allowed) const
{
    QStringList result;
    for (const QString &line : m_logLines) {
        if (!line.contains(QLatin1String("[ERR]")))
            continue;
        const bool excused = std::any_of(allowed.begin(), allowed.end(),
                                         [&](const QString &a) { return line.contains(a); });
        if (!excused)
            result << line;
    }
    return result;
}

QString PeerProcess::logTail(int lines) const
{
    return m_logLines.mid(qMax(0, int(m_logLines.size()) - lines)).join(QLatin1Char('\n'));
}

void PeerProcess::kill9()
{
    m_process.kill();
    m_process.waitForFinished(5000);
}

bool PeerProcess::terminate(int timeoutMs)
{
    m_process.terminate();
    const bool done = waitUntil([this] { return !isRunning(); }, timeoutMs, 20);
    return done && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

void PeerProcess::readEvents()
{
    m_stdoutBuffer += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_stdoutBuffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdoutBuffer.left(newline).trimmed();
        m_stdoutBuffer.remove(0, newline + 1);
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            m_events.append(doc.object());
        else if (!line.isEmpty())
            m_logLines << QString::fromUtf8(line);
    }
}

void PeerProcess::readLog()
{
    m_stderrBuffer += m_process.readAllStandardError();
    qsizetype newline;
    while ((newline = m_stderrBuffer.indexOf('\n')) >= 0) {
        m_logLines << QString::fromUtf8(m_stderrBuffer.left(newline));
        m_stderrBuffer.remove(0, newline + 1);
    }
}

} // namespace grapevine::interop
