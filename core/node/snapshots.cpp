#include "snapshots.h"

#include "core/serf/tags.h"

namespace grapevine {

MemberState toMemberState(wire::NodeState state)
{
    switch (state) {
    case wire::NodeState::Alive:
        return MemberState::Alive;
    case wire::NodeState::Suspect:
        return MemberState::Suspect;
    case wire::NodeState::Dead:
        return MemberState::Dead;
    case wire::NodeState::Left:
        return MemberState::Left;
    }
    return MemberState::Dead;
}

MemberChange toMemberChange(protocol::MemberEventKind kind)
{
    switch (kind) {
    case protocol::MemberEventKind::Joined:
        return MemberChange::Joined;
    case protocol::MemberEventKind::Updated:
        return MemberChange::Updated;
    case protocol::MemberEventKind::Left:
        return MemberChange::Left;
    case protocol::MemberEventKind::Removed:
        return MemberChange::Removed;
    }
    return MemberChange::Updated;
}

ValueVersion toValueVersion(const value::Version &version)
{
    return {version.lamport, QString::fromStdString(version.origin)};
}

MemberSnapshot toSnapshot(const protocol::MemberInfo &member, const NodeClock &clock)
{
    MemberSnapshot s;
    s.name = QString::fromStdString(member.name);
    s.address = QString::fromStdString(member.address.ipText());
    s.port = member.address.port;
    s.state = toMemberState(member.state);
    s.incarnation = member.incarnation;
    if (member.rtt)
        s.rttUs = std::chrono::duration_cast<std::chrono::microseconds>(*member.rtt).count();
    s.meta = QByteArray(reinterpret_cast<const char *>(member.meta.data()),
                        static_cast<qsizetype>(member.meta.size()));
    if (auto held = value::SharedValue::heldVersion(member))
        s.heldVersion = toValueVersion(*held);
    s.stateSinceMs = clock.toWallMs(member.stateChangedAt);
    s.confirmations = member.confirmations;
    s.confirmationsWanted = member.confirmationsWanted;
    if (member.suspicionDeadline)
        s.suspicionDeadlineMs = clock.toWallMs(*member.suspicionDeadline);
    s.isSelf = member.isSelf;
    readSerfTags(member.meta, &s);
    return s;
}

void readSerfTags(wire::ByteView meta, MemberSnapshot *snapshot)
{
    auto tags = serf::decodeTags(meta);
    if (!tags || !tags->ok())
        return;
    snapshot->hasTags = true;
    for (const auto &[key, value] : tags->value())
        snapshot->tags.insert(QString::fromStdString(key), QString::fromStdString(value));
}

ValueSnapshot toSnapshot(const value::ValueRegister::Entry &entry)
{
    return {QString::fromStdString(entry.value), toValueVersion(entry.version), entry.updatedMs};
}

} // namespace grapevine
