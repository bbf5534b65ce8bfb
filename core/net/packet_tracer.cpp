#include "packet_tracer.h"

#include <chrono>

namespace grapevine::net {

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

QByteArray bytesOf(const wire::Bytes &bytes)
{
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

// A push/pull's node entries, one subtree each (memberlist's pushNodeState fields).
void addPushPullFields(const wire::PushPull &pushPull, TracedMessage *traced)
{
    QList<TracedField> &f = traced->fields;
    f.append({0, QStringLiteral("kind"),
              pushPull.join ? QStringLiteral("join") : QStringLiteral("sync")});
    for (const wire::PushNodeState &node : pushPull.nodes) {
        const wire::Endpoint at{wire::Bytes(node.addr.begin(), node.addr.end()), node.port};
        f.append({0, QStringLiteral("node"), text(node.name)});
        f.append({1, QStringLiteral("address"), text(at.toString())});
        f.append(
            {1, QStringLiteral("state"), QString::fromLatin1(wire::nodeStateName(node.state))});
        f.append({1, QStringLiteral("incarnation"), QString::number(node.incarnation)});
        f.append({1, QStringLiteral("meta"), QStringLiteral("%1 bytes").arg(node.meta.size())});
    }
    f.append({0, QStringLiteral("user state"),
              QStringLiteral("%1 bytes").arg(pushPull.userState.size())});
    traced->payload = bytesOf(pushPull.userState);
}

QStringList pushPullHints(const wire::Endpoint &peer, const wire::PushPull &pushPull)
{
    QStringList sameIp;
    for (const wire::PushNodeState &node : pushPull.nodes) {
        if (node.state != wire::NodeState::Alive)
            continue;
        const wire::Endpoint at{wire::Bytes(node.addr.begin(), node.addr.end()), node.port};
        if (at.sameAddress(peer))
            return {text(node.name)}; // the reply on a stream we opened to its own port
        if (wire::Endpoint{at.ip, peer.port}.sameAddress(peer))
            sameIp << text(node.name);
    }
    return sameIp;
}

} // namespace

QStringList senderHints(const wire::Endpoint &peer, const wire::Message &message)
{
    if (const auto *ping = std::get_if<wire::Ping>(&message))
        return ping->sourceNode.empty() ? QStringList{} : QStringList{text(ping->sourceNode)};
    if (const auto *pushPull = std::get_if<wire::PushPull>(&message))
        return pushPullHints(peer, *pushPull);
    return {};
}

TracedMessage traceMessage(const wire::Message &message)
{
    const wire::MessageType type = wire::typeOf(message);
    const QString name = messageTypeText(type);
    QString summary = QString::fromStdString(wire::describe(message));
    // describe() starts with the type name; the analyzer shows it in its own column.
    if (summary.startsWith(name))
        summary = summary.mid(name.size()).trimmed();
    TracedMessage traced{type, summary, {}, {}};
    if (const auto *pushPull = std::get_if<wire::PushPull>(&message))
        addPushPullFields(*pushPull, &traced);
    else if (const auto *user = std::get_if<wire::UserMsg>(&message))
        traced.payload = bytesOf(user->payload);
    else if (const auto *ack = std::get_if<wire::Ack>(&message))
        traced.payload = bytesOf(ack->payload); // Serf's coordinate, decoded by the Node
    return traced;
}

std::vector<std::string> frameLayers(wire::ByteView raw)
{
    std::vector<std::string> layers;
    std::size_t at = 0;
    if (raw.size() >= 2 && raw[0] == static_cast<std::uint8_t>(wire::MessageType::HasLabel)) {
        layers.emplace_back("label");
        at = 2 + std::size_t(raw[1]);
    }
    if (at < raw.size() && raw[at] == static_cast<std::uint8_t>(wire::MessageType::Encrypt))
        layers.emplace_back("encrypted");
    else if (at < raw.size() && raw[at] == static_cast<std::uint8_t>(wire::MessageType::Compress))
        layers.emplace_back("compressed");
    return layers;
}

PacketTrace PacketTracer::make(Direction direction, TraceChannel channel,
                               const wire::Endpoint &peer, wire::ByteView raw,
                               const std::vector<std::string> &layers,
                               const std::vector<wire::Message> &messages, const std::string &error)
{
    PacketTrace trace;
    trace.timeNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
    trace.direction = direction;
    trace.channel = channel;
    trace.peer = QString::fromStdString(peer.toString());
    for (const wire::Message &message : messages) {
        trace.messages.append(traceMessage(message));
        if (channel == TraceChannel::Tcp && direction == Direction::In)
            trace.senderHints << senderHints(peer, message);
    }
    for (const std::string &layer : layers)
        trace.layers.append(QString::fromStdString(layer));
    trace.raw =
        QByteArray(reinterpret_cast<const char *>(raw.data()), static_cast<qsizetype>(raw.size()));
    trace.error = QString::fromStdString(error);
    return trace;
}

} // namespace grapevine::net
