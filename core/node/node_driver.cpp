// Node's engine driver: effects -> transport calls and signals; the timer; convergence.
#include "node_impl.h"

#include "core/wire/overloaded.h"
#include "join_errors.h"
#include "observation_snapshot.h"
#include "snapshots.h"

namespace grapevine {

namespace {
// Says which side of a name conflict this node is on (memberlist logs "Conflicting address").
QString conflictMessage(const protocol::NameConflict &conflict)
{
    const QString name = QString::fromStdString(conflict.name);
    const QString existing = QString::fromStdString(conflict.existing.toString());
    const QString other = QString::fromStdString(conflict.other.toString());
    if (conflict.impostor)
        return QStringLiteral("name conflict: the cluster already knows %1 at %2; this node (%3) "
                              "is the impostor and its members ignore it: restart it with "
                              "another --name")
            .arg(name, other, existing);
    if (conflict.ownName)
        // Not "we keep it": a join reply may yet show the other was there first (impostor).
        return QStringLiteral("name conflict: %1 also claims this node's name %2 (this node is "
                              "%3); members that knew this node first ignore the other")
            .arg(other, name, existing);
    return QStringLiteral("name conflict: %1 is claimed by %2 (kept) and %3 (ignored)")
        .arg(name, existing, other);
}

} // namespace

protocol::TimePoint Node::Impl::tick()
{
    if (shared)
        shared->setWallClockMs(clock.wallMs());
    return clock.now();
}

void Node::Impl::afterEngine()
{
    shared->flush(tick());
    // Applied values first, so a set's event is stamped before its packets leave.
    deliverApplied();
    if (serfDelegate)
        deliverSerf();
    // One effect at a time: a slot connected to a signal emitted here may call a Node
    // command, which runs its own afterEngine; polling keeps the order intact.
    while (std::optional<protocol::Effect> effect = engine->pollEffect())
        dispatch(*effect);
    deliverObservations();
    if (serfDelegate)
        expireDeparted();
    if (convergence)
        evaluateConvergence();
    armTimer();
}

void Node::Impl::dispatch(protocol::Effect &effect)
{
    std::visit(Overloaded{
                   [this](protocol::SendPacket &send) {
                       transport->sendPacket(send.to, protocol::takeParts(send), send.crc);
                   },
                   [this](protocol::OpenStream &open) { onOpenStream(open); },
                   [this](protocol::MemberChanged &changed) { onMemberChanged(changed); },
                   [this](protocol::HealthChanged &health) { emit q->healthChanged(health.score); },
                   [](protocol::ProbeFinished &) {},
                   [this](protocol::JoinFinished &finished) { onJoinFinished(finished); },
                   [this](protocol::LeaveFinished &) {
                       leaveDone = true;
                       emit q->leaveFinished();
                   },
                   [this](protocol::NameConflict &conflict) { onNameConflict(conflict); },
               },
               effect);
}

void Node::Impl::onNameConflict(const protocol::NameConflict &conflict)
{
    const QString message = conflictMessage(conflict);
    if (conflict.impostor)
        noteConflict(message);
    emit q->errorOccurred(message);
    if (!conflict.ownName)
        return; // two other nodes share a name: the message says so, nothing to track here
    ++ownConflictsRaised;
    NameConflictReport report{true, conflict.impostor, name,
                              QString::fromStdString(conflict.other.toString()), message};
    const bool changed = !nameConflict.active || nameConflict.impostor != report.impostor ||
                         nameConflict.otherAddress != report.otherAddress;
    nameConflict = report;
    if (changed)
        emit q->nameConflictChanged(report);
}

void Node::Impl::afterPushPull(quint64 conflictsBefore)
{
    if (!nameConflict.active || ownConflictsRaised != conflictsBefore)
        return;
    nameConflict.active = false;
    nameConflict.message = QStringLiteral("name conflict over %1 ended").arg(name);
    emit q->nameConflictChanged(nameConflict);
}

void Node::Impl::onOpenStream(const protocol::OpenStream &open)
{
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(open.deadline - clock.now());
    const int timeoutMs = static_cast<int>(std::max<qint64>(1, left.count()));
    if (open.purpose == protocol::StreamPurpose::Join && joinBeingStarted)
        joinStreams[open.id] = {*joinBeingStarted, open.to};
    transport->openStream(streamIdBase + open.id, open.to, open.request, timeoutMs,
                          open.expectsReply);
}

void Node::Impl::onStreamFinished(quint64 transportId, const wire::Result<wire::Message> &reply)
{
    if (transportId < streamIdBase)
        return; // opened by an engine that has since been replaced (leave, then rejoin)
    const quint64 id = transportId - streamIdBase;
    bool cancelled = false;
    if (const auto it = joinStreams.find(id); it != joinStreams.end()) {
        const auto join = joins.find(it->second.joinId);
        if (!reply.ok() && join != joins.end())
            join->second.streamErrors << plainStreamError(it->second.to, reply.error().message);
        cancelled = cancelledJoins.contains(it->second.joinId);
        joinStreams.erase(it);
    }
    const quint64 conflictsBefore = ownConflictsRaised;
    if (cancelled) // the user cancelled this join: its answer must not make us a member
        engine->handleStreamReply(tick(), id, wire::Error{"join cancelled"});
    else
        engine->handleStreamReply(tick(), id, reply);
    afterEngine();
    if (!cancelled && reply.ok() && std::holds_alternative<wire::PushPull>(reply.value()))
        afterPushPull(conflictsBefore);
}

void Node::Impl::onMemberChanged(const protocol::MemberChanged &changed)
{
    const MemberSnapshot snapshot = snapshotOf(changed.member);
    nameByAddress[changed.member.address.toString()] = snapshot.name;
    if (serfDelegate && departed.isPruned(snapshot.name)) {
        if (changed.kind != protocol::MemberEventKind::Joined)
            return; // Serf erased it; memberlist's news of it is not listed until it rejoins
        departed.rejoined(snapshot.name);
    }
    if (serfDelegate && changed.kind == protocol::MemberEventKind::Removed) {
        keepDeparted(snapshot);
        return;
    }
    if (serfDelegate)
        departed.forget(snapshot.name); // it came back (the engine lists it again)
    emit q->memberChanged(toMemberChange(changed.kind), snapshot);
}

void Node::Impl::deliverApplied()
{
    std::vector<value::Applied> applied = shared->takeApplied();
    if (applied.empty())
        return;
    for (const value::Applied &one : applied)
        emit q->valueChanged(toSnapshot(one.entry));
    const bool onlyRestored = std::all_of(applied.begin(), applied.end(), [](const auto &a) {
        return a.source == value::AppliedSource::Restored;
    });
    if (!onlyRestored && !saveTimer->isActive())
        saveTimer->start();
}

void Node::Impl::deliverObservations()
{
    if (pendingObservations.items.empty())
        return;
    // Swapped out first: a slot may run a Node command, whose engine call adds more.
    std::vector<protocol::Observation> taken;
    taken.swap(pendingObservations.items);
    const qint64 wallAtZero = clock.toWallMs(protocol::TimePoint{});
    for (const protocol::Observation &observation : taken) {
        const TimelineEntry entry = toTimelineEntry(observation, wallAtZero);
        timelines.add(entry);
        emit q->observed(entry);
    }
}

void Node::Impl::saveState()
{
    saveTimer->stop();
    QString problem;
    if (!stateFile->save(shared->current(), shared->clock(), &problem))
        emit q->errorOccurred(problem);
}

void Node::Impl::evaluateConvergence()
{
    const value::ConvergenceStatus status = shared->convergence(engine->members());
    ConvergenceReport report;
    report.version = toValueVersion(convergence->version);
    report.reached = status.reached;
    report.total = status.total;
    report.complete = status.complete() && status.version == convergence->version;
    report.elapsedUs =
        std::chrono::duration_cast<std::chrono::microseconds>(clock.now() - convergence->since)
            .count();
    const ConvergenceReport &last = convergence->last;
    if (report.reached == last.reached && report.total == last.total &&
        report.complete == last.complete)
        return;
    convergence->last = report;
    const bool done = report.complete || status.version != convergence->version;
    if (done)
        convergence.reset(); // a newer version superseded ours, or everyone holds it
    emit q->convergenceChanged(report);
}

void Node::Impl::armTimer()
{
    const std::optional<protocol::TimePoint> deadline = engine->nextDeadline();
    if (!deadline) {
        timer->stop();
        return;
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*deadline - clock.now());
    timer->start(static_cast<int>(std::clamp<qint64>(wait.count(), 0, qint64{24} * 3600 * 1000)));
}

bool Node::Impl::setValue(const QString &value, QString *error)
{
    if (!engine) {
        *error = QStringLiteral("the node is not running");
        return false;
    }
    if (leaving) {
        *error = QStringLiteral("this node has left the cluster; join again to set the value");
        return false;
    }
    const protocol::TimePoint now = tick();
    if (auto refused = shared->set(now, clock.wallMs(), value.toStdString())) {
        *error = QString::fromStdString(*refused);
        return false;
    }
    convergence = Convergence{shared->current().version, now, {}};
    afterEngine();
    return true;
}

NodeStats Node::Impl::stats() const
{
    NodeStats result;
    if (transport)
        result.traffic = transport->stats();
    if (!engine)
        return result;
    const protocol::EngineStats s = engine->stats();
    const EngineCounters counters{s.probes,      s.probeFailures, s.suspicionsRaised,
                                  s.refutations, s.pushPulls,     s.broadcastsQueued};
    result.running = RunningStats{counters, engine->healthScore(), engine->aliveCount(), name};
    return result;
}

} // namespace grapevine
