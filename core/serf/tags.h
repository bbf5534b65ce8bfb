// tags.h — Serf's node tags, carried as memberlist node metadata.
// Owns: the tag encoding (0xff then a msgpack map of string to string), its decoding, and
// the KEY=VALUE text form of --tag. Never: throws on bad bytes.
// Follows serf 0.9.4 serf/serf.go encodeTags / decodeTags (protocol >= 3).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace grapevine::serf {

using Tags = std::map<std::string, std::string>;

inline constexpr std::uint8_t kTagMagic = 0xff;
inline constexpr std::size_t kMetaMaxSize = 512; // memberlist MetaMaxSize

// 0xff + msgpack map (keys sorted here; Go's order is random, so compare decoded tags).
wire::Bytes encodeTags(const Tags &tags);
// Tags from node metadata: nullopt when the meta is not Serf tags (no 0xff lead: Serf itself
// would read such meta as {"role": <raw meta>}), an error when the map is malformed.
std::optional<wire::Result<Tags>> decodeTags(wire::ByteView meta);
// "KEY=VALUE" (the value may contain '='; the key may not be empty). nullopt when malformed.
std::optional<std::pair<std::string, std::string>> parseTag(std::string_view text);
// Why `tags` cannot be this node's metadata (too big for memberlist's 512 bytes), or "".
std::string checkTagsFit(const Tags &tags);

} // namespace grapevine::serf
