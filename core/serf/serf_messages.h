// serf_messages.h — Serf's own messages, carried in memberlist user messages, as C++ structs.
// Owns: the Serf message type numbers, the structs, and their codecs (serf_encoder.cpp,
// serf_decoder.cpp). Never: sockets, clocks, randomness; decoding never throws or asserts.
// Follows serf 0.9.4 serf/messages.go, serf/keymanager.go, serf/internal_query.go and
// shared/reference/serf-wire.md §1.4. The msgpack rules are memberlist's (go-msgpack 0.5.5
// default handle: sorted keys, raw str family, nil for empty byte slices).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/messages.h"
#include "core/wire/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace grapevine::serf {

using LamportTime = std::uint64_t;

// The first byte of every Serf user message (serf/messages.go messageType).
enum class MessageType : std::uint8_t {
    Leave = 0,
    Join = 1,
    PushPull = 2,
    UserEvent = 3,
    Query = 4,
    QueryResponse = 5,
    ConflictResponse = 6,
    KeyRequest = 7,
    KeyResponse = 8,
    Relay = 9,
};
const char *messageTypeName(MessageType type); // "serf-leave", "serf-user-event", …

inline constexpr std::uint32_t kQueryFlagAck = 1;
inline constexpr std::uint32_t kQueryFlagNoBroadcast = 2;

struct LeaveIntent {
    LamportTime ltime = 0;
    std::string node;
    bool prune = false;
    bool operator==(const LeaveIntent &) const = default;
};

struct JoinIntent {
    LamportTime ltime = 0;
    std::string node;
    bool operator==(const JoinIntent &) const = default;
};

struct EventItem { // serf userEvent: one event of a push/pull's recent-event buffer
    std::string name;
    wire::Bytes payload;
    bool operator==(const EventItem &) const = default;
};

struct EventsAt { // serf userEvents: the events seen at one Lamport time
    LamportTime ltime = 0;
    std::vector<EventItem> events;
    bool operator==(const EventsAt &) const = default;
};

struct PushPull {
    LamportTime ltime = 0;
    std::map<std::string, LamportTime> statusLTimes;
    std::vector<std::string> leftMembers;
    LamportTime eventLTime = 0;
    std::vector<EventsAt> events; // Go's ring buffer sends nil slots; they are dropped here
    LamportTime queryLTime = 0;
    bool operator==(const PushPull &) const = default;
};

struct UserEvent {
    LamportTime ltime = 0;
    std::string name;
    wire::Bytes payload;
    bool coalesce = false; // "CC"
    bool operator==(const UserEvent &) const = default;
};

struct Query {
    LamportTime ltime = 0;
    std::uint32_t id = 0;
    wire::Bytes addr; // the asker's IP (4 or 16 bytes): responses go to addr:port
    std::uint16_t port = 0;
    std::string sourceNode;
    std::vector<wire::Bytes> filters; // each: a filter type byte + msgpack
    std::uint32_t flags = 0;
    std::uint8_t relayFactor = 0;
    std::int64_t timeoutNs = 0;
    std::string name;
    wire::Bytes payload;
    bool operator==(const Query &) const = default;
};

struct QueryResponse {
    LamportTime ltime = 0;
    std::uint32_t id = 0;
    std::string from;
    std::uint32_t flags = 0;
    wire::Bytes payload;
    bool operator==(const QueryResponse &) const = default;
};

// A response that another member forwards to destination (queries with RelayFactor > 0).
struct Relay {
    wire::Bytes destIp;
    std::uint16_t destPort = 0;
    std::string destName;
    wire::Bytes inner; // a whole Serf message (type byte + body)
    bool operator==(const Relay &) const = default;
};

using Message =
    std::variant<LeaveIntent, JoinIntent, PushPull, UserEvent, Query, QueryResponse, Relay>;

MessageType typeOf(const Message &message);

// Type byte + msgpack body, as Serf's encodeMessage writes it. `style` is how Go `int` fields
// (Query Timeout, Relay DestAddr Port) are written: Serf 0.9.4's go-msgpack 0.5.5 writes
// positive ones unsigned (ce 59 68 2f 00), Serf 0.10's go-msgpack v2 signed (d2 59 68 2f 00);
// every Serf version reads both.
wire::Bytes encodeMessage(const Message &message,
                          wire::IntStyle style = wire::IntStyle::Go05Unsigned);
// Any Serf message; errors name the type and field ("serf-query: Timeout: …").
wire::Result<Message> decodeMessage(wire::ByteView bytes);

// Payloads of the key-management queries (_serf_install-key, …) and their responses.
struct KeyRequest {
    wire::Bytes key;
    bool operator==(const KeyRequest &) const = default;
};
struct KeyResponse {
    bool result = false;
    std::string message;
    std::vector<std::string> keys; // base64
    std::string primaryKey;        // base64
    bool operator==(const KeyResponse &) const = default;
};
wire::Bytes encodeKeyRequest(const KeyRequest &request); // 07 + msgpack
wire::Result<KeyRequest> decodeKeyRequest(wire::ByteView bytes);
wire::Bytes encodeKeyResponse(const KeyResponse &response); // 08 + msgpack
wire::Result<KeyResponse> decodeKeyResponse(wire::ByteView bytes);

// The answer to a _serf_conflict query: the member we know under the disputed name
// (serf.Member), or nil when we know none.
struct ConflictMember {
    std::string name;
    wire::Bytes addr;
    std::uint16_t port = 0;
    std::map<std::string, std::string> tags;
    int status = 0;           // serf MemberStatus: 1 alive, 2 leaving, 3 left, 4 failed
    std::uint8_t vsn[6] = {}; // ProtocolMin, Max, Cur, DelegateMin, Max, Cur
};
wire::Bytes encodeConflictResponse(const ConflictMember *member); // 06 + msgpack

// Query filters (the first byte of each Filters entry).
struct NodeFilter {
    std::vector<std::string> nodes;
};
struct TagFilter {
    std::string tag;
    std::string expr;
};
using Filter = std::variant<NodeFilter, TagFilter>;
wire::Result<Filter> decodeFilter(wire::ByteView bytes);

} // namespace grapevine::serf
