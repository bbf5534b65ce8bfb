// Decoding side of serf_messages.h. Errors read "<serf type>: <field>: <problem>".
#include "serf_codec.h"
#include "serf_messages.h"

#include <algorithm>

namespace grapevine::serf {

namespace codec {

bool readStringList(wire::MsgpackReader &r, std::string_view field, std::vector<std::string> &out)
{
    std::uint32_t count = 0;
    if (!r.readArrayHeader(field, count))
        return false;
    out.resize(count);
    for (std::string &item : out)
        if (!r.readString(field, item))
            return false;
    return true;
}

bool readStringMap(wire::MsgpackReader &r, std::string_view field,
                   std::map<std::string, std::string> &out)
{
    std::uint32_t count = 0;
    if (!r.readMapHeader(field, count))
        return false;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string key;
        std::string value;
        if (!r.readString(field, key) || !r.readString(field, value))
            return false;
        out[std::move(key)] = std::move(value);
    }
    return true;
}

} // namespace codec

namespace {

using codec::readMap;
using codec::readUnsigned;
using wire::MsgpackReader;

bool readLeave(MsgpackReader &r, LeaveIntent &m)
{
    return readMap(r, "body", [&](std::string_view k) {
        if (k == "LTime")
            return readUnsigned(r, k, m.ltime);
        if (k == "Node")
            return r.readString(k, m.node);
        if (k == "Prune")
            return r.readBool(k, m.prune);
        return r.skip(k);
    });
}

bool readJoin(MsgpackReader &r, JoinIntent &m)
{
    return readMap(r, "body", [&](std::string_view k) {
        if (k == "LTime")
            return readUnsigned(r, k, m.ltime);
        if (k == "Node")
            return r.readString(k, m.node);
        return r.skip(k);
    });
}

bool readEventItem(MsgpackReader &r, EventItem &m)
{
    return readMap(r, "Events", [&](std::string_view k) {
        if (k == "Name")
            return r.readString(k, m.name);
        if (k == "Payload")
            return r.readBytes(k, m.payload);
        return r.skip(k);
    });
}

bool readEventItems(MsgpackReader &r, std::string_view key, std::vector<EventItem> &out)
{
    std::uint32_t n = 0;
    if (!r.readArrayHeader(key, n))
        return false;
    out.resize(n);
    return std::all_of(out.begin(), out.end(), [&r](EventItem &e) { return readEventItem(r, e); });
}

// One slot of the event buffer, `fields` keys long: its LTime and its events.
bool readEventsAt(MsgpackReader &r, std::uint32_t fields, EventsAt &at)
{
    for (std::uint32_t f = 0; f < fields; ++f) {
        std::string_view k;
        if (!r.readKey(k))
            return false;
        bool ok = false;
        if (k == "LTime")
            ok = readUnsigned(r, k, at.ltime);
        else if (k == "Events")
            ok = readEventItems(r, k, at.events);
        else
            ok = r.skip(k);
        if (!ok)
            return false;
    }
    return true;
}

bool readEventBuffer(MsgpackReader &r, std::vector<EventsAt> &out)
{
    std::uint32_t count = 0;
    if (!r.readArrayHeader("Events", count))
        return false;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t fields = 0;
        if (!r.readMapHeader("Events", fields))
            return false;
        if (fields == 0)
            continue; // a nil slot of Go's ring buffer (or an empty struct)
        EventsAt at;
        if (!readEventsAt(r, fields, at))
            return false;
        out.push_back(std::move(at));
    }
    return true;
}

bool readStatusLTimes(MsgpackReader &r, std::map<std::string, LamportTime> &out)
{
    std::uint32_t count = 0;
    if (!r.readMapHeader("StatusLTimes", count))
        return false;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string node;
        LamportTime ltime = 0;
        if (!r.readString("StatusLTimes", node) || !readUnsigned(r, "StatusLTimes", ltime))
            return false;
        out[std::move(node)] = ltime;
    }
    return true;
}

