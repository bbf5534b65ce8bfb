#include "serf_describe.h"

#include "base64.h"
#include "coordinate.h"
#include "core/wire/overloaded.h"
#include "serf_messages.h"
#include "tags.h"

#include <cstdio>
#include <variant>

namespace grapevine::serf {

namespace {

// Printable text with no spaces (the analyzer splits fields on spaces); binary as base64.
std::string token(const wire::Bytes &bytes)
{
    if (bytes.empty())
        return "(empty)";
    std::string out;
    for (std::uint8_t b : bytes) {
        if (b < 0x20 || b == 0x7f)
            return "base64:" + toBase64(bytes);
        out += b == ' ' ? std::string("·") : std::string(1, char(b));
    }
    return out;
}

std::string token(const std::string &text)
{
    return token(wire::toBytes(text));
}

std::string ip(const wire::Bytes &addr)
{
    if (addr.size() == 4 || (addr.size() == 16 && addr[10] == 0xff && addr[11] == 0xff)) {
        const std::size_t at = addr.size() - 4;
        return std::to_string(addr[at]) + "." + std::to_string(addr[at + 1]) + "." +
               std::to_string(addr[at + 2]) + "." + std::to_string(addr[at + 3]);
    }
    return "base64:" + toBase64(addr);
}

std::string flags(std::uint32_t f)
{
    std::string out = std::to_string(f);
    if (f & kQueryFlagAck)
        out += "(ack";
    if (f & kQueryFlagNoBroadcast)
        out += (f & kQueryFlagAck) ? ",no-broadcast" : "(no-broadcast";
    return f ? out + ")" : out;
}

std::string describeQueryPayload(const Query &q)
{
    if (q.name.ends_with("-key") && !q.payload.empty()) {
        if (auto req = decodeKeyRequest(q.payload))
            return " Key=" + toBase64(req->key).substr(0, 6) + "…";
    }
    return " Payload=" + token(q.payload);
}

std::string describeResponsePayload(const QueryResponse &r)
{
    if (!r.payload.empty() && r.payload[0] == static_cast<std::uint8_t>(MessageType::KeyResponse)) {
        if (auto resp = decodeKeyResponse(r.payload))
            return " Result=" + std::string(resp->result ? "true" : "false") +
                   " Message=" + token(resp->message) +
                   " Keys=" + std::to_string(resp->keys.size());
    }
    return " Payload=" + token(r.payload);
}

std::string describeBody(const Message &m)
{
    const auto lt = [](LamportTime t) { return "LTime=" + std::to_string(t); };
    return std::visit(
        Overloaded{
            [&](const LeaveIntent &x) {
                return lt(x.ltime) + " Node=" + token(x.node) +
                       " Prune=" + (x.prune ? "true" : "false");
            },
            [&](const JoinIntent &x) { return lt(x.ltime) + " Node=" + token(x.node); },
            [&](const PushPull &x) {
                std::size_t events = 0;
                for (const EventsAt &at : x.events)
                    events += at.events.size();
                return lt(x.ltime) + " StatusLTimes=" + std::to_string(x.statusLTimes.size()) +
                       " LeftMembers=" + std::to_string(x.leftMembers.size()) +
                       " EventLTime=" + std::to_string(x.eventLTime) +
                       " Events=" + std::to_string(events) +
                       " QueryLTime=" + std::to_string(x.queryLTime);
            },
            [&](const UserEvent &x) {
                return lt(x.ltime) + " Name=" + token(x.name) + " Payload=" + token(x.payload) +
                       " CC=" + (x.coalesce ? "true" : "false");
            },
            [&](const Query &x) {
                return lt(x.ltime) + " ID=" + std::to_string(x.id) + " Name=" + token(x.name) +
                       " From=" + token(x.sourceNode) + "@" + ip(x.addr) + ":" +
                       std::to_string(x.port) + " Flags=" + flags(x.flags) +
                       " Filters=" + std::to_string(x.filters.size()) +
                       " RelayFactor=" + std::to_string(x.relayFactor) +
                       " Timeout=" + std::to_string(x.timeoutNs / 1000000) + "ms" +
                       describeQueryPayload(x);
            },
            [&](const QueryResponse &x) {
                return lt(x.ltime) + " ID=" + std::to_string(x.id) + " From=" + token(x.from) +
                       " Flags=" + flags(x.flags) + describeResponsePayload(x);
            },
            [&](const Relay &x) {
                return "DestName=" + token(x.destName) + " DestAddr=" + ip(x.destIp) + ":" +
                       std::to_string(x.destPort) + " Inner=" + std::to_string(x.inner.size()) +
                       "B";
            },
        },
        m);
}

} // namespace

std::optional<Message> readUserMessage(wire::ByteView payload)
{
    if (payload.empty() || payload[0] > static_cast<std::uint8_t>(MessageType::Relay))
        return std::nullopt;
    wire::Result<Message> m = decodeMessage(payload);
    if (!m)
        return std::nullopt;
    return std::move(*m);
}

std::optional<Described> describeUserMessage(wire::ByteView payload)
{
    const std::optional<Message> m = readUserMessage(payload);
    if (!m)
        return std::nullopt;
    return Described{messageTypeName(typeOf(*m)), describeBody(*m)};
}

std::optional<std::string> describeAckPayload(wire::ByteView payload)
{
    wire::Result<Coordinate> c = decodeAckPayload(payload);
    if (!c)
        return std::nullopt;
    std::string vec;
    char buffer[32];
    for (double v : c->vec) {
        std::snprintf(buffer, sizeof buffer, "%.3g", v * 1000.0);
        vec += (vec.empty() ? "" : ",") + std::string(buffer);
    }
    std::snprintf(buffer, sizeof buffer, "%.3g", c->error);
    std::string out = "Coordinate=vivaldi Vec(ms)=[" + vec + "] Error=" + buffer;
    std::snprintf(buffer, sizeof buffer, "%.3g", c->adjustment * 1000.0);
    out += " Adjustment(ms)=" + std::string(buffer);
    std::snprintf(buffer, sizeof buffer, "%.3g", c->height * 1000.0);
    return out + " Height(ms)=" + buffer;
}

} // namespace grapevine::serf
