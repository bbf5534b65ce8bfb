// lzw.h — LZW exactly as Go's compress/lzw with LSB bit order and literal width 8 (the
// `Buf` of a compress message). Owns: compress (byte-identical to Go 1.19, leading clear
// code included) and a bounded decompress.
// Never: allocates past the output limit or trusts a code. Follows Go compress/lzw
// writer.go and reader.go (spec §6, Appendix A.5).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/limits.h"
#include "core/wire/result.h"

namespace grapevine::wire {

Bytes lzwCompress(ByteView input);

// Accepts streams with or without the leading clear code; handles the KwKwK case; stops
// adding entries when the 12-bit table is full. Errors: invalid code, input ending
// before the EOF code, output larger than `outputLimit`.
Result<Bytes> lzwDecompress(ByteView input, std::size_t outputLimit = kMaxDecompressedBytes);

} // namespace grapevine::wire
