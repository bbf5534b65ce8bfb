// crc.h — the CRC layer of UDP packets (type 0c, protocol version 5).
// Owns: IEEE CRC-32 (zlib) and adding / checking the `0c crc32BE` header.
// Never: decides whether a peer wants a CRC (the protocol layer knows its pmax).
// Follows memberlist net.go rawSendMsgPacket / ingestPacket (spec §3.2 step 4, §3.5).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/result.h"

#include <cstdint>

namespace grapevine::wire {

inline constexpr std::size_t kCrcHeaderBytes = 5;

std::uint32_t crc32(ByteView data);

// 0c + CRC-32(message) big-endian + message.
Bytes addCrc(ByteView message);

// `packet` starts with 0c: checks the CRC and returns the protected bytes after the header.
Result<ByteView> checkAndStripCrc(ByteView packet);

} // namespace grapevine::wire
