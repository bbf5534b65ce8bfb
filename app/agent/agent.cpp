// agent.cpp — see the header.
#include "agent.h"

#include <csignal>

namespace grapevine::agent {

namespace {

// Leave gossips our departure before shutting down; if the Node never reports back (a broken
// network), the process still exits after this long.
constexpr int kLeaveGuardMs = 10'000;

} // namespace

Agent::Agent(const NodeOptions &options, bool logPackets, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_node(options)
    , m_log(&m_node, api::NodeEventLog::parseFormat(options.logFormat))
    , m_api(&m_node)
{
    if (logPackets)
        m_log.setPacketsEnabled(true);
    m_api.setEventLog(&m_log);
    m_leaveGuard.setSingleShot(true);
    connect(&m_leaveGuard, &QTimer::timeout, this, [this] {
        m_log.log(QStringLiteral("exit"),
                  {{QStringLiteral("reason"), QStringLiteral("leave did not finish in time")}});
        emit finished(0);
    });
    connect(&m_node, &Node::leaveFinished, this, [this] {
        if (m_leaving)
            emit finished(0);
    });
    connect(&m_api, &api::NodeHttpApi::leaveRequested, this, [this] {
        // The API has already asked the Node to leave; only the exit policy is ours.
        m_leaving = true;
        m_leaveGuard.start(kLeaveGuardMs);
        m_log.log(QStringLiteral("leaving"), {{QStringLiteral("reason"), QStringLiteral("http")}});
    });
}

bool Agent::start(QString *error)
{
    if (!m_node.start(error))
        return false;
    if (m_options.http.isEmpty())
        return true;
    if (!m_api.listen(m_options.http, error))
        return false;
    m_log.log(QStringLiteral("http"), {{QStringLiteral("addr"), m_api.address()}});
    return true;
}

void Agent::onSignal(int signal)
{
    if (m_leaving) {
        // A second signal: the user does not want to wait for the leave.
        emit finished(signal == SIGINT ? 130 : 143);
        return;
    }
    beginLeave(signal == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM"));
}

void Agent::beginLeave(const QString &reason)
{
    m_leaving = true;
    m_log.log(QStringLiteral("leaving"), {{QStringLiteral("reason"), reason}});
    m_leaveGuard.start(kLeaveGuardMs);
    m_node.leave();
}

} // namespace grapevine::agent
