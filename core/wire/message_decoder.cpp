// Decoding side of messages.h: lenient like go-msgpack (any key order, unknown keys
// skipped, any integer width, str or bin, struct-as-array in declaration order), strict
// on sizes (limits.h). Errors read "<type>: <field>: <problem>".
#include "core/wire/limits.h"
#include "core/wire/message_codec.h"

#include <array>
#include <limits>

namespace grapevine::wire {

namespace {

template <class T> bool readUnsigned(MsgpackReader &r, std::string_view key, T &out)
{
    std::uint64_t value = 0;
    if (!r.readUint(key, std::numeric_limits<T>::max(), value))
        return false;
    out = static_cast<T>(value);
    return true;
}

// Reads a struct whose fields `field(out, key, reader)` fills; `order` is Go's
// declaration order, used when the struct arrives as an array.
template <class T, std::size_t N, class FieldFn>
bool readStruct(MsgpackReader &r, std::string_view what,
                const std::array<std::string_view, N> &order, T &out, FieldFn field)
{
    bool isArray = false;
    std::uint32_t count = 0;
    if (!r.readStructHeader(what, isArray, count))
        return false;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string_view key;
        if (isArray) {
            if (i >= N) {
                if (!r.skip("extra array element"))
                    return false;
                continue;
            }
            key = order[i];
        } else if (!r.readKey(key)) {
            return false;
        }
        if (!field(out, key, r))
            return false;
    }
    return true;
}

bool pingField(Ping &m, std::string_view k, MsgpackReader &r)
{
    if (k == "SeqNo")
        return readUnsigned(r, k, m.seqNo);
    if (k == "Node")
        return r.readString(k, m.node);
    if (k == "SourceAddr")
        return r.readBytes(k, m.sourceAddr);
    if (k == "SourcePort")
        return readUnsigned(r, k, m.sourcePort);
    if (k == "SourceNode")
        return r.readString(k, m.sourceNode);
    return r.skip(k);
}

bool indirectPingField(IndirectPing &m, std::string_view k, MsgpackReader &r)
{
    if (k == "SeqNo")
        return readUnsigned(r, k, m.seqNo);
    if (k == "Target")
        return r.readBytes(k, m.target);
    if (k == "Port")
        return readUnsigned(r, k, m.port);
    if (k == "Node")
        return r.readString(k, m.node);
    if (k == "Nack")
        return r.readBool(k, m.nack);
    if (k == "SourceAddr")
        return r.readBytes(k, m.sourceAddr);
    if (k == "SourcePort")
        return readUnsigned(r, k, m.sourcePort);
    if (k == "SourceNode")
        return r.readString(k, m.sourceNode);
    return r.skip(k);
}

bool ackField(Ack &m, std::string_view k, MsgpackReader &r)
{
    if (k == "SeqNo")
        return readUnsigned(r, k, m.seqNo);
    if (k == "Payload")
        return r.readBytes(k, m.payload);
    return r.skip(k);
}

bool nackField(Nack &m, std::string_view k, MsgpackReader &r)
{
    return k == "SeqNo" ? readUnsigned(r, k, m.seqNo) : r.skip(k);
}

bool errField(ErrResp &m, std::string_view k, MsgpackReader &r)
{
    return k == "Error" ? r.readString(k, m.error) : r.skip(k);
}

template <class Claim> bool claimField(Claim &m, std::string_view k, MsgpackReader &r)
{
    if (k == "Incarnation")
        return readUnsigned(r, k, m.incarnation);
    if (k == "Node")
        return r.readString(k, m.node);
    if (k == "From")
        return r.readString(k, m.from);
    return r.skip(k);
}

bool aliveField(Alive &m, std::string_view k, MsgpackReader &r)
{
    if (k == "Incarnation")
        return readUnsigned(r, k, m.incarnation);
    if (k == "Node")
        return r.readString(k, m.node);
    if (k == "Addr")
        return r.readBytes(k, m.addr);
    if (k == "Port")
        return readUnsigned(r, k, m.port);
    if (k == "Meta")
        return r.readBytes(k, m.meta, kMaxMetaBytes);
    if (k == "Vsn")
        return r.readBytes(k, m.vsn);
    return r.skip(k);
}

bool nodeStateField(PushNodeState &m, std::string_view k, MsgpackReader &r)
{
    if (k == "Name")
        return r.readString(k, m.name);
    if (k == "Addr")
        return r.readBytes(k, m.addr);
    if (k == "Port")
        return readUnsigned(r, k, m.port);
    if (k == "Meta")
        return r.readBytes(k, m.meta, kMaxMetaBytes);
    if (k == "Incarnation")
        return readUnsigned(r, k, m.incarnation);
    if (k == "Vsn")
        return r.readBytes(k, m.vsn);
    if (k == "State") {
        std::int64_t state = 0;
        if (!r.readInt(k, 0, 3, state))
            return false;
        m.state = static_cast<NodeState>(state);
        return true;
    }
    return r.skip(k);
}

bool pushPullHeaderField(PushPullHeader &m, std::string_view k, MsgpackReader &r)
{
    if (k == "Nodes")
        return r.readInt(k, 0, static_cast<std::int64_t>(kMaxPushPullNodes), m.nodes);
    if (k == "UserStateLen")
        return r.readInt(k, 0, static_cast<std::int64_t>(kMaxUserStateBytes), m.userStateLen);
    if (k == "Join")
        return r.readBool(k, m.join);
    return r.skip(k);
}

constexpr std::array<std::string_view, 5> kPingOrder = {"SeqNo", "Node", "SourceAddr", "SourcePort",
                                                        "SourceNode"};
constexpr std::array<std::string_view, 8> kIndirectOrder = {
    "SeqNo", "Target", "Port", "Node", "Nack", "SourceAddr", "SourcePort", "SourceNode"};
constexpr std::array<std::string_view, 2> kAckOrder = {"SeqNo", "Payload"};
constexpr std::array<std::string_view, 1> kNackOrder = {"SeqNo"};
constexpr std::array<std::string_view, 1> kErrOrder = {"Error"};
constexpr std::array<std::string_view, 3> kClaimOrder = {"Incarnation", "Node", "From"};
constexpr std::array<std::string_view, 6> kAliveOrder = {"Incarnation", "Node", "Addr",
                                                         "Port",        "Meta", "Vsn"};
constexpr std::array<std::string_view, 7> kNodeStateOrder = {"Name",        "Addr",  "Port", "Meta",
                                                             "Incarnation", "State", "Vsn"};
constexpr std::array<std::string_view, 3> kPushPullOrder = {"Nodes", "UserStateLen", "Join"};
constexpr std::array<std::string_view, 1> kUserMsgOrder = {"UserMsgLen"};
constexpr std::array<std::string_view, 2> kCompressOrder = {"Algo", "Buf"};

bool readPushPull(MsgpackReader &r, PushPull &out)
{
    PushPullHeader header;
    if (!readPushPullHeader(r, header))
        return false;
    out.join = header.join;
    // Each node state takes at least one byte: a larger count cannot be in the buffer yet,
    // so reserve only what can be real.
    out.nodes.reserve(std::min<std::size_t>(static_cast<std::size_t>(header.nodes), r.remaining()));
    for (std::int64_t i = 0; i < header.nodes; ++i) {
        PushNodeState node;
        if (!readNodeState(r, node))
            return r.addContext("node state " + std::to_string(i) + ": ");
        out.nodes.push_back(std::move(node));
    }
    ByteView state;
    if (!r.readRaw("user state", static_cast<std::size_t>(header.userStateLen), state))
        return false;
    out.userState.assign(state.begin(), state.end());
    return true;
}

bool readUserMsg(MsgpackReader &r, Channel channel, UserMsg &out)
{
    auto length = static_cast<std::int64_t>(r.remaining());
    if (channel == Channel::Tcp) {
        auto field = [](std::int64_t &len, std::string_view k, MsgpackReader &rd) {
            return k == "UserMsgLen"
                       ? rd.readInt(k, 0, static_cast<std::int64_t>(kMaxUserMsgBytes), len)
                       : rd.skip(k);
        };
        length = 0;
        if (!readStruct(r, "header", kUserMsgOrder, length, field))
            return false;
    }
    ByteView payload;
    if (!r.readRaw("payload", static_cast<std::size_t>(length), payload))
        return false;
    out.payload.assign(payload.begin(), payload.end());
    return true;
}

template <class T, std::size_t N, class FieldFn>
bool readInto(MsgpackReader &r, Message &out, const std::array<std::string_view, N> &order,
              FieldFn field)
{
    T value;
    if (!readStruct(r, "body", order, value, field))
        return false;
    out = std::move(value);
    return true;
}

bool readBody(MsgpackReader &r, MessageType type, Channel channel, Message &out)
{
    switch (type) {
    case MessageType::Ping:
        return readInto<Ping>(r, out, kPingOrder, pingField);
    case MessageType::IndirectPing:
        return readInto<IndirectPing>(r, out, kIndirectOrder, indirectPingField);
    case MessageType::Ack:
        return readInto<Ack>(r, out, kAckOrder, ackField);
    case MessageType::Nack:
        return readInto<Nack>(r, out, kNackOrder, nackField);
    case MessageType::Err:
        return readInto<ErrResp>(r, out, kErrOrder, errField);
    case MessageType::Suspect:
        return readInto<Suspect>(r, out, kClaimOrder, claimField<Suspect>);
    case MessageType::Dead:
        return readInto<Dead>(r, out, kClaimOrder, claimField<Dead>);
    case MessageType::Alive:
        return readInto<Alive>(r, out, kAliveOrder, aliveField);
    case MessageType::PushPull: {
        PushPull value;
        if (!readPushPull(r, value))
            return false;
        out = std::move(value);
        return true;
    }
    case MessageType::User: {
        UserMsg value;
        if (!readUserMsg(r, channel, value))
            return false;
        out = std::move(value);
        return true;
    }
    default:
        return r.fail("is a layer, not a message");
    }
}

bool compressField(CompressBody &m, std::string_view k, MsgpackReader &r)
{
    if (k == "Algo")
        return readUnsigned(r, k, m.algo);
    if (k == "Buf")
        return r.readBytes(k, m.buf);
    return r.skip(k);
}

} // namespace

