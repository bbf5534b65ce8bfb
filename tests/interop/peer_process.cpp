// peer_process.cpp — see the header.
#include "peer_process.h"

#include "tests/support/wait_until.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace grapevine::interop {

using testing::waitUntil;

namespace {

QString envOr(const char *variable, const QString &fallback)
{
    const QString fromEnv = qEnvironmentVariable(variable);
    return fromEnv.isEmpty() ? fallback : fromEnv;
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
    , m_child(label())
{
}

PeerProcess::~PeerProcess() = default;

QString PeerProcess::gossipAddress() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_gossipPort);
}

QString PeerProcess::label() const
{
    return (m_kind == PeerKind::Go ? QStringLiteral("go:") : QStringLiteral("gv:")) + m_name;
}

bool PeerProcess::start(const QStringList &extra, int timeoutMs)
{
    const QString program = m_kind == PeerKind::Go ? goAgentPath() : grapevineAgentPath();
    QStringList args{QStringLiteral("--name"),       m_name,
                     QStringLiteral("--bind"),       gossipAddress(),
                     QStringLiteral("--http"),       QStringLiteral("127.0.0.1:%1").arg(m_httpPort),
                     QStringLiteral("--log-format"), QStringLiteral("json"),
                     QStringLiteral("--profile"),    QStringLiteral("local")};
    if (!m_child.start(program, args + extra)) {
        m_lastError =
            label() + QStringLiteral(": cannot start %1 (%2)").arg(program, m_child.errorString());
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
    return testing::localHttp(m_httpPort, "GET", QUrl(pathAndQuery).toEncoded(), {}, timeoutMs);
}

QMap<QString, QString> PeerProcess::members(int timeoutMs)
{
    QMap<QString, QString> result;
    const HttpReply reply = get(QStringLiteral("/v1/members"), timeoutMs);
    const QJsonArray rows = reply.json().array();
    for (const auto &row : rows)
        result.insert(row[QStringLiteral("name")].toString(),
                      row[QStringLiteral("state")].toString());
    return result;
}

QJsonObject PeerProcess::value(int timeoutMs)
{
    return get(QStringLiteral("/v1/value"), timeoutMs).json().object();
}

bool PeerProcess::set(const QString &value)
{
    const HttpReply reply =
        get(QStringLiteral("/?set=") + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return reply.ok && reply.status == 200;
}

} // namespace grapevine::interop
