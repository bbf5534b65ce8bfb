// Encoding side of serf_messages.h: what Serf 0.9.4's encodeMessage writes (go-msgpack 0.5.5
// default handle): struct fields as a map with byte-wise sorted keys, strings and byte
// slices in the raw str family, empty byte slices and nil slices as nil.
#include "serf_messages.h"

#include "core/wire/msgpack_writer.h"
#include "core/wire/overloaded.h"

namespace grapevine::serf {

namespace {

using wire::MsgpackWriter;

void writeStringList(MsgpackWriter &w, const std::vector<std::string> &items, bool nilWhenEmpty)
{
    if (items.empty() && nilWhenEmpty) {
        w.nil();
        return;
    }
    w.arrayHeader(static_cast<std::uint32_t>(items.size()));
    for (const std::string &item : items)
        w.str(item);
}

void writeLeave(MsgpackWriter &w, const LeaveIntent &m)
{
    w.mapHeader(3);
    w.str("LTime");
    w.uint(m.ltime);
    w.str("Node");
    w.str(m.node);
    w.str("Prune");
    w.boolean(m.prune);
}

void writeJoin(MsgpackWriter &w, const JoinIntent &m)
{
    w.mapHeader(2);
    w.str("LTime");
    w.uint(m.ltime);
    w.str("Node");
    w.str(m.node);
}

void writeEventsAt(MsgpackWriter &w, const EventsAt &m)
{
    w.mapHeader(2);
    w.str("Events");
    w.arrayHeader(static_cast<std::uint32_t>(m.events.size()));
    for (const EventItem &e : m.events) {
        w.mapHeader(2);
        w.str("Name");
        w.str(e.name);
        w.str("Payload");
        w.bytes(e.payload);
    }
    w.str("LTime");
    w.uint(m.ltime);
}

void writePushPull(MsgpackWriter &w, const PushPull &m)
{
    w.mapHeader(6);
    w.str("EventLTime");
    w.uint(m.eventLTime);
    w.str("Events");
    w.arrayHeader(static_cast<std::uint32_t>(m.events.size()));
    for (const EventsAt &at : m.events)
        writeEventsAt(w, at);
    w.str("LTime");
    w.uint(m.ltime);
    w.str("LeftMembers");
    writeStringList(w, m.leftMembers, false);
    w.str("QueryLTime");
    w.uint(m.queryLTime);
    w.str("StatusLTimes");
    w.mapHeader(static_cast<std::uint32_t>(m.statusLTimes.size()));
    for (const auto &[node, ltime] : m.statusLTimes) {
        w.str(node);
        w.uint(ltime);
    }
}

void writeUserEvent(MsgpackWriter &w, const UserEvent &m)
{
    w.mapHeader(4);
    w.str("CC");
    w.boolean(m.coalesce);
    w.str("LTime");
    w.uint(m.ltime);
    w.str("Name");
    w.str(m.name);
    w.str("Payload");
    w.bytes(m.payload);
}

void writeQuery(MsgpackWriter &w, const Query &m, wire::IntStyle style)
{
    w.mapHeader(11);
    w.str("Addr");
    w.bytes(m.addr);
    w.str("Filters");
    if (m.filters.empty()) {
        w.nil();
    } else {
        w.arrayHeader(static_cast<std::uint32_t>(m.filters.size()));
        for (const wire::Bytes &f : m.filters)
            w.bytes(f);
    }
    w.str("Flags");
    w.uint(m.flags);
    w.str("ID");
    w.uint(m.id);
    w.str("LTime");
    w.uint(m.ltime);
    w.str("Name");
    w.str(m.name);
    w.str("Payload");
    w.bytes(m.payload);
    w.str("Port");
    w.uint(m.port);
    w.str("RelayFactor");
    w.uint(m.relayFactor);
    w.str("SourceNode");
    w.str(m.sourceNode);
    w.str("Timeout");
    w.goInt(m.timeoutNs, style); // time.Duration: a Go int64
}

void writeQueryResponse(MsgpackWriter &w, const QueryResponse &m)
{
    w.mapHeader(5);
    w.str("Flags");
    w.uint(m.flags);
    w.str("From");
    w.str(m.from);
    w.str("ID");
    w.uint(m.id);
    w.str("LTime");
    w.uint(m.ltime);
    w.str("Payload");
    w.bytes(m.payload);
}

void writeRelay(MsgpackWriter &w, const Relay &m, wire::IntStyle style)
{
    w.mapHeader(2);
    w.str("DestAddr");
    w.mapHeader(3);
    w.str("IP");
    w.bytes(m.destIp);
    w.str("Port");
    w.goInt(m.destPort, style); // net.UDPAddr.Port: a Go int
    w.str("Zone");
    w.str("");
    w.str("DestName");
    w.str(m.destName);
    w.raw(m.inner);
}

void writeTags(MsgpackWriter &w, const std::map<std::string, std::string> &tags)
{
    w.mapHeader(static_cast<std::uint32_t>(tags.size()));
    for (const auto &[key, value] : tags) {
        w.str(key);
        w.str(value);
    }
}

} // namespace

wire::Bytes encodeMessage(const Message &message, wire::IntStyle style)
{
    wire::Bytes out;
    MsgpackWriter w(&out);
    w.byte(static_cast<std::uint8_t>(typeOf(message)));
    std::visit(Overloaded{
                   [&](const LeaveIntent &m) { writeLeave(w, m); },
                   [&](const JoinIntent &m) { writeJoin(w, m); },
                   [&](const PushPull &m) { writePushPull(w, m); },
                   [&](const UserEvent &m) { writeUserEvent(w, m); },
                   [&](const Query &m) { writeQuery(w, m, style); },
                   [&](const QueryResponse &m) { writeQueryResponse(w, m); },
                   [&](const Relay &m) { writeRelay(w, m, style); },
               },
               message);
    return out;
}

wire::Bytes encodeKeyRequest(const KeyRequest &request)
{
    wire::Bytes out;
    MsgpackWriter w(&out);
    w.byte(static_cast<std::uint8_t>(MessageType::KeyRequest));
    w.mapHeader(1);
    w.str("Key");
    // Serf's KeyManager sets Key from base64.DecodeString, never nil: an empty key (the
    // _serf_list-keys query) goes out as an empty raw string (a0), not nil.
    w.str(std::string_view(reinterpret_cast<const char *>(request.key.data()), request.key.size()));
    return out;
}

wire::Bytes encodeKeyResponse(const KeyResponse &response)
{
    wire::Bytes out;
    MsgpackWriter w(&out);
    w.byte(static_cast<std::uint8_t>(MessageType::KeyResponse));
    w.mapHeader(4);
    w.str("Keys");
    writeStringList(w, response.keys, true);
    w.str("Message");
    w.str(response.message);
    w.str("PrimaryKey");
    w.str(response.primaryKey);
    w.str("Result");
    w.boolean(response.result);
    return out;
}

wire::Bytes encodeConflictResponse(const ConflictMember *member)
{
    wire::Bytes out;
    MsgpackWriter w(&out);
    w.byte(static_cast<std::uint8_t>(MessageType::ConflictResponse));
    if (!member) {
        w.nil();
        return out;
    }
    static constexpr const char *kVsnKeys[6] = {"ProtocolMin", "ProtocolMax", "ProtocolCur",
                                                "DelegateMin", "DelegateMax", "DelegateCur"};
    w.mapHeader(11);
    w.str("Addr");
    w.bytes(member->addr);
    for (int i : {5, 4, 3}) { // DelegateCur, DelegateMax, DelegateMin: sorted order
        w.str(kVsnKeys[i]);
        w.uint(member->vsn[i]);
    }
    w.str("Name");
    w.str(member->name);
    w.str("Port");
    w.uint(member->port);
    for (int i : {2, 1, 0}) {
        w.str(kVsnKeys[i]);
        w.uint(member->vsn[i]);
    }
    w.str("Status");
    w.uint(static_cast<std::uint64_t>(member->status));
    w.str("Tags");
    writeTags(w, member->tags);
    return out;
}

} // namespace grapevine::serf
