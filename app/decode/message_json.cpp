#include "message_json.h"

#include "serf_json.h"

#include "core/value/envelope.h"

#include <QJsonValue>

#include <type_traits>

namespace grapevine::decode {

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

QString ipText(wire::ByteView ip)
{
    if (ip.empty())
        return {};
    return text(wire::Endpoint{wire::Bytes(ip.begin(), ip.end()), 0}.ipText());
}

QJsonArray vsnJson(wire::ByteView vsn)
{
    QJsonArray out;
    for (std::uint8_t v : vsn)
        out.append(int(v));
    return out;
}

QJsonObject versionJson(const value::Version &version)
{
    return {{QStringLiteral("lamport"), QString::number(version.lamport)},
            {QStringLiteral("origin"), text(version.origin)}};
}

// Metadata: hex, plus the value version a Grapevine node advertises in it, or the tags a
// Serf (Consul, Nomad) node advertises.
void addMeta(QJsonObject &fields, const wire::Bytes &meta)
{
    fields[QStringLiteral("meta")] = hexText(meta);
    if (auto held = value::decodeMeta(meta))
        fields[QStringLiteral("meta_holds")] = versionJson(*held);
    addSerfTags(fields, meta);
}

void addSource(QJsonObject &fields, const std::string &node, wire::ByteView addr,
               std::uint16_t port)
{
    if (!node.empty())
        fields[QStringLiteral("source_node")] = text(node);
    if (!addr.empty()) {
        fields[QStringLiteral("source_addr")] = ipText(addr);
        fields[QStringLiteral("source_port")] = int(port);
    }
}

QJsonObject userPayloadJson(const wire::Bytes &payload)
{
    QJsonObject out{{QStringLiteral("bytes"), int(payload.size())},
                    {QStringLiteral("payload"), hexText(payload)}};
    if (auto serf = serfMessageJson(payload)) {
        out[QStringLiteral("serf")] = *serf;
        return out;
    }
    const value::UserPayload decoded = value::decodeUserPayload(payload, 0);
    std::visit(
        [&](const auto &p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, value::Entry>) {
                QJsonObject entry = versionJson(p.version);
                entry[QStringLiteral("value")] = text(p.value);
                out[QStringLiteral("grapevine_value")] = entry;
            } else if constexpr (std::is_same_v<T, value::PlainValue>) {
                out[QStringLiteral("text")] = text(p.text);
            } else if constexpr (std::is_same_v<T, value::HeldNotice>) {
                out[QStringLiteral("grapevine_held")] = versionJson(p.version);
            } else {
                out[QStringLiteral("payload_note")] = text(p.message);
            }
        },
        decoded);
    return out;
}

QJsonObject nodeStateJson(const wire::PushNodeState &node)
{
    QJsonObject out{{QStringLiteral("name"), text(node.name)},
                    {QStringLiteral("addr"), ipText(node.addr)},
                    {QStringLiteral("port"), int(node.port)},
                    {QStringLiteral("state"), wire::nodeStateName(node.state)},
                    {QStringLiteral("incarnation"), double(node.incarnation)},
                    {QStringLiteral("vsn"), vsnJson(node.vsn)}};
    addMeta(out, node.meta);
    return out;
}

QJsonObject pushPullJson(const wire::PushPull &m)
{
    QJsonArray nodes;
    for (const wire::PushNodeState &node : m.nodes)
        nodes.append(nodeStateJson(node));
    QJsonObject out{{QStringLiteral("join"), m.join},
                    {QStringLiteral("nodes"), nodes},
                    {QStringLiteral("user_state_bytes"), int(m.userState.size())}};
    if (m.userState.empty())
        return out;
    auto state = value::decodeState(m.userState, 0);
    if (state && state->has_value()) {
        QJsonObject entry = versionJson((*state)->version);
        entry[QStringLiteral("value")] = text((*state)->value);
        out[QStringLiteral("grapevine_value")] = entry;
    } else if (auto serf = serfMessageJson(m.userState)) {
        out[QStringLiteral("serf")] = *serf;
    } else {
        out[QStringLiteral("user_state")] = hexText(m.userState);
    }
    return out;
}

