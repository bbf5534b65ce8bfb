// Node in Serf mode: which delegate carries the value, Serf's extras on member snapshots
// (tags, coordinates, leave intents), Serf notices and keyring changes as signals, and the
// two-step graceful leave (Serf's leave intent, then memberlist's leave).
#include "core/serf/base64.h"
#include "node_impl.h"
#include "snapshots.h"

#include <QRandomGenerator>

namespace grapevine {

namespace {

// Serf waits for its leave intent to be gossiped before memberlist's leave (Leave() in
// serf.go, up to BroadcastTimeout). The intent is also pushed to every live member at once,
// so a few gossip rounds are enough for the piggybacked copies to follow.
constexpr int kLeaveIntentDelayMs = 600;

// Serf erases a pruned member that is still alive (leaving) only after its leave has had
// time to spread: BroadcastTimeout + LeavePropagateDelay (handlePrune in serf.go; 5 s + 1 s
// by default).
constexpr int kPruneWaitMs = 6000;

// Serf's delegate versions (serf.go ProtocolVersionMin/Max, config.go ProtocolVersion 4):
// every Serf, Consul and Nomad node checks them on each push/pull.
constexpr std::array<std::uint8_t, 3> kSerfDelegateVersion{2, 5, 4};

QString kindName(serf::SerfNotice::Kind kind)
{
    switch (kind) {
    case serf::SerfNotice::Kind::UserEvent:
        return QStringLiteral("event");
    case serf::SerfNotice::Kind::Query:
        return QStringLiteral("query");
    case serf::SerfNotice::Kind::KeyringChanged:
        return QStringLiteral("keyring");
    case serf::SerfNotice::Kind::Intent:
        return QStringLiteral("intent");
    case serf::SerfNotice::Kind::Problem:
        return QStringLiteral("problem");
    }
    return QStringLiteral("problem");
}

bool parseTags(const QStringList &texts, serf::Tags *tags, QString *error)
{
    for (const QString &text : texts) {
        const auto tag = serf::parseTag(text.toStdString());
        if (!tag) {
            *error = QStringLiteral("--tag %1: expected KEY=VALUE").arg(text);
            return false;
        }
        (*tags)[tag->first] = tag->second;
    }
    if (const std::string why = serf::checkTagsFit(*tags); !why.empty()) {
        *error = QStringLiteral("--tag: %1").arg(QString::fromStdString(why));
        return false;
    }
    return true;
}

} // namespace

bool Node::Impl::createDelegate(protocol::Config &config, QString *error)
{
    if (!options.serf) {
        if (!options.tags.isEmpty()) {
            *error = QStringLiteral("--tag needs --serf: in memberlist mode the node metadata "
                                    "carries the value's version");
            return false;
        }
        shared = std::make_unique<value::SharedValue>(config.name, options.plainValues);
        return true;
    }
    serf::Tags tags;
    if (!parseTags(options.tags, &tags, error))
        return false;
    config.delegateVersion = kSerfDelegateVersion;
    auto created = std::make_unique<serf::SerfDelegate>(config.name, std::move(tags),
                                                        QRandomGenerator::system()->generate64(),
                                                        &transport->keyring());
    serfDelegate = created.get();
    shared = std::move(created);
    return true;
}

void Node::Impl::deliverSerf()
{
    for (const serf::SerfNotice &n : serfDelegate->takeNotices()) {
        SerfNoticeInfo info{kindName(n.kind), QString::fromStdString(n.name),
                            QByteArray(reinterpret_cast<const char *>(n.payload.data()),
                                       qsizetype(n.payload.size())),
                            n.ltime, QString::fromStdString(n.text)};
        emit q->serfNotice(info);
        if (n.kind == serf::SerfNotice::Kind::KeyringChanged)
            emit q->keyringChanged(keyringView());
    }
    for (const std::string &name : serfDelegate->takeTouchedMembers()) {
        if (departed.isPruned(QString::fromStdString(name)))
            continue; // Serf erased it: not listed
        if (const auto member = engine->member(name)) {
            emit q->memberChanged(MemberChange::Updated, snapshotOf(*member));
            continue;
        }
        if (!leftByIntent(name))
            continue;
        if (const MemberSnapshot *kept = departed.markLeft(QString::fromStdString(name)))
            emit q->memberChanged(MemberChange::Updated, *kept);
    }
    for (const std::string &name : serfDelegate->takePruned())
        prune(QString::fromStdString(name));
}

void Node::Impl::prune(const QString &member)
{
    const auto held = engine->member(member.toStdString());
    const bool live =
        held && (held->state == wire::NodeState::Alive || held->state == wire::NodeState::Suspect);
    if (!live) {
        erasePruned(member);
        return;
    }
    // The engine may be replaced (leave, then join) before the wait ends: its base moves.
    const quint64 engineBase = streamIdBase;
    QTimer::singleShot(kPruneWaitMs, q, [this, member, engineBase] {
        if (engine && streamIdBase == engineBase)
            erasePruned(member);
    });
}

void Node::Impl::erasePruned(const QString &member)
{
    if (departed.isPruned(member))
        return;
    const auto held = engine->member(member.toStdString());
    if (held && held->isSelf)
        return;
    std::optional<MemberSnapshot> shown = held ? std::optional(snapshotOf(*held)) : std::nullopt;
    if (std::optional<MemberSnapshot> kept = departed.prune(member))
        shown = std::move(kept);
    if (!shown) {
        departed.rejoined(member); // Serf erases only a member it lists
        return;
    }
    emit q->memberChanged(MemberChange::Removed, *shown);
}

// Serf's defaults: ReconnectTimeout for a failed member (also the engine's reconnect list),
// TombstoneTimeout for a left one.
constexpr qint64 kTombstoneTimeoutMs = qint64(24) * 60 * 60 * 1000;

bool Node::Impl::leftByIntent(const std::string &member) const
{
    const serf::IntentStatus intent = serfDelegate->intentStatus(member);
    return intent == serf::IntentStatus::Left || intent == serf::IntentStatus::Leaving;
}

void Node::Impl::keepDeparted(const MemberSnapshot &member)
{
    if (member.isSelf)
        return;
    emit q->memberChanged(MemberChange::Updated, departed.keep(member, clock.wallMs()));
}

// Once a second, not after every packet: the timeouts are hours, and a large cluster after a
// split can keep many reaped members.
constexpr qint64 kDepartedCheckMs = 1000;

void Node::Impl::expireDeparted()
{
    if (departed.empty() || clock.wallMs() < nextDepartedCheckMs)
        return;
    nextDepartedCheckMs = clock.wallMs() + kDepartedCheckMs;
    const qint64 failedTimeoutMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(engineConfig.reconnectTimeout)
            .count();
    for (const MemberSnapshot &gone :
         departed.expire(clock.wallMs(), failedTimeoutMs, kTombstoneTimeoutMs))
        emit q->memberChanged(MemberChange::Removed, gone);
}

void Node::Impl::forgetDeparted()
{
    for (const MemberSnapshot &gone : departed.all())
        emit q->memberChanged(MemberChange::Removed, gone);
    departed.clear();
}

void Node::Impl::announceJoined()
{
    if (serfDelegate)
        serfDelegate->announceJoin(tick());
}

void Node::Impl::beginLeave()
{
    if (serfDelegate && serfDelegate->announceLeave(tick())) {
        afterEngine();
        leaveTimer->start(kLeaveIntentDelayMs);
        return;
    }
    engine->leave(tick());
    afterEngine();
}

MemberSnapshot Node::Impl::snapshotOf(const protocol::MemberInfo &member) const
{
    MemberSnapshot s = toSnapshot(member, clock);
    if (!serfDelegate)
        return s;
    const auto &coordinates = serfDelegate->coordinates();
    if (const auto it = coordinates.find(member.name); it != coordinates.end()) {
        for (double v : it->second.vec)
            s.coordinate.append(v);
        s.estimatedRttUs = std::chrono::duration_cast<std::chrono::microseconds>(
                               serfDelegate->coordinate().distanceTo(it->second))
                               .count();
    } else if (member.isSelf) {
        for (double v : serfDelegate->coordinate().vec)
            s.coordinate.append(v);
    }
    s.leftByIntent = leftByIntent(member.name);
    // Serf reports a failed member that a leave intent named (force-leave) as left.
    if (s.leftByIntent && s.state == MemberState::Dead)
        s.state = MemberState::Left;
    return s;
}

QStringList Node::Impl::keyringView() const
{
    QStringList keys;
    if (!transport)
        return keys;
    for (const wire::Bytes &key : transport->keyring().keys())
        keys << QString::fromStdString(serf::toBase64(key));
    return keys;
}

bool Node::Impl::setTags(const QMap<QString, QString> &tags, QString *error)
{
    if (!serfDelegate || !engine) {
        *error = QStringLiteral("tags need Serf mode (--serf)");
        return false;
    }
    serf::Tags next;
    for (auto it = tags.begin(); it != tags.end(); ++it) {
        if (it.key().isEmpty()) {
            *error = QStringLiteral("a tag needs a name");
            return false;
        }
        next[it.key().toStdString()] = it.value().toStdString();
    }
    if (const std::string why = serfDelegate->setTags(tick(), std::move(next)); !why.empty()) {
        *error = QString::fromStdString(why);
        return false;
    }
    afterEngine();
    return true;
}

} // namespace grapevine
