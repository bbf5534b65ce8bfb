// label.h — the cluster label header (f4 len label), memberlist >= 0.3.0.
// Owns: adding, stripping and exact-matching the label on packets and streams.
// Never: treats the label as secret (it is bound into the AES-GCM AAD by packet/stream).
// Follows memberlist label.go (spec §3.4).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/result.h"

#include <string>
#include <string_view>

namespace grapevine::wire {

inline constexpr std::size_t kMaxLabelBytes = 255;

// f4 len label + packet; an empty label returns the packet unchanged. >255 bytes: error.
Result<Bytes> addLabel(std::string_view label, ByteView packet);

struct Labelled {
    std::string label; // "" when the input carries no label header
    ByteView rest;
};

// Removes a leading label header if there is one. Errors: f4 with no length byte,
// length 0, or fewer label bytes than declared.
Result<Labelled> stripLabel(ByteView data);

// stripLabel plus memberlist's rule: the carried label must equal `expected` exactly
// (so an unlabelled node rejects labelled input and vice versa).
Result<ByteView> checkLabel(ByteView data, std::string_view expected);

} // namespace grapevine::wire
