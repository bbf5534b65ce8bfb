// Node joins: resolve, refuse seeds that cannot work (this node itself, the other IP family),
// engine join, plain failure reasons, cancel, retry with backoff for --join.
#include "node_impl.h"

#include "join_errors.h"
#include "join_seeds.h"

#include <QNetworkInterface>

namespace grapevine {

namespace {
constexpr int kFirstRetryMs = 1000;
constexpr int kMaxRetryMs = 30000;
} // namespace

void Node::Impl::startJoin(const QStringList &targets, bool automatic)
{
    const QString target = targets.join(QStringLiteral(", "));
    const quint64 token = automatic ? 0 : ++manualJoinToken;
    resolver->resolve(targets, transport->boundPort(),
                      [this, target, automatic, token](const std::vector<wire::Endpoint> &seeds,
                                                       const QStringList &errors) {
                          if (!automatic && token != manualJoinToken)
                              return; // cancelled while resolving: already reported
                          joinSeeds(target, automatic, seeds, errors);
                      });
}

OwnAddress Node::Impl::ownAddress() const
{
    OwnAddress self;
    self.bound = QHostAddress(options.bindHost);
    self.port = transport->boundPort();
    self.advertised = wire::parseEndpoint(address.toStdString()).value_or(wire::Endpoint{});
    self.local = QNetworkInterface::allAddresses();
    return self;
}

void Node::Impl::joinSeeds(const QString &target, bool automatic,
                           const std::vector<wire::Endpoint> &seeds,
                           const QStringList &resolveErrors)
{
    if (leaving || !engine)
        return;
    const SeedCheck check = checkSeeds(seeds, ownAddress());
    const QStringList problems = resolveErrors + check.problems;
    if (check.usable.empty()) {
        JoinResult result{target, false, engine->aliveCount(), problems.join(QStringLiteral("; "))};
        result.outcome = check.onlySelf ? JoinOutcome::OwnAddress : JoinOutcome::Failed;
        if (check.onlySelf)
            result.peerNames = {name};
        finishJoin(result, automatic);
        return;
    }
    const std::uint64_t id = engine->join(tick(), check.usable);
    joins[id] = JoinRequest{target, automatic, problems, check.usable, {}};
    joinBeingStarted = id;
    afterEngine();
    joinBeingStarted.reset();
}

void Node::Impl::onJoinFinished(const protocol::JoinFinished &finished)
{
    const auto it = joins.find(finished.joinId);
    if (it == joins.end())
        return; // cancelled: already reported
    JoinRequest request = std::move(it->second);
    joins.erase(it);
    JoinResult result;
    result.target = request.target;
    result.ok = finished.contacted > 0;
    result.members = engine->aliveCount();
    result.peerNames = namesOf(request.seeds);
    if (result.ok && request.conflict.isEmpty())
        announceJoined();
    if (result.ok && !request.conflict.isEmpty()) {
        result.ok = false;
        result.outcome = JoinOutcome::NameConflict;
        result.error = request.conflict;
    } else if (!result.ok) {
        request.streamErrors.removeDuplicates();
        result.error = request.streamErrors.isEmpty()
                           ? plainEngineJoinError(finished.error)
                           : request.streamErrors.join(QStringLiteral("; "));
        if (result.error.isEmpty())
            result.error = QStringLiteral("no seed answered");
    }
    finishJoin(result, request.automatic);
}

QStringList Node::Impl::namesOf(const std::vector<wire::Endpoint> &seeds) const
{
    QStringList names;
    for (const wire::Endpoint &seed : seeds) {
        const auto it = nameByAddress.find(seed.toString());
        if (it != nameByAddress.end() && !names.contains(it->second))
            names << it->second;
    }
    return names;
}

void Node::Impl::noteConflict(const QString &message)
{
    for (auto &[id, request] : joins)
        request.conflict = message;
}

void Node::Impl::cancelJoins()
{
    ++manualJoinToken; // a join still resolving names reports nothing more
    for (auto it = joins.begin(); it != joins.end();) {
        if (it->second.automatic) {
            ++it;
            continue;
        }
        cancelledJoins.insert(it->first);
        JoinResult result{it->second.target, false, engine->aliveCount(),
                          QStringLiteral("cancelled")};
        result.outcome = JoinOutcome::Cancelled;
        it = joins.erase(it);
        emit q->joinFinished(result);
    }
}

void Node::Impl::finishJoin(JoinResult result, bool automatic)
{
    if (result.ok)
        result.outcome = JoinOutcome::Joined;
    emit q->joinFinished(result);
    if (!automatic)
        return;
    if (result.ok) {
        autoJoined = true;
        autoJoinDelayMs = kFirstRetryMs;
        emit q->logged(QStringLiteral("joined the cluster through %1 (%2 members)")
                           .arg(result.target, QString::number(result.members)));
        return;
    }
    if (result.outcome == JoinOutcome::OwnAddress)
        return; // retrying cannot help
    scheduleAutoJoin(result.error);
}

void Node::Impl::scheduleAutoJoin(const QString &reason)
{
    if (leaving || autoJoined)
        return;
    emit q->logged(QStringLiteral("join %1 failed: %2; retrying in %3 s")
                       .arg(options.joins.join(QStringLiteral(", ")), reason)
                       .arg(autoJoinDelayMs / 1000));
    autoJoinTimer->start(autoJoinDelayMs);
    autoJoinDelayMs = std::min(autoJoinDelayMs * 2, kMaxRetryMs);
}

} // namespace grapevine
