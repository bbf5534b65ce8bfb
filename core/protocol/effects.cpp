// effects.cpp — a packet's parts in wire order, and display names of the effect enums
// (logs, JSON events, the analyzer).
#include "effects.h"

namespace grapevine::protocol {

std::vector<wire::Message> partsOf(const SendPacket &packet)
{
    std::vector<wire::Message> parts;
    parts.reserve(packet.messages.size() + packet.piggyback.size());
    parts.insert(parts.end(), packet.messages.begin(), packet.messages.end());
    for (const SharedMessage &broadcast : packet.piggyback)
        parts.push_back(*broadcast);
    return parts;
}

std::vector<wire::Message> takeParts(SendPacket &packet)
{
    std::vector<wire::Message> parts = std::move(packet.messages);
    parts.reserve(parts.size() + packet.piggyback.size());
    for (const SharedMessage &broadcast : packet.piggyback)
        parts.push_back(*broadcast);
    packet.piggyback.clear();
    return parts;
}

const char *streamPurposeName(StreamPurpose purpose)
{
    switch (purpose) {
    case StreamPurpose::Join:
        return "join";
    case StreamPurpose::PushPull:
        return "push-pull";
    case StreamPurpose::PingFallback:
        return "ping-fallback";
    case StreamPurpose::UserMessage:
        return "user-message";
    }
    return "unknown";
}

const char *memberEventName(MemberEventKind kind)
{
    switch (kind) {
    case MemberEventKind::Joined:
        return "join";
    case MemberEventKind::Updated:
        return "update";
    case MemberEventKind::Left:
        return "leave";
    case MemberEventKind::Removed:
        return "removed";
    }
    return "unknown";
}

const char *probeOutcomeName(ProbeOutcome outcome)
{
    switch (outcome) {
    case ProbeOutcome::DirectAck:
        return "direct-ack";
    case ProbeOutcome::IndirectAck:
        return "indirect-ack";
    case ProbeOutcome::TcpAck:
        return "tcp-ack";
    case ProbeOutcome::Failed:
        return "failed";
    }
    return "unknown";
}

} // namespace grapevine::protocol
