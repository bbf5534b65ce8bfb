// Node joins: resolve, engine join, plain failure reasons, retry with backoff for --join.
#include "node_impl.h"

#include "join_errors.h"

namespace grapevine {

namespace {
constexpr int kFirstRetryMs = 1000;
constexpr int kMaxRetryMs = 30000;
} // namespace

void Node::Impl::startJoin(const QStringList &targets, bool automatic)
{
    const QString target = targets.join(QStringLiteral(", "));
    resolver->resolve(
        targets, transport->boundPort(),
        [this, target, automatic](std::vector<wire::Endpoint> seeds, QStringList errors) {
            joinSeeds(target, automatic, seeds, errors);
        });
}

void Node::Impl::joinSeeds(const QString &target, bool automatic,
                           const std::vector<wire::Endpoint> &seeds,
                           const QStringList &resolveErrors)
{
    if (leaving || !engine)
        return;
    if (seeds.empty()) {
        finishJoin({target, false, engine->aliveCount(), resolveErrors.join(QStringLiteral("; "))},
                   automatic);
        return;
    }
    const std::uint64_t id = engine->join(tick(), seeds);
    joins[id] = JoinRequest{target, automatic, resolveErrors};
    joinBeingStarted = id;
    afterEngine();
    joinBeingStarted.reset();
}

void Node::Impl::onJoinFinished(const protocol::JoinFinished &finished)
{
    const auto it = joins.find(finished.joinId);
    if (it == joins.end())
        return;
    JoinRequest request = std::move(it->second);
    joins.erase(it);
    JoinResult result;
    result.target = request.target;
    result.ok = finished.contacted > 0;
    result.members = engine->aliveCount();
    if (!result.ok) {
        request.streamErrors.removeDuplicates();
        result.error = request.streamErrors.isEmpty()
                           ? plainEngineJoinError(finished.error)
                           : request.streamErrors.join(QStringLiteral("; "));
        if (result.error.isEmpty())
            result.error = QStringLiteral("no seed answered");
    }
    finishJoin(result, request.automatic);
}

void Node::Impl::finishJoin(JoinResult result, bool automatic)
{
    emit q->joinFinished(result);
    if (!automatic)
        return;
    if (result.ok) {
        autoJoined = true;
        autoJoinDelayMs = kFirstRetryMs;
        emit q->logged(QStringLiteral("joined the cluster through %1 (%2 members)")
                           .arg(result.target)
                           .arg(result.members));
        return;
    }
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
