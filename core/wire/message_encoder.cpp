// Encoding side of messages.h. Keys are written in the byte-wise sorted order Go emits
// (go-msgpack sorts struct fields by name); each writer below hard-codes that order.
#include "core/wire/message_codec.h"

#include <type_traits>

namespace grapevine::wire {

namespace {

void writeBody(const Ping &m, MsgpackWriter &w)
{
    const bool hasAddr = !m.sourceAddr.empty();
    const bool hasNode = !m.sourceNode.empty();
    const bool hasPort = m.sourcePort != 0;
    w.mapHeader(2U + hasAddr + hasNode + hasPort);
    w.str("Node"), w.str(m.node);
    w.str("SeqNo"), w.uint(m.seqNo);
    if (hasAddr)
        w.str("SourceAddr"), w.bytes(m.sourceAddr);
    if (hasNode)
        w.str("SourceNode"), w.str(m.sourceNode);
    if (hasPort)
        w.str("SourcePort"), w.uint(m.sourcePort);
}

void writeBody(const IndirectPing &m, MsgpackWriter &w)
{
    const bool hasAddr = !m.sourceAddr.empty();
    const bool hasNode = !m.sourceNode.empty();
    const bool hasPort = m.sourcePort != 0;
    w.mapHeader(5U + hasAddr + hasNode + hasPort);
    w.str("Nack"), w.boolean(m.nack);
    w.str("Node"), w.str(m.node);
    w.str("Port"), w.uint(m.port);
    w.str("SeqNo"), w.uint(m.seqNo);
    if (hasAddr)
        w.str("SourceAddr"), w.bytes(m.sourceAddr);
    if (hasNode)
        w.str("SourceNode"), w.str(m.sourceNode);
    if (hasPort)
        w.str("SourcePort"), w.uint(m.sourcePort);
    w.str("Target"), w.bytes(m.target);
}

void writeBody(const Ack &m, MsgpackWriter &w)
{
    w.mapHeader(2);
    w.str("Payload"), w.bytes(m.payload);
    w.str("SeqNo"), w.uint(m.seqNo);
}

void writeBody(const Nack &m, MsgpackWriter &w)
{
    w.mapHeader(1);
    w.str("SeqNo"), w.uint(m.seqNo);
}

void writeBody(const ErrResp &m, MsgpackWriter &w)
{
    w.mapHeader(1);
    w.str("Error"), w.str(m.error);
}

template <class Claim> void writeClaim(const Claim &m, MsgpackWriter &w)
{
    w.mapHeader(3);
    w.str("From"), w.str(m.from);
    w.str("Incarnation"), w.uint(m.incarnation);
    w.str("Node"), w.str(m.node);
}

void writeBody(const Suspect &m, MsgpackWriter &w)
{
    writeClaim(m, w);
}
void writeBody(const Dead &m, MsgpackWriter &w)
{
    writeClaim(m, w);
}

void writeBody(const Alive &m, MsgpackWriter &w)
{
    w.mapHeader(6);
    w.str("Addr"), w.bytes(m.addr);
    w.str("Incarnation"), w.uint(m.incarnation);
    w.str("Meta"), w.bytes(m.meta);
    w.str("Node"), w.str(m.node);
    w.str("Port"), w.uint(m.port);
    w.str("Vsn"), w.bytes(m.vsn);
}

void writeNodeState(const PushNodeState &m, IntStyle style, MsgpackWriter &w)
{
    w.mapHeader(7);
    w.str("Addr"), w.bytes(m.addr);
    w.str("Incarnation"), w.uint(m.incarnation);
    w.str("Meta"), w.bytes(m.meta);
    w.str("Name"), w.str(m.name);
    w.str("Port"), w.uint(m.port);
    w.str("State"), w.goInt(static_cast<std::int64_t>(m.state), style);
    w.str("Vsn"), w.bytes(m.vsn);
}

void writeBody(const PushPull &m, IntStyle style, MsgpackWriter &w)
{
    w.mapHeader(3);
    w.str("Join"), w.boolean(m.join);
    w.str("Nodes"), w.goInt(static_cast<std::int64_t>(m.nodes.size()), style);
    w.str("UserStateLen"), w.goInt(static_cast<std::int64_t>(m.userState.size()), style);
    for (const PushNodeState &node : m.nodes)
        writeNodeState(node, style, w);
    w.raw(m.userState);
}

void writeBody(const UserMsg &m, Channel channel, IntStyle style, MsgpackWriter &w)
{
    if (channel == Channel::Tcp) {
        w.mapHeader(1);
        w.str("UserMsgLen"), w.goInt(static_cast<std::int64_t>(m.payload.size()), style);
    }
    w.raw(m.payload);
}

} // namespace

void writeMessage(const Message &message, Channel channel, IntStyle style, MsgpackWriter &writer)
{
    writer.byte(static_cast<std::uint8_t>(typeOf(message)));
    std::visit(
        [&](const auto &m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, PushPull>)
                writeBody(m, style, writer);
            else if constexpr (std::is_same_v<T, UserMsg>)
                writeBody(m, channel, style, writer);
            else
                writeBody(m, writer);
        },
        message);
}

void writeCompressBody(const CompressBody &body, MsgpackWriter &writer)
{
    writer.mapHeader(2);
    writer.str("Algo"), writer.uint(body.algo);
    writer.str("Buf"), writer.bytes(body.buf);
}

Bytes encodeMessage(const Message &message, Channel channel, IntStyle style)
{
    MsgpackWriter counter(nullptr);
    writeMessage(message, channel, style, counter);
    Bytes out;
    out.reserve(counter.size());
    MsgpackWriter writer(&out);
    writeMessage(message, channel, style, writer);
    return out;
}

std::size_t encodedSize(const Message &message)
{
    MsgpackWriter counter(nullptr);
    writeMessage(message, Channel::Udp, IntStyle::Go05Unsigned, counter);
    return counter.size();
}

} // namespace grapevine::wire
