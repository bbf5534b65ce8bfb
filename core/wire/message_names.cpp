// Names, type numbers and one-line summaries for messages.h.
#include "core/wire/claim_precedence.h"
#include "core/wire/endpoint.h"
#include "core/wire/messages.h"

#include <algorithm>
#include <type_traits>

namespace grapevine::wire {

namespace {

std::string hostText(ByteView ip, std::uint16_t port)
{
    return Endpoint{Bytes(ip.begin(), ip.end()), port}.toString();
}

std::string sourceText(const std::string &node, const Bytes &addr, std::uint16_t port)
{
    if (node.empty() && addr.empty())
        return {};
    return " from=" + node + (addr.empty() ? std::string() : "@" + hostText(addr, port));
}

std::string describeBody(const Ping &m)
{
    return " seq=" + std::to_string(m.seqNo) + " node=" + m.node +
           sourceText(m.sourceNode, m.sourceAddr, m.sourcePort);
}

std::string describeBody(const IndirectPing &m)
{
    return " seq=" + std::to_string(m.seqNo) + " target=" + m.node + "@" +
           hostText(m.target, m.port) + (m.nack ? " nack" : "") +
           sourceText(m.sourceNode, m.sourceAddr, m.sourcePort);
}

std::string describeBody(const Ack &m)
{
    return " seq=" + std::to_string(m.seqNo) + " payload=" + std::to_string(m.payload.size()) + "B";
}

std::string describeBody(const Nack &m)
{
    return " seq=" + std::to_string(m.seqNo);
}
std::string describeBody(const ErrResp &m)
{
    return " error=\"" + m.error + "\"";
}

std::string describeBody(const Suspect &m)
{
    return " node=" + m.node + " inc=" + std::to_string(m.incarnation) + " from=" + m.from;
}

std::string describeBody(const Dead &m)
{
    return " node=" + m.node + " inc=" + std::to_string(m.incarnation) +
           (m.from == m.node ? std::string(" (left)") : " from=" + m.from);
}

std::string describeBody(const Alive &m)
{
    return " node=" + m.node + "@" + hostText(m.addr, m.port) +
           " inc=" + std::to_string(m.incarnation) + " meta=" + std::to_string(m.meta.size()) +
           "B vsn=" + toHex(m.vsn);
}

std::string describeBody(const PushPull &m)
{
    std::string text =
        std::string(m.join ? " join" : " sync") + " nodes=" + std::to_string(m.nodes.size());
    for (const PushNodeState &node : m.nodes)
        text += " " + node.name + ":" + nodeStateName(node.state) + "/" +
                std::to_string(node.incarnation);
    return text + " user=" + std::to_string(m.userState.size()) + "B";
}

// A short preview so the analyzer shows what a user message carries: quoted when it is
// printable text (plain memberlist apps send text), else its first bytes in hex.
std::string describeBody(const UserMsg &m)
{
    constexpr std::size_t kPreview = 24;
    const ByteView head = ByteView(m.payload).first(std::min(m.payload.size(), kPreview));
    const std::string more = m.payload.size() > kPreview ? "…" : "";
    std::string size = " " + std::to_string(m.payload.size()) + "B";
    if (head.empty())
        return size;
    const bool printable =
        std::all_of(head.begin(), head.end(), [](std::uint8_t c) { return c >= 0x20 && c < 0x7f; });
    if (printable)
        return size + " \"" + toString(head) + more + "\"";
    return size + " " + toHex(head.first(std::min<std::size_t>(head.size(), 8))) +
           (m.payload.size() > 8 ? " …" : "");
}

} // namespace

const char *messageTypeName(MessageType type)
{
    switch (type) {
    case MessageType::Ping:
        return "ping";
    case MessageType::IndirectPing:
        return "indirect-ping";
    case MessageType::Ack:
        return "ack";
    case MessageType::Suspect:
        return "suspect";
    case MessageType::Alive:
        return "alive";
    case MessageType::Dead:
        return "dead";
    case MessageType::PushPull:
        return "push-pull";
    case MessageType::Compound:
        return "compound";
    case MessageType::User:
        return "user";
    case MessageType::Compress:
        return "compress";
    case MessageType::Encrypt:
        return "encrypt";
    case MessageType::Nack:
        return "nack";
    case MessageType::HasCrc:
        return "crc";
    case MessageType::Err:
        return "err";
    case MessageType::HasLabel:
        return "label";
    }
    return "unknown";
}

const char *nodeStateName(NodeState state)
{
    switch (state) {
    case NodeState::Alive:
        return "alive";
    case NodeState::Suspect:
        return "suspect";
    case NodeState::Dead:
        return "dead";
    case NodeState::Left:
        return "left";
    }
    return "unknown";
}

MessageType typeOf(const Message &message)
{
    return std::visit(
        [](const auto &m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, Ping>)
                return MessageType::Ping;
            else if constexpr (std::is_same_v<T, IndirectPing>)
                return MessageType::IndirectPing;
            else if constexpr (std::is_same_v<T, Ack>)
                return MessageType::Ack;
            else if constexpr (std::is_same_v<T, Nack>)
                return MessageType::Nack;
            else if constexpr (std::is_same_v<T, Suspect>)
                return MessageType::Suspect;
            else if constexpr (std::is_same_v<T, Alive>)
                return MessageType::Alive;
            else if constexpr (std::is_same_v<T, Dead>)
                return MessageType::Dead;
            else if constexpr (std::is_same_v<T, PushPull>)
                return MessageType::PushPull;
            else if constexpr (std::is_same_v<T, UserMsg>)
                return MessageType::User;
            else
                return MessageType::Err;
        },
        message);
}

std::string describe(const Message &message)
{
    return std::visit(
        [&](const auto &m) { return messageTypeName(typeOf(message)) + describeBody(m); }, message);
}

std::string validateVsn(ByteView vsn)
{
    if (vsn.size() != 6)
        return "Vsn has " + std::to_string(vsn.size()) + " bytes, needs 6";
    if (vsn[0] == 0 || vsn[1] == 0)
        return "Vsn protocol min/max is 0";
    if (vsn[0] > vsn[1])
        return "Vsn protocol min " + std::to_string(vsn[0]) + " > max " + std::to_string(vsn[1]);
    return {};
}

namespace {

int claimRank(NodeState state)
{
    switch (state) {
    case NodeState::Alive:
        return 0;
    case NodeState::Suspect:
        return 1;
    case NodeState::Dead:
    case NodeState::Left:
        return 2;
    }
    return 0;
}

} // namespace

bool claimSupersedes(NodeState state, std::uint32_t incarnation, NodeState currentState,
                     std::uint32_t currentIncarnation)
{
    if (incarnation != currentIncarnation)
        return incarnation > currentIncarnation;
    return claimRank(state) > claimRank(currentState);
}

} // namespace grapevine::wire
