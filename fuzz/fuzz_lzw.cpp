// Fuzzes lzwDecompress on arbitrary bytes (bounded output), and checks that compressing
// the input then decompressing it gives the input back.
#include "core/wire/lzw.h"

#include <algorithm>
#include <cstdlib>

using namespace grapevine::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const ByteView input(data, size);
    (void)lzwDecompress(input, 1U << 20);
    const auto back = lzwDecompress(lzwCompress(input));
    if (!back.ok() || !std::equal(back->begin(), back->end(), input.begin(), input.end()))
        std::abort();
    return 0;
}
