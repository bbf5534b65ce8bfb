// message_codec.h — the reader/writer-level message codec shared by messages.cpp,
// packet.cpp and stream.cpp (which needs to parse a frame while its bytes arrive).
// Owns: writing one message with its type byte into a MsgpackWriter, and reading one
// from a MsgpackReader, reporting truncation separately from malformed input.
// Never: wraps layers (compound, compress, crc, encryption, label) — see packet.h, stream.h.
#pragma once

#include "core/wire/messages.h"
#include "core/wire/msgpack_reader.h"
#include "core/wire/msgpack_writer.h"

namespace grapevine::wire {

void writeMessage(const Message &message, Channel channel, IntStyle style, MsgpackWriter &writer);

// Reads a type byte and its body. On failure the reader holds an error naming the
// message type and the field; reader.truncated() says the bytes simply ran out.
// A UDP user message takes every remaining byte.
bool readMessage(MsgpackReader &reader, Channel channel, Message &out);

// Pieces of a push/pull body, so a stream reader can resume between node states.
struct PushPullHeader {
    std::int64_t nodes = 0;        // range-checked: 0..kMaxPushPullNodes
    std::int64_t userStateLen = 0; // range-checked: 0..kMaxUserStateBytes
    bool join = false;
};
bool readPushPullHeader(MsgpackReader &reader, PushPullHeader &out);
bool readNodeState(MsgpackReader &reader, PushNodeState &out);

// The compress wrapper body (after the 09 type byte): {Algo, Buf}.
struct CompressBody {
    std::uint8_t algo = 0;
    Bytes buf;
};
void writeCompressBody(const CompressBody &body, MsgpackWriter &writer);
bool readCompressBody(MsgpackReader &reader, CompressBody &out);

} // namespace grapevine::wire
