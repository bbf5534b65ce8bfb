// compound.h — the compound message layer (type 07): several messages in one packet.
// Owns: building and splitting `07 count len16BE… parts…`.
// Never: decodes the parts (packet.h does) or builds more than 255 parts (0.2.2 wraps the
// count byte; newest splits). Follows memberlist util.go makeCompoundMessage /
// decodeCompoundMessage (spec §3.2 step 2, §3.3).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/result.h"

#include <vector>

namespace grapevine::wire {

inline constexpr std::size_t kMaxCompoundParts = 255;

// Refuses zero parts, more than 255, an empty part (0.2.2 panics on one) and a part
// longer than 65535 bytes.
Result<Bytes> makeCompound(const std::vector<Bytes> &parts);

struct CompoundParts {
    std::vector<ByteView> parts; // views into the input
    int truncated = 0;           // parts whose declared length ran past the end (dropped)
};

// `message` starts with the 07 type byte. Parts whose length runs past the end are
// counted in `truncated` and dropped; the earlier parts are kept, as Go does.
Result<CompoundParts> splitCompound(ByteView message);

} // namespace grapevine::wire
