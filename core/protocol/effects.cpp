// effects.cpp — display names of the effect enums (logs, JSON events, the analyzer).
#include "effects.h"

namespace grapevine::protocol {

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
