// Fuzzes StreamDecoder: the first byte seeds the chunk sizes the rest is fed in. Whatever
// arrives in chunks must decode exactly as the same bytes given at once (decodeFrame).
#include "core/wire/stream.h"

#include <algorithm>
#include <cstdlib>

using namespace grapevine::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    std::uint32_t state = data[0];
    const ByteView input(data + 1, size - 1);
    StreamOptions options;
    StreamDecoder decoder(options);
    std::optional<Result<Message>> first;
    for (std::size_t offset = 0; offset < input.size() && !first;) {
        state = state * 1103515245U + 12345U;
        const std::size_t chunk =
            std::min<std::size_t>(1 + (state >> 16) % 64, input.size() - offset);
        decoder.feed(input.subspan(offset, chunk));
        offset += chunk;
        first = decoder.next();
    }
    const auto whole = decodeFrame(input, options);
    if (!first) {
        if (whole.ok())
            std::abort(); // chunked feeding missed a complete frame
        return 0;
    }
    if (first->ok() != whole.ok() || (whole.ok() && first->value() != whole.value()))
        std::abort(); // chunked and whole decoding disagree

    // The keys and label of the encrypted seeds (tests/wire/go_vectors.txt).
    Keyring ring;
    Bytes key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key[i] = static_cast<std::uint8_t>(i);
    (void)ring.addKey(key);
    (void)ring.addKey(ByteView(key).first(16));
    options.keyring = &ring;
    options.label = "prod";
    StreamDecoder labelled(options, StreamLabel::Expect);
    labelled.feed(input);
    (void)labelled.next();
    return 0;
}