QJsonObject fieldsOf(const wire::Ping &m)
{
    QJsonObject out{{QStringLiteral("seq"), double(m.seqNo)},
                    {QStringLiteral("node"), text(m.node)}};
    addSource(out, m.sourceNode, m.sourceAddr, m.sourcePort);
    return out;
}

QJsonObject fieldsOf(const wire::IndirectPing &m)
{
    QJsonObject out{{QStringLiteral("seq"), double(m.seqNo)},
                    {QStringLiteral("target"), ipText(m.target)},
                    {QStringLiteral("port"), int(m.port)},
                    {QStringLiteral("node"), text(m.node)},
                    {QStringLiteral("nack"), m.nack}};
    addSource(out, m.sourceNode, m.sourceAddr, m.sourcePort);
    return out;
}

QJsonObject fieldsOf(const wire::Ack &m)
{
    QJsonObject out{{QStringLiteral("seq"), double(m.seqNo)},
                    {QStringLiteral("payload"), hexText(m.payload)}};
    if (auto coordinate = serfCoordinateJson(m.payload))
        out[QStringLiteral("coordinate")] = *coordinate;
    return out;
}

QJsonObject fieldsOf(const wire::Nack &m)
{
    return {{QStringLiteral("seq"), double(m.seqNo)}};
}

QJsonObject fieldsOf(const wire::Suspect &m)
{
    return {{QStringLiteral("incarnation"), double(m.incarnation)},
            {QStringLiteral("node"), text(m.node)},
            {QStringLiteral("from"), text(m.from)}};
}

QJsonObject fieldsOf(const wire::Dead &m)
{
    return {{QStringLiteral("incarnation"), double(m.incarnation)},
            {QStringLiteral("node"), text(m.node)},
            {QStringLiteral("from"), text(m.from)},
            {QStringLiteral("left"), m.from == m.node}};
}

QJsonObject fieldsOf(const wire::Alive &m)
{
    QJsonObject out{{QStringLiteral("incarnation"), double(m.incarnation)},
                    {QStringLiteral("node"), text(m.node)},
                    {QStringLiteral("addr"), ipText(m.addr)},
                    {QStringLiteral("port"), int(m.port)},
                    {QStringLiteral("vsn"), vsnJson(m.vsn)}};
    addMeta(out, m.meta);
    return out;
}

QJsonObject fieldsOf(const wire::PushPull &m)
{
    return pushPullJson(m);
}

QJsonObject fieldsOf(const wire::UserMsg &m)
{
    return userPayloadJson(m.payload);
}

QJsonObject fieldsOf(const wire::ErrResp &m)
{
    return {{QStringLiteral("error"), text(m.error)}};
}

} // namespace

QString hexText(wire::ByteView bytes)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())).toHex());
}

QJsonObject messageJson(const wire::Message &message)
{
    QJsonObject out;
    out[QStringLiteral("type")] = QString::fromLatin1(wire::messageTypeName(wire::typeOf(message)));
    out[QStringLiteral("fields")] = std::visit([](const auto &m) { return fieldsOf(m); }, message);
    return out;
}

QJsonArray membersJson(const std::map<std::string, capture::CapturedMember> &members)
{
    QJsonArray out;
    for (const auto &[name, member] : members) {
        QJsonObject row{{QStringLiteral("name"), text(name)},
                        {QStringLiteral("addr"), ipText(member.address.ip)},
                        {QStringLiteral("port"), int(member.address.port)},
                        {QStringLiteral("state"), capture::memberStateName(member.state)},
                        {QStringLiteral("incarnation"), double(member.incarnation)},
                        {QStringLiteral("since_ns"), QString::number(member.sinceNs)},
                        {QStringLiteral("since_frame"), double(member.sinceFrame)}};
        addMeta(row, member.meta);
        out.append(row);
    }
    return out;
}

} // namespace grapevine::decode
