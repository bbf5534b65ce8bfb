// effects.h — everything the engine asks the outside world to do, or tells it.
// The caller drains these after every Engine call. Plain values: no pointers into the engine.
#pragma once

#include "config.h"
#include "core/wire/messages.h"
#include "member.h"
#include "store/shared_message.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace grapevine::protocol {

// Send one UDP packet: `messages` (the main message: a ping, an ack…; several only for a
// compound split at 255 parts), then the broadcasts piggybacked on it (memberlist's
// getBroadcasts), as the queue holds them: read-only and shared with it rather than copied.
// More than one part in all makes a compound. partsOf() gives every part in order. The
// transport applies compression, CRC, encryption and label.
struct SendPacket {
    wire::Endpoint to;
    std::string toName; // empty when the destination is not a known member
    std::vector<wire::Message> messages;
    bool crc = false; // destination advertised pmax >= 5
    std::vector<SharedMessage> piggyback;
    std::size_t piggybackBytes = 0; // their encoded sizes summed (the queue knows them)
};

// The packet's parts in wire order, copied: `messages`, then `piggyback`.
std::vector<wire::Message> partsOf(const SendPacket &packet);
// The same, moving `messages` out of the packet.
std::vector<wire::Message> takeParts(SendPacket &packet);

enum class StreamPurpose { Join, PushPull, PingFallback, UserMessage };
const char *streamPurposeName(StreamPurpose purpose);

// Open a TCP stream, write `request` as one frame, and (if expectsReply) read one frame
// back. Report the outcome with Engine::handleStreamReply(now, id, …) — always, exactly once,
// including connect failures and timeouts (an Error). No reply expected: report the
// write's completion with an empty UserMsg or an Error.
struct OpenStream {
    std::uint64_t id = 0;
    wire::Endpoint to;
    std::string toName;
    StreamPurpose purpose = StreamPurpose::PushPull;
    wire::Message request;
    TimePoint deadline{}; // give up (and report an Error) at this time
    bool expectsReply = true;
};

enum class MemberEventKind { Joined, Updated, Left, Removed };
const char *memberEventName(MemberEventKind kind);

// Any change to a member's record: Joined (new, or back from dead/left), Updated (state
// to suspect or back to alive, incarnation, meta, rtt…), Left (dead or left; see
// member.state), Removed (reaped after GossipToTheDeadTime).
struct MemberChanged {
    MemberEventKind kind = MemberEventKind::Updated;
    MemberInfo member;
};

struct HealthChanged {
    int score = 0; // Lifeguard awareness: 0 = healthy … awarenessMaxMultiplier-1
};

enum class ProbeOutcome { DirectAck, IndirectAck, TcpAck, Failed };
const char *probeOutcomeName(ProbeOutcome outcome);

// One finished probe, for the window's "how failure detection reasons" view.
struct ProbeFinished {
    std::string target;
    ProbeOutcome outcome = ProbeOutcome::DirectAck;
    Duration rtt{}; // when acked
    int nacks = 0;  // nacks received from relays
    int relaysAsked = 0;
};

struct JoinFinished {
    std::uint64_t joinId = 0;
    int contacted = 0; // seeds whose push/pull succeeded
    std::string error; // empty on success; otherwise the reason per seed
};

struct LeaveFinished {};

// Another node claims our name from a different address (memberlist NotifyConflict).
struct NameConflict {
    std::string name;
    wire::Endpoint existing;
    wire::Endpoint other;
    bool ownName = false; // `name` is ours: `existing` is this node
    // Ours, and a peer's membership view (push/pull state) holds it at `other`: that node was
    // there first and the members ignore this one, so this node is the impostor.
    bool impostor = false;
};

using Effect = std::variant<SendPacket, OpenStream, MemberChanged, HealthChanged, ProbeFinished,
                            JoinFinished, LeaveFinished, NameConflict>;

} // namespace grapevine::protocol
