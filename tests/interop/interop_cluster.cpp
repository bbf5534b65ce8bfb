// interop_cluster.cpp — see the header.
#include "interop_cluster.h"
#include "tests/support/free_port.h"

#include "tests/support/wait_until.h"

namespace grapevine::interop {

using testing::pumpEvents;
using testing::waitUntil;

InteropCluster::InteropCluster() = default;

InteropCluster::~InteropCluster()
{
    for (auto &peer : m_peers)
        peer->kill9();
}

PeerProcess *InteropCluster::startGo(const QString &name, const QStringList &extra)
{
    return startPeer(PeerKind::Go, name, extra);
}

PeerProcess *InteropCluster::startGrapevine(const QString &name, const QStringList &extra)
{
    const QString dataDir = m_dataRoot.filePath(name);
    return startPeer(PeerKind::Grapevine, name,
                     QStringList{QStringLiteral("--data-dir"), dataDir} + extra);
}

PeerProcess *InteropCluster::startPeer(PeerKind kind, const QString &name, const QStringList &extra)
{
    // Another test program may still take a port between our check and the peer's bind: a
    // start that failed on a port in use is retried on fresh ports (any other failure is not).
    constexpr int kAttempts = 3;
    for (int attempt = 1;; ++attempt) {
        const quint16 gossip = testing::freePort();
        const quint16 http = testing::freePort();
        auto peer = std::make_unique<PeerProcess>(kind, name, gossip, http);
        if (peer->start(extra)) {
            m_peers.push_back(std::move(peer));
            return m_peers.back().get();
        }
        m_lastError = peer->lastError();
        m_peers.push_back(std::move(peer)); // keep its log for diagnostics()
        if (attempt == kAttempts || !m_lastError.contains(QLatin1String("in use")))
            return nullptr;
    }
}

bool InteropCluster::waitForStates(const QList<PeerProcess *> &observers, const QStringList &names,
                                   const QStringList &states, int timeoutMs)
{
    return waitUntil(
        [&] {
            for (PeerProcess *observer : observers) {
                const auto view = observer->members(1000);
                for (const QString &name : names) {
                    if (!states.contains(view.value(name))) {
                        m_lastMismatch = QStringLiteral("%1 sees %2 as '%3' (wanted %4)")
                                             .arg(observer->label(), name, view.value(name),
                                                  states.join(QLatin1Char('|')));
                        return false;
                    }
                }
            }
            return true;
        },
        timeoutMs, 200);
}

bool InteropCluster::waitForAlive(const QList<PeerProcess *> &observers, const QStringList &names,
                                  int timeoutMs)
{
    return waitForStates(observers, names, {QStringLiteral("alive")}, timeoutMs);
}

// "Alone" is a live node that lists only itself: a peer that exited or does not answer
// (an empty view never lists the node itself) breaks the wait as an intruder would.
bool InteropCluster::staysAlone(const QList<PeerProcess *> &observers, int forMs)
{
    const bool intruded = waitUntil(
        [&] {
            for (PeerProcess *observer : observers) {
                const auto view =
                    observer->isRunning() ? observer->members(1000) : QMap<QString, QString>{};
                if (!view.contains(observer->name())) {
                    m_lastMismatch = QStringLiteral("%1 %2").arg(
                        observer->label(), observer->isRunning()
                                               ? QStringLiteral("does not answer /v1/members")
                                               : QStringLiteral("exited"));
                    return true;
                }
                for (auto it = view.cbegin(); it != view.cend(); ++it) {
                    if (it.key() != observer->name()) {
                        m_lastMismatch = QStringLiteral("%1 lists %2 (%3)")
                                             .arg(observer->label(), it.key(), it.value());
                        return true;
                    }
                }
            }
            return false;
        },
        forMs, 250);
    return !intruded;
}

QStringList InteropCluster::goErrors(const QStringList &allowed)
{
    QStringList lines;
    for (const auto &peer : m_peers) {
        if (peer->kind() != PeerKind::Go)
            continue;
        peer->drainOutput();
        for (const QString &line : peer->errorLines(allowed))
            lines << peer->label() + QStringLiteral(": ") + line;
    }
    return lines;
}

QString InteropCluster::diagnostics()
{
    QString text = QStringLiteral("last mismatch: %1\n").arg(m_lastMismatch);
    for (const auto &peer : m_peers) {
        QStringList view;
        if (peer->isRunning()) {
            const auto members = peer->members(1000);
            for (auto it = members.cbegin(); it != members.cend(); ++it)
                view << it.key() + QLatin1Char('=') + it.value();
        }
        text += QStringLiteral("---- %1 (%2) members: %3\n%4\n")
                    .arg(peer->label(),
                         peer->isRunning() ? QStringLiteral("running") : QStringLiteral("exited"),
                         view.join(QLatin1Char(' ')), peer->logTail(15));
    }
    return text;
}

} // namespace grapevine::interop
