// messages.h — every memberlist message as a plain C++ struct, and their codecs.
// Owns: the message structs, the type numbers, encodeMessage / decodeMessage.
// Never: sockets, clocks, randomness. Follows memberlist net.go (structs) and
// shared/reference/memberlist-wire.md §1–2 (msgpack rules: sorted keys, raw str family,
// nil for absent byte slices, omitempty source fields; lenient decoding).
#pragma once

#include "bytes.h"
#include "result.h"
#include "small_bytes.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace grapevine::wire {

enum class MessageType : std::uint8_t {
    Ping = 0,
    IndirectPing = 1,
    Ack = 2,
    Suspect = 3,
    Alive = 4,
    Dead = 5,
    PushPull = 6,
    Compound = 7,
    User = 8,
    Compress = 9,
    Encrypt = 10,
    Nack = 11,
    HasCrc = 12,
    Err = 13,
    HasLabel = 244,
};

// Name for logs and the packet analyzer ("ping", "indirect-ping", "ack", …).
const char *messageTypeName(MessageType type);

// pushNodeState.State values.
enum class NodeState : std::uint8_t { Alive = 0, Suspect = 1, Dead = 2, Left = 3 };
const char *nodeStateName(NodeState state); // "alive", "suspect", "dead", "left"

// Byte slices that Go may send as nil are plain Bytes here: empty encodes as nil (c0),
// which Go's bytes.Equal treats as equal to an empty slice.
// IP addresses are kept exactly as received (4 or 16 bytes) — Go compares them byte-wise.
// The addresses and Vsn of alives and node states are SmallBytes: inline up to 16 bytes, so
// a push/pull of N members does not make 2N allocations; longer input is still kept whole.

struct Ping {
    std::uint32_t seqNo = 0;
    std::string node;             // target name; empty = anyone
    Bytes sourceAddr;             // omitempty
    std::uint16_t sourcePort = 0; // omitempty
    std::string sourceNode;       // omitempty
    bool operator==(const Ping &) const = default;
};

struct IndirectPing {
    std::uint32_t seqNo = 0;
    Bytes target;
    std::uint16_t port = 0;
    std::string node;
    bool nack = false;
    Bytes sourceAddr;             // omitempty
    std::uint16_t sourcePort = 0; // omitempty
    std::string sourceNode;       // omitempty
    bool operator==(const IndirectPing &) const = default;
};

struct Ack {
    std::uint32_t seqNo = 0;
    Bytes payload; // empty -> nil
    bool operator==(const Ack &) const = default;
};

struct Nack {
    std::uint32_t seqNo = 0;
    bool operator==(const Nack &) const = default;
};

struct Suspect {
    std::uint32_t incarnation = 0;
    std::string node;
    std::string from;
    bool operator==(const Suspect &) const = default;
};

struct Dead { // from == node means the node left on purpose
    std::uint32_t incarnation = 0;
    std::string node;
    std::string from;
    bool operator==(const Dead &) const = default;
};

struct Alive {
    std::uint32_t incarnation = 0;
    std::string node;
    SmallBytes addr;
    std::uint16_t port = 0;
    Bytes meta;     // <= 512 bytes; empty -> nil
    SmallBytes vsn; // always 6 bytes when we send: pmin pmax pcur dmin dmax dcur
    bool operator==(const Alive &) const = default;
};

struct PushNodeState {
    std::string name;
    SmallBytes addr;
    std::uint16_t port = 0;
    Bytes meta;
    std::uint32_t incarnation = 0;
    NodeState state = NodeState::Alive;
    SmallBytes vsn;
    bool operator==(const PushNodeState &) const = default;
};

// A whole push/pull message: header + node states + raw user state.
struct PushPull {
    bool join = false;
    std::vector<PushNodeState> nodes;
    Bytes userState;
    bool operator==(const PushPull &) const = default;
};

// A user message. On UDP it is 08 + raw bytes; on TCP 08 + userMsgHeader + raw bytes.
struct UserMsg {
    Bytes payload;
    bool operator==(const UserMsg &) const = default;
};

struct ErrResp {
    std::string error;
    bool operator==(const ErrResp &) const = default;
};

using Message =
    std::variant<Ping, IndirectPing, Ack, Nack, Suspect, Alive, Dead, PushPull, UserMsg, ErrResp>;

MessageType typeOf(const Message &message);

// How Go `int` fields (Nodes, UserStateLen, UserMsgLen, State) are written.
// Both forms are accepted by every Go version; Go05 is the Debian 0.2.2 form.
enum class IntStyle { Go05Unsigned, V2Signed };

enum class Channel { Udp, Tcp };

// Encodes a message with its type byte. The channel matters only for UserMsg
// (UDP: raw bytes; TCP: msgpack userMsgHeader then the bytes).
Bytes encodeMessage(const Message &message, Channel channel = Channel::Udp,
                    IntStyle style = IntStyle::Go05Unsigned);

// Size in bytes of encodeMessage(message, Udp) without building it when avoidable.
std::size_t encodedSize(const Message &message);

// Decodes one message (type byte + body) from the start of `bytes` (UserMsg on UDP
// takes the rest of the buffer; bytes after a msgpack body are ignored, as Go does).
// Compound/compress/crc/encrypt/label are layers, not messages: see packet.h and
// stream.h. Errors name the type and the field at fault ("alive: Port: value 70000 …").
Result<Message> decodeMessage(ByteView bytes, Channel channel = Channel::Udp);

// A Vsn that memberlist can use: exactly 6 bytes, pmin and pmax non-zero, pmin <= pmax.
// Not a wire error (the codec keeps whatever arrived); the protocol layer calls this
// before storing or relaying, because Go ≤ 0.6.0 panics on a short Vsn (spec §7.3, §10).
// Returns an empty string when usable, else the reason.
std::string validateVsn(ByteView vsn);

// Human-readable one-line summary for logs and the analyzer, e.g.
// "ping seq=42 node=go-a from=cpp-b@127.0.0.1:41342".
std::string describe(const Message &message);

} // namespace grapevine::wire
