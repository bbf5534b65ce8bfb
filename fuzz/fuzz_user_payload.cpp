// Fuzzes what a peer's bytes become in the value layer: decodeUserPayload (user messages),
// decodeState (push/pull user state) and decodeMeta (node metadata). Nothing may crash, and
// what decodes must be ours exactly: an Entry re-encodes to the bytes it came from (up to
// the appended fields format 1 allows), within the limits; a held notice and metadata survive
// encode → decode; a plain value is the bytes themselves. A violation aborts.
#include "core/value/envelope.h"

#include <algorithm>
#include <cstdlib>
#include <variant>

using namespace grapevine;
using namespace grapevine::value;

namespace {

constexpr std::int64_t kNowMs = 1'700'000'000'000;

void check(bool holds)
{
    if (!holds)
        std::abort();
}

void checkEntry(const Entry &entry, wire::ByteView input)
{
    check(entry.value.size() <= kMaxValueBytes);
    check(entry.version.origin.size() <= kMaxOriginBytes);
    check(entry.updatedMs == kNowMs); // stamped on arrival, never carried
    // Bytes after the value are ignored (fields may be appended within format 1,
    // docs/protocol.md), so what we decoded re-encodes to the input's beginning.
    const wire::Bytes again = encodeEnvelope(entry);
    check(again.size() <= input.size() && std::ranges::equal(again, input.first(again.size())));
}

void checkUserPayload(wire::ByteView input)
{
    const UserPayload payload = decodeUserPayload(input, kNowMs);
    if (const auto *entry = std::get_if<Entry>(&payload)) {
        checkEntry(*entry, input);
    } else if (const auto *plain = std::get_if<PlainValue>(&payload)) {
        check(std::ranges::equal(plain->text, input, [](char c, std::uint8_t b) {
            return static_cast<std::uint8_t>(c) == b;
        }));
    } else if (const auto *held = std::get_if<HeldNotice>(&payload)) {
        const UserPayload again = decodeUserPayload(encodeHeldNotice(held->version), kNowMs);
        const auto *same = std::get_if<HeldNotice>(&again);
        check(same && same->version == held->version);
    }
}

void checkState(wire::ByteView input)
{
    const auto state = decodeState(input, kNowMs);
    if (state.ok() && state.value().has_value())
        checkEntry(*state.value(), input);
    if (state.ok() && !state.value().has_value())
        check(input.empty());
}

void checkMeta(wire::ByteView input)
{
    const auto version = decodeMeta(input);
    if (!version)
        return;
    const auto again = decodeMeta(encodeMeta(*version));
    check(again && *again == *version);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const wire::ByteView input(data, size);
    checkUserPayload(input);
    checkState(input);
    checkMeta(input);
    return 0;
}
