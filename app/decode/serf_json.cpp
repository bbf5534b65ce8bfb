#include "serf_json.h"

#include "message_json.h"

#include "core/serf/base64.h"
#include "core/serf/coordinate.h"
#include "core/serf/serf_describe.h"
#include "core/serf/tags.h"
#include "core/value/limits.h"
#include "core/wire/endpoint.h"
#include "core/wire/overloaded.h"

#include <QJsonArray>

namespace grapevine::decode {

namespace {

constexpr std::size_t kKeyPrefixChars = 6; // enough to tell keys apart, too little to leak one

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

QString ipText(const wire::Bytes &ip)
{
    return ip.empty() ? QString() : text(wire::Endpoint{ip, 0}.ipText());
}

// Byte fields: hex always, and the text beside it when the bytes are UTF-8.
void addBytes(QJsonObject &out, const QString &name, const wire::Bytes &bytes)
{
    out[name + QStringLiteral("_hex")] = hexText(bytes);
    const std::string_view view(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    if (value::isValidUtf8(view))
        out[name] = text(std::string(view));
}

QString ltime(serf::LamportTime t)
{
    return QString::number(t); // 64-bit: a string, as "t" is
}

QJsonObject flagsJson(std::uint32_t flags)
{
    return {{QStringLiteral("value"), double(flags)},
            {QStringLiteral("ack"), (flags & serf::kQueryFlagAck) != 0},
            {QStringLiteral("no_broadcast"), (flags & serf::kQueryFlagNoBroadcast) != 0}};
}

QJsonValue filterJson(const wire::Bytes &bytes)
{
    auto filter = serf::decodeFilter(bytes);
    if (!filter)
        return QJsonObject{{QStringLiteral("hex"), hexText(bytes)},
                           {QStringLiteral("error"), text(filter.error().message)}};
    return std::visit(Overloaded{
                          [](const serf::NodeFilter &f) {
                              QJsonArray nodes;
                              for (const std::string &node : f.nodes)
                                  nodes.append(text(node));
                              return QJsonObject{{QStringLiteral("nodes"), nodes}};
                          },
                          [](const serf::TagFilter &f) {
                              return QJsonObject{{QStringLiteral("tag"), text(f.tag)},
                                                 {QStringLiteral("expr"), text(f.expr)}};
                          },
                      },
                      *filter);
}

QJsonObject fieldsOf(const serf::LeaveIntent &m)
{
    return {{QStringLiteral("ltime"), ltime(m.ltime)},
            {QStringLiteral("node"), text(m.node)},
            {QStringLiteral("prune"), m.prune}};
}

QJsonObject fieldsOf(const serf::JoinIntent &m)
{
    return {{QStringLiteral("ltime"), ltime(m.ltime)}, {QStringLiteral("node"), text(m.node)}};
}

QJsonArray eventsJson(const std::vector<serf::EventsAt> &buffer)
{
    QJsonArray out;
    for (const serf::EventsAt &at : buffer) {
        for (const serf::EventItem &event : at.events) {
            QJsonObject item{{QStringLiteral("ltime"), ltime(at.ltime)},
                             {QStringLiteral("name"), text(event.name)}};
            addBytes(item, QStringLiteral("payload"), event.payload);
            out.append(item);
        }
    }
    return out;
}

QJsonObject fieldsOf(const serf::PushPull &m)
{
    QJsonObject statuses;
    for (const auto &[node, at] : m.statusLTimes)
        statuses[text(node)] = ltime(at);
    QJsonArray left;
    for (const std::string &node : m.leftMembers)
        left.append(text(node));
    return {{QStringLiteral("ltime"), ltime(m.ltime)},
            {QStringLiteral("status_ltimes"), statuses},
            {QStringLiteral("left_members"), left},
            {QStringLiteral("event_ltime"), ltime(m.eventLTime)},
            {QStringLiteral("events"), eventsJson(m.events)},
            {QStringLiteral("query_ltime"), ltime(m.queryLTime)}};
}

QJsonObject fieldsOf(const serf::UserEvent &m)
{
    QJsonObject out{{QStringLiteral("ltime"), ltime(m.ltime)},
                    {QStringLiteral("name"), text(m.name)},
                    {QStringLiteral("coalesce"), m.coalesce}};
    addBytes(out, QStringLiteral("payload"), m.payload);
    return out;
}

// A key-management query (_serf_install-key, …) carries the key: only its first characters
// are shown, as in the gossip log.
void addQueryPayload(QJsonObject &out, const serf::Query &m)
{
    if (m.name.ends_with("-key") && !m.payload.empty()) {
        if (auto request = serf::decodeKeyRequest(m.payload)) {
            out[QStringLiteral("key_prefix")] =
                text(serf::toBase64(request->key).substr(0, kKeyPrefixChars));
            return;
        }
    }
    addBytes(out, QStringLiteral("payload"), m.payload);
}

QJsonObject fieldsOf(const serf::Query &m)
{
    QJsonArray filters;
    for (const wire::Bytes &filter : m.filters)
        filters.append(filterJson(filter));
    QJsonObject out{{QStringLiteral("ltime"), ltime(m.ltime)},
                    {QStringLiteral("id"), double(m.id)},
                    {QStringLiteral("name"), text(m.name)},
                    {QStringLiteral("source_node"), text(m.sourceNode)},
                    {QStringLiteral("source_addr"), ipText(m.addr)},
                    {QStringLiteral("source_port"), int(m.port)},
                    {QStringLiteral("flags"), flagsJson(m.flags)},
                    {QStringLiteral("filters"), filters},
                    {QStringLiteral("relay_factor"), int(m.relayFactor)},
                    {QStringLiteral("timeout_ms"), qint64(m.timeoutNs / 1'000'000)}}; // whole ms
    addQueryPayload(out, m);
    return out;
}

// The answer to a key-management query: its result and how many keys (never the keys).
void addResponsePayload(QJsonObject &out, const serf::QueryResponse &m)
{
    if (!m.payload.empty() &&
        m.payload[0] == static_cast<std::uint8_t>(serf::MessageType::KeyResponse)) {
        if (auto response = serf::decodeKeyResponse(m.payload)) {
            out[QStringLiteral("key_response")] =
                QJsonObject{{QStringLiteral("result"), response->result},
                            {QStringLiteral("message"), text(response->message)},
                            {QStringLiteral("keys"), int(response->keys.size())}};
            return;
        }
    }
    addBytes(out, QStringLiteral("payload"), m.payload);
}

QJsonObject fieldsOf(const serf::QueryResponse &m)
{
    QJsonObject out{{QStringLiteral("ltime"), ltime(m.ltime)},
                    {QStringLiteral("id"), double(m.id)},
                    {QStringLiteral("from"), text(m.from)},
                    {QStringLiteral("flags"), flagsJson(m.flags)}};
    addResponsePayload(out, m);
    return out;
}

QJsonObject fieldsOf(const serf::Relay &m)
{
    QJsonObject out{{QStringLiteral("dest_name"), text(m.destName)},
                    {QStringLiteral("dest_addr"), ipText(m.destIp)},
                    {QStringLiteral("dest_port"), int(m.destPort)}};
    if (auto inner = serfMessageJson(m.inner))
        out[QStringLiteral("inner")] = *inner;
    else
        out[QStringLiteral("inner_hex")] = hexText(m.inner);
    return out;
}

} // namespace

std::optional<QJsonObject> serfMessageJson(wire::ByteView payload)
{
    const std::optional<serf::Message> message = serf::readUserMessage(payload);
    if (!message)
        return std::nullopt;
    return QJsonObject{{QStringLiteral("type"),
                        QString::fromLatin1(serf::messageTypeName(serf::typeOf(*message)))},
                       {QStringLiteral("fields"),
                        std::visit([](const auto &m) { return fieldsOf(m); }, *message)}};
}

std::optional<QJsonObject> serfCoordinateJson(wire::ByteView ackPayload)
{
    if (ackPayload.empty())
        return std::nullopt;
    const wire::Result<serf::Coordinate> coordinate = serf::decodeAckPayload(ackPayload);
    if (!coordinate)
        return std::nullopt;
    QJsonArray vec;
    for (double v : coordinate->vec)
        vec.append(v);
    return QJsonObject{{QStringLiteral("vec"), vec},
                       {QStringLiteral("error"), coordinate->error},
                       {QStringLiteral("adjustment"), coordinate->adjustment},
                       {QStringLiteral("height"), coordinate->height}};
}

void addSerfTags(QJsonObject &fields, wire::ByteView meta)
{
    const auto tags = serf::decodeTags(meta);
    if (!tags)
        return;
    if (!tags->ok()) {
        fields[QStringLiteral("tags_error")] = text(tags->error().message);
        return;
    }
    QJsonObject out;
    for (const auto &[key, value] : tags->value())
        out[text(key)] = text(value);
    fields[QStringLiteral("tags")] = out;
}

} // namespace grapevine::decode
