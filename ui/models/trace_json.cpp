#include "ui/models/trace_json.h"

#include <QJsonArray>

namespace grapevine::ui {

namespace {

QJsonArray fieldsToJson(const QList<TracedField> &fields)
{
    QJsonArray out;
    for (const TracedField &f : fields)
        out.append(QJsonObject{{QStringLiteral("depth"), f.depth},
                               {QStringLiteral("name"), f.name},
                               {QStringLiteral("value"), f.value}});
    return out;
}

QList<TracedField> fieldsFromJson(const QJsonArray &array)
{
    QList<TracedField> fields;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        fields.append({qBound(0, o.value(QStringLiteral("depth")).toInt(), 8),
                       o.value(QStringLiteral("name")).toString(),
                       o.value(QStringLiteral("value")).toString()});
    }
    return fields;
}

// An exported "type" is typeLabel(): memberlist's name, or for a user message the name the
// application gave it (Serf's all start "serf-").
std::optional<TracedMessage> messageOfLabel(const QString &label)
{
    if (const std::optional<wire::MessageType> type = messageTypeFromText(label))
        return TracedMessage{*type, {}};
    if (label.startsWith(QLatin1String("serf-")))
        return TracedMessage{wire::MessageType::User, {}, {}, {}, label};
    return std::nullopt;
}

} // namespace

QJsonObject traceToJson(const PacketTrace &t)
{
    QJsonArray messages;
    for (const TracedMessage &m : t.messages) {
        QJsonObject message{{QStringLiteral("type"), typeLabel(m)},
                            {QStringLiteral("summary"), m.summary}};
        if (!m.fields.isEmpty())
            message.insert(QStringLiteral("fields"), fieldsToJson(m.fields));
        messages.append(message);
    }
    QJsonObject line{{QStringLiteral("t"), t.timeNs},
                     {QStringLiteral("dir"), t.direction == Direction::Out ? "out" : "in"},
                     {QStringLiteral("channel"), t.channel == TraceChannel::Udp ? "udp" : "tcp"},
                     {QStringLiteral("peer"), t.peer},
                     {QStringLiteral("peer_name"), t.peerName},
                     {QStringLiteral("size"), int(t.raw.size())},
                     {QStringLiteral("layers"), QJsonArray::fromStringList(t.layers)},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("raw"), QString::fromLatin1(t.raw.toHex())}};
    if (!t.error.isEmpty())
        line.insert(QStringLiteral("error"), t.error);
    return line;
}

std::optional<PacketTrace> traceFromJson(const QJsonObject &o, QString *error)
{
    const QString dir = o.value(QStringLiteral("dir")).toString();
    const QString channel = o.value(QStringLiteral("channel")).toString();
    if (!o.value(QStringLiteral("t")).isDouble() ||
        (dir != QLatin1String("in") && dir != QLatin1String("out")) ||
        (channel != QLatin1String("udp") && channel != QLatin1String("tcp")) ||
        !o.value(QStringLiteral("messages")).isArray()) {
        *error = QStringLiteral("not a Grapevine packet (needs t, dir, channel, messages)");
        return std::nullopt;
    }
    PacketTrace t;
    t.timeNs = o.value(QStringLiteral("t")).toInteger();
    t.direction = dir == QLatin1String("out") ? Direction::Out : Direction::In;
    t.channel = channel == QLatin1String("udp") ? TraceChannel::Udp : TraceChannel::Tcp;
    t.peer = o.value(QStringLiteral("peer")).toString();
    t.peerName = o.value(QStringLiteral("peer_name")).toString();
    for (const QJsonValue &layer : o.value(QStringLiteral("layers")).toArray())
        t.layers << layer.toString();
    for (const QJsonValue &v : o.value(QStringLiteral("messages")).toArray()) {
        const QJsonObject m = v.toObject();
        const QString label = m.value(QStringLiteral("type")).toString();
        std::optional<TracedMessage> message = messageOfLabel(label);
        if (!message) {
            *error = QStringLiteral("unknown message type \"%1\"").arg(label);
            return std::nullopt;
        }
        message->summary = m.value(QStringLiteral("summary")).toString();
        message->fields = fieldsFromJson(m.value(QStringLiteral("fields")).toArray());
        t.messages.append(*message);
    }
    t.raw = QByteArray::fromHex(o.value(QStringLiteral("raw")).toString().toLatin1());
    t.error = o.value(QStringLiteral("error")).toString();
    return t;
}

} // namespace grapevine::ui
