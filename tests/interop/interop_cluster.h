// interop_cluster.h — the fixture of an interop case: starts Go memberlist peers and
// grapevine-agents on 127.0.0.1 with free ports and private data folders, waits for the
// membership views to agree, and collects the Go side's "[ERR]" log lines.
// Owns its processes: the destructor kills whatever is still running.
#pragma once

#include "peer_process.h"

#include <QList>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>
#include <vector>

namespace grapevine::interop {

class InteropCluster {
public:
    InteropCluster();
    ~InteropCluster();

    // Starts a node; nullptr on failure (the reason is in lastError()).
    PeerProcess *startGo(const QString &name, const QStringList &extra = {});
    PeerProcess *startGrapevine(const QString &name, const QStringList &extra = {});

    // Every observer lists every name in `names` with a state in `states`.
    bool waitForStates(const QList<PeerProcess *> &observers, const QStringList &names,
                       const QStringList &states, int timeoutMs);
    bool waitForAlive(const QList<PeerProcess *> &observers, const QStringList &names,
                      int timeoutMs);
    // The observers still see exactly themselves alive and nobody else (for keys that
    // must keep a stranger out): checked for the whole of `forMs`.
    bool staysAlone(const QList<PeerProcess *> &observers, int forMs);

    // "[ERR]" lines of every Go peer, except lines containing one of `allowed`.
    [[nodiscard]] QStringList goErrors(const QStringList &allowed = {});
    // Membership views and log tails of every node, for a failure message.
    [[nodiscard]] QString diagnostics();
    [[nodiscard]] QString lastError() const { return m_lastError; }

private:
    PeerProcess *startPeer(PeerKind kind, const QString &name, const QStringList &extra);

    QTemporaryDir m_dataRoot;
    std::vector<std::unique_ptr<PeerProcess>> m_peers;
    QString m_lastError;
    QString m_lastMismatch;
};

} // namespace grapevine::interop