bool readPushPull(MsgpackReader &r, PushPull &m)
{
    return readMap(r, "body", [&](std::string_view k) {
        if (k == "LTime")
            return readUnsigned(r, k, m.ltime);
        if (k == "StatusLTimes")
            return readStatusLTimes(r, m.statusLTimes);
        if (k == "LeftMembers")
            return codec::readStringList(r, k, m.leftMembers);
        if (k == "EventLTime")
            return readUnsigned(r, k, m.eventLTime);
        if (k == "Events")
            return readEventBuffer(r, m.events);
        if (k == "QueryLTime")
            return readUnsigned(r, k, m.queryLTime);
        return r.skip(k);
    });
}

bool readUserEvent(MsgpackReader &r, UserEvent &m)
{
    return readMap(r, "body", [&](std::string_view k) {
        if (k == "LTime")
            return readUnsigned(r, k, m.ltime);
        if (k == "Name")
            return r.readString(k, m.name);
        if (k == "Payload")
            return r.readBytes(k, m.payload);
        if (k == "CC")
            return r.readBool(k, m.coalesce);
        return r.skip(k);
    });
}

bool readFilters(MsgpackReader &r, std::vector<wire::Bytes> &out)
{
    std::uint32_t count = 0;
    if (!r.readArrayHeader("Filters", count))
        return false;
    out.resize(count);
    for (wire::Bytes &f : out)
        if (!r.readBytes("Filters", f))
            return false;
    return true;
}

bool readQuery(MsgpackReader &r, Query &m)
{
    return readMap(r, "body", [&](std::string_view k) {
        if (k == "LTime")
            return readUnsigned(r, k, m.ltime);
        if (k == "ID")
            return readUnsigned(r, k, m.id);
        if (k == "Addr")
            return r.readBytes(k, m.addr);
        if (k == "Port")
            return readUnsigned(r, k, m.port);
        if (k == "SourceNode")
            return r.readString(k, m.sourceNode);
        if (k == "Filters")
            return readFilters(r, m.filters);
        if (k == "Flags")
            return readUnsigned(r, k, m.flags);
        if (k == "RelayFactor")
            return readUnsigned(r, k, m.relayFactor);
        if (k == "Timeout")
            return r.readInt(k, INT64_MIN, INT64_MAX, m.timeoutNs);
        if (k == "Name")
            return r.readString(k, m.name);
        if (k == "Payload")
            return r.readBytes(k, m.payload);
        return r.skip(k);
    });
}

bool readQueryResponse(MsgpackReader &r, QueryResponse &m)
{
    return readMap(r, "body", [&](std::string_view k) {
        if (k == "LTime")
            return readUnsigned(r, k, m.ltime);
        if (k == "ID")
            return readUnsigned(r, k, m.id);
        if (k == "From")
            return r.readString(k, m.from);
        if (k == "Flags")
            return readUnsigned(r, k, m.flags);
        if (k == "Payload")
            return r.readBytes(k, m.payload);
        return r.skip(k);
    });
}

bool readRelay(MsgpackReader &r, wire::ByteView all, Relay &m)
{
    const bool ok = readMap(r, "header", [&](std::string_view k) {
        if (k == "DestName")
            return r.readString(k, m.destName);
        if (k != "DestAddr")
            return r.skip(k);
        return readMap(r, k, [&](std::string_view a) {
            if (a == "IP")
                return r.readBytes(a, m.destIp);
            if (a == "Port")
                return readUnsigned(r, a, m.destPort);
            return r.skip(a);
        });
    });
    if (ok)
        m.inner.assign(all.begin() + static_cast<std::ptrdiff_t>(r.position()), all.end());
    return ok;
}

template <class T, class ReadFn>
wire::Result<Message> decodeAs(wire::ByteView body, MessageType type, ReadFn read)
{
    MsgpackReader r(body);
    T m;
    if (!read(r, m)) {
        r.addContext(std::string(messageTypeName(type)) + ": ");
        return wire::makeError(r.error());
    }
    return Message{std::move(m)};
}

} // namespace

const char *messageTypeName(MessageType type)
{
    switch (type) {
    case MessageType::Leave:
        return "serf-leave";
    case MessageType::Join:
        return "serf-join";
    case MessageType::PushPull:
        return "serf-push-pull";
    case MessageType::UserEvent:
        return "serf-user-event";
    case MessageType::Query:
        return "serf-query";
    case MessageType::QueryResponse:
        return "serf-query-response";
    case MessageType::ConflictResponse:
        return "serf-conflict-response";
    case MessageType::KeyRequest:
        return "serf-key-request";
    case MessageType::KeyResponse:
        return "serf-key-response";
    case MessageType::Relay:
        return "serf-relay";
    }
    return "serf-unknown";
}