bool readMessage(MsgpackReader &reader, Channel channel, Message &out)
{
    std::uint8_t typeByte = 0;
    if (!reader.readByte("type byte", typeByte))
        return reader.addContext("empty message: ");
    const auto type = static_cast<MessageType>(typeByte);
    const std::string_view name = messageTypeName(type);
    if (name == "unknown")
        return reader.fail("unknown message type " + std::to_string(typeByte));
    if (!readBody(reader, type, channel, out))
        return reader.addContext(std::string(name) + ": ");
    return true;
}

bool readPushPullHeader(MsgpackReader &reader, PushPullHeader &out)
{
    return readStruct(reader, "header", kPushPullOrder, out, pushPullHeaderField);
}

bool readNodeState(MsgpackReader &reader, PushNodeState &out)
{
    return readStruct(reader, "node state", kNodeStateOrder, out, nodeStateField);
}

bool readCompressBody(MsgpackReader &reader, CompressBody &out)
{
    if (readStruct(reader, "body", kCompressOrder, out, compressField))
        return true;
    return reader.addContext("compress: ");
}

Result<Message> decodeMessage(ByteView bytes, Channel channel)
{
    MsgpackReader reader(bytes);
    Message message;
    if (!readMessage(reader, channel, message))
        return makeError(reader.error());
    return message;
}

} // namespace grapevine::wire
