// Fuzzes the state file's text (core/value/persisted_state.h: what StateFile reads back at
// start). A truncated, edited or foreign file must give an error, never a crash; what
// parses must be something the node could have written: within the value limits, valid
// UTF-8, the clock at least the value's Lamport time, and serialize → parse gives it back.
#include "core/value/limits.h"
#include "core/value/persisted_state.h"

#include <cstdlib>
#include <string_view>

using namespace grapevine::value;

namespace {
void check(bool holds)
{
    if (!holds)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto parsed = parsePersisted(text);
    if (!parsed.ok())
        return 0;
    const PersistedState &state = parsed.value();
    check(state.entry.value.size() <= kMaxValueBytes);
    check(state.entry.version.origin.size() <= kMaxOriginBytes);
    check(isValidUtf8(state.entry.value) && isValidUtf8(state.entry.version.origin));
    check(state.clock >= state.entry.version.lamport);
    const auto again = parsePersisted(serializePersisted(state.entry, state.clock));
    check(again.ok() && again.value().entry == state.entry && again.value().clock == state.clock);
    return 0;
}