MessageType typeOf(const Message &message)
{
    static constexpr MessageType kTypes[] = {MessageType::Leave,    MessageType::Join,
                                             MessageType::PushPull, MessageType::UserEvent,
                                             MessageType::Query,    MessageType::QueryResponse,
                                             MessageType::Relay};
    return kTypes[message.index()];
}

wire::Result<Message> decodeMessage(wire::ByteView bytes)
{
    if (bytes.empty())
        return wire::makeError("serf: empty message");
    const wire::ByteView body = bytes.subspan(1);
    switch (static_cast<MessageType>(bytes[0])) {
    case MessageType::Leave:
        return decodeAs<LeaveIntent>(body, MessageType::Leave, readLeave);
    case MessageType::Join:
        return decodeAs<JoinIntent>(body, MessageType::Join, readJoin);
    case MessageType::PushPull:
        return decodeAs<PushPull>(body, MessageType::PushPull, readPushPull);
    case MessageType::UserEvent:
        return decodeAs<UserEvent>(body, MessageType::UserEvent, readUserEvent);
    case MessageType::Query:
        return decodeAs<Query>(body, MessageType::Query, readQuery);
    case MessageType::QueryResponse:
        return decodeAs<QueryResponse>(body, MessageType::QueryResponse, readQueryResponse);
    case MessageType::Relay:
        return decodeAs<Relay>(body, MessageType::Relay,
                               [&](MsgpackReader &r, Relay &m) { return readRelay(r, body, m); });
    default:
        return wire::makeError("serf: unknown message type " + std::to_string(bytes[0]));
    }
}

wire::Result<KeyRequest> decodeKeyRequest(wire::ByteView bytes)
{
    if (bytes.empty() || bytes[0] != static_cast<std::uint8_t>(MessageType::KeyRequest))
        return wire::makeError("serf-key-request: missing type byte 7");
    MsgpackReader r(bytes.subspan(1));
    KeyRequest m;
    const bool ok = readMap(r, "body", [&](std::string_view k) {
        return k == "Key" ? r.readBytes(k, m.key) : r.skip(k);
    });
    if (!ok) {
        r.addContext("serf-key-request: ");
        return wire::makeError(r.error());
    }
    return m;
}

wire::Result<KeyResponse> decodeKeyResponse(wire::ByteView bytes)
{
    if (bytes.empty() || bytes[0] != static_cast<std::uint8_t>(MessageType::KeyResponse))
        return wire::makeError("serf-key-response: missing type byte 8");
    MsgpackReader r(bytes.subspan(1));
    KeyResponse m;
    const bool ok = readMap(r, "body", [&](std::string_view k) {
        if (k == "Result")
            return r.readBool(k, m.result);
        if (k == "Message")
            return r.readString(k, m.message);
        if (k == "Keys")
            return codec::readStringList(r, k, m.keys);
        if (k == "PrimaryKey")
            return r.readString(k, m.primaryKey);
        return r.skip(k);
    });
    if (!ok) {
        r.addContext("serf-key-response: ");
        return wire::makeError(r.error());
    }
    return m;
}

wire::Result<Filter> decodeFilter(wire::ByteView bytes)
{
    if (bytes.empty())
        return wire::makeError("serf filter: empty");
    MsgpackReader r(bytes.subspan(1));
    if (bytes[0] == 0) {
        NodeFilter f;
        if (!codec::readStringList(r, "node filter", f.nodes))
            return wire::makeError(r.error());
        return Filter{std::move(f)};
    }
    if (bytes[0] == 1) {
        TagFilter f;
        const bool ok = readMap(r, "tag filter", [&](std::string_view k) {
            if (k == "Tag")
                return r.readString(k, f.tag);
            if (k == "Expr")
                return r.readString(k, f.expr);
            return r.skip(k);
        });
        if (!ok)
            return wire::makeError(r.error());
        return Filter{std::move(f)};
    }
    return wire::makeError("serf filter: unknown type " + std::to_string(bytes[0]));
}

} // namespace grapevine::serf
