#include "lab_snapshots.h"

#include "core/net/packet_tracer.h"
#include "core/node/observation_snapshot.h"
#include "core/node/snapshots.h"
#include "core/wire/packet.h"
#include "core/wire/stream.h"

#include <QDateTime>

#include <chrono>

namespace grapevine::ui {

namespace {

qint64 virtualMs(protocol::TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
}

CellView toCellView(std::optional<wire::NodeState> state)
{
    if (!state)
        return CellView::Unknown;
    return CellView(int(toMemberState(*state)));
}

CellValue toCellValue(const value::SharedValue *v, const value::Version &newest)
{
    if (!v || v->current().version.isNull())
        return CellValue::None;
    return v->current().version < newest ? CellValue::Older : CellValue::Newest;
}

value::Version newestVersion(const lab::LabCluster &lab)
{
    value::Version newest;
    for (lab::NodeId id = 0; id < lab::NodeId(lab.size()); ++id) {
        if (const value::SharedValue *v = lab.value(id); v && v->current().version > newest)
            newest = v->current().version;
    }
    return newest;
}

wire::Bytes rawBytes(const lab::LabPacket &packet)
{
    if (packet.carrier == sim::Carrier::Stream)
        return packet.messages.empty()
                   ? wire::Bytes{}
                   : wire::encodeFrame(packet.messages.front(), wire::StreamOptions{}, {});
    return wire::sealPacket(packet.messages, wire::PacketOptions{}, {});
}

} // namespace

qint64 labEpochMs()
{
    static const qint64 epoch = -qint64(QDateTime::fromMSecsSinceEpoch(0).offsetFromUtc()) * 1000;
    return epoch;
}

TimelineEntry labTimelineEntry(const protocol::Observation &observation)
{
    return toTimelineEntry(observation, labEpochMs());
}

QVector<LabCell> labCells(const lab::LabCluster &lab, lab::NodeId subject)
{
    const value::Version newest = newestVersion(lab);
    QVector<LabCell> cells(lab.size());
    for (lab::NodeId id = 0; id < lab::NodeId(lab.size()); ++id) {
        LabCell &cell = cells[int(id)];
        cell.life = CellLife(int(lab.life(id)));
        cell.value = toCellValue(lab.value(id), newest);
        cell.view = toCellView(lab.viewOf(id, subject));
        cell.health = qint8(std::min(lab.health(id), 127));
        cell.group = quint8(std::min(lab.groupOf(id), 255));
    }
    return cells;
}

namespace {

void copyInfections(const std::vector<lab::Infection> &infections, LabRumor &rumor)
{
    for (const lab::Infection &i : infections)
        rumor.infections.append({int(i.node), i.from ? int(*i.from) : -1,
                                 QString::fromLatin1(lab::pathName(i.path)), i.at.count()});
}

} // namespace

LabRumor labRumor(const lab::MembershipStory &story)
{
    LabRumor rumor;
    rumor.generation = story.generation();
    rumor.membership = true;
    if (!story.empty())
        rumor.value = QString::fromStdString(story.describe());
    rumor.startedNs = story.startedAt().count();
    if (story.completeAt())
        rumor.completeNs = story.completeAt()->count();
    copyInfections(story.infections(), rumor);
    return rumor;
}

LabRumor labRumor(const lab::RumorStory &story)
{
    LabRumor rumor;
    rumor.generation = story.generation();
    rumor.value = QString::fromStdString(story.value());
    rumor.version = toValueVersion(story.version());
    rumor.startedNs = story.startedAt().count();
    if (story.completeAt())
        rumor.completeNs = story.completeAt()->count();
    copyInfections(story.infections(), rumor);
    return rumor;
}

LabNodeView labNodeView(const lab::LabCluster &lab, lab::NodeId node)
{
    LabNodeView view;
    view.node = int(node);
    view.name = QString::fromStdString(sim::nodeName(node));
    const wire::Endpoint address = sim::nodeAddress(node);
    view.address = QString::fromStdString(address.toString());
    view.life = QString::fromLatin1(lab::lifeName(lab.life(node)));
    const NodeClock clock; // toSnapshot's clock; the times are replaced by virtual ones below
    for (const protocol::MemberInfo &member : lab.members(node)) {
        MemberSnapshot s = toSnapshot(member, clock);
        s.stateSinceMs = virtualMs(member.stateChangedAt);
        s.suspicionDeadlineMs = member.suspicionDeadline ? virtualMs(*member.suspicionDeadline) : 0;
        view.members.append(s);
    }
    if (const value::SharedValue *v = lab.value(node))
        view.value = toSnapshot(v->current());
    view.health = std::max(lab.health(node), 0);
    return view;
}

PacketTrace labPacketTrace(const lab::LabPacket &packet)
{
    const wire::Bytes raw = rawBytes(packet);
    std::vector<std::string> layers;
    if (packet.carrier == sim::Carrier::Udp && packet.messages.size() > 1)
        layers.emplace_back("compound");
    if (packet.drop == sim::DropReason::Loss)
        layers.emplace_back("lost (lab network)");
    else if (packet.drop == sim::DropReason::Partition)
        layers.emplace_back("cut (lab partition)");
    PacketTrace trace = net::PacketTracer::make(
        packet.outgoing ? Direction::Out : Direction::In,
        packet.carrier == sim::Carrier::Udp ? TraceChannel::Udp : TraceChannel::Tcp,
        sim::nodeAddress(packet.peer), raw, layers, packet.messages);
    trace.timeNs = packet.at.count();
    trace.peerName = QString::fromStdString(sim::nodeName(packet.peer));
    return trace;
}

} // namespace grapevine::ui
