#include "packet_tracer.h"

#include <chrono>

namespace grapevine::net {

TracedMessage traceMessage(const wire::Message &message)
{
    const QString type = QString::fromLatin1(wire::messageTypeName(wire::typeOf(message)));
    QString summary = QString::fromStdString(wire::describe(message));
    // describe() starts with the type name; the analyzer shows it in its own column.
    if (summary.startsWith(type))
        summary = summary.mid(type.size()).trimmed();
    return {type, summary};
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
    for (const wire::Message &message : messages)
        trace.messages.append(traceMessage(message));
    for (const std::string &layer : layers)
        trace.layers.append(QString::fromStdString(layer));
    trace.raw =
        QByteArray(reinterpret_cast<const char *>(raw.data()), static_cast<qsizetype>(raw.size()));
    trace.error = QString::fromStdString(error);
    return trace;
}

} // namespace grapevine::net
