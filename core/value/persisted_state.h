// persisted_state.h — the text of the state file that keeps the value and the Lamport
// clock across restarts, so a restarted node never regresses the cluster.
// Owns: the format only (a small "key value" line format, documented in docs/protocol.md).
// Never: touches files; the Node reads and writes them with Qt (atomically, QSaveFile).
#pragma once

#include "core/wire/result.h"
#include "value_register.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace grapevine::value {

struct PersistedState {
    ValueRegister::Entry entry;
    std::uint64_t clock = 0;
};

std::string serializePersisted(const ValueRegister::Entry &entry, std::uint64_t clock);
// A truncated, edited or foreign file gives an Error (the Node then starts empty and
// says so); the clock comes back as at least the entry's Lamport time.
wire::Result<PersistedState> parsePersisted(std::string_view text);

} // namespace grapevine::value
