// envelope.h — the bytes the shared value travels in: user messages (type 8 payloads),
// push/pull user state, and node metadata. Byte-by-byte layout: docs/protocol.md.
// Owns: encoding and bounds-checked decoding of those three forms, and the plain-text rule.
// Never: throws or asserts on input; bad bytes give a wire::Error naming the fault.
// Follows memberlist delegate.go (NotifyMsg / LocalState / MergeRemoteState / NodeMeta).
//
// Every form starts with 0xC1, a byte that can never begin UTF-8 text (and that msgpack
// never uses), then "GV" and a format byte, so a plain-text value from a plain memberlist
// program and foreign metadata (Consul's msgpack tags) can never be mistaken for ours.
#pragma once

#include "core/value/limits.h"
#include "core/wire/bytes.h"
#include "core/wire/result.h"
#include "value_register.h"
#include "version.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace grapevine::value {

using Entry = ValueRegister::Entry;

inline constexpr std::uint8_t kEnvelopeLead = 0xC1;
inline constexpr std::uint8_t kFormatValue = 0x01; // "C1 'G' 'V' 01": user message / state
inline constexpr std::uint8_t kFormatHeld = 0x02;  // "C1 'G' 'V' 02": held notice
inline constexpr std::uint8_t kFormatMeta = 0x81;  // "C1 'G' 'V' 81": node metadata
inline constexpr std::size_t kEnvelopeHeaderBytes = 4 + 8 + 2 + 2; // magic, lamport, 2 lengths
inline constexpr std::size_t kMaxEnvelopeBytes =
    kEnvelopeHeaderBytes + kMaxOriginBytes + kMaxValueBytes;

// A user message that is not our envelope but valid UTF-8: a value from a plain memberlist
// program. The caller stamps it (lamport = clock + 1, origin = sender's name or "plain").
struct PlainValue {
    std::string text;
};

// "I now hold this version": sent by a node that applied a version from a peer to the
// version's origin, so the setter times convergence without waiting for metadata gossip.
struct HeldNotice {
    Version version;
};

using UserPayload = std::variant<Entry, PlainValue, wire::Error, HeldNotice>;

// Our envelope (format 1) for one entry. updatedMs is not carried.
wire::Bytes encodeEnvelope(const Entry &entry);
// Envelope → Entry (updatedMs = nowMs); held notice → HeldNotice; other valid UTF-8,
// including empty → PlainValue;
// invalid UTF-8, a malformed or over-limit envelope, or an unknown format → Error.
UserPayload decodeUserPayload(wire::ByteView payload, std::int64_t nowMs);

wire::Bytes encodeHeldNotice(const Version &held);

// Push/pull user state: empty when nothing was ever set, else the same bytes as the
// envelope. Decoding: empty → nullopt (plain programs send none); envelope → Entry;
// anything else → Error (foreign state, ignored by the caller).
wire::Bytes encodeState(const Entry &entry);
wire::Result<std::optional<Entry>> decodeState(wire::ByteView state, std::int64_t nowMs);

// Node metadata: the version this node holds, <= 512 bytes (memberlist MetaMaxSize).
// decodeMeta returns nullopt for anything that is not ours (empty, Consul tags, garbage).
wire::Bytes encodeMeta(const Version &held);
std::optional<Version> decodeMeta(wire::ByteView meta);

} // namespace grapevine::value
