// packet_trace.cpp — see the header.
#include "packet_trace.h"

namespace grapevine {

namespace {

// Every type memberlist defines (wire::MessageType), for the reverse lookup.
constexpr wire::MessageType kTypes[] = {
    wire::MessageType::Ping,     wire::MessageType::IndirectPing, wire::MessageType::Ack,
    wire::MessageType::Suspect,  wire::MessageType::Alive,        wire::MessageType::Dead,
    wire::MessageType::PushPull, wire::MessageType::Compound,     wire::MessageType::User,
    wire::MessageType::Compress, wire::MessageType::Encrypt,      wire::MessageType::Nack,
    wire::MessageType::HasCrc,   wire::MessageType::Err,          wire::MessageType::HasLabel,
};

} // namespace

QString messageTypeText(wire::MessageType type)
{
    return QString::fromLatin1(wire::messageTypeName(type));
}

QString typeLabel(const TracedMessage &message)
{
    return message.innerType.isEmpty() ? messageTypeText(message.type) : message.innerType;
}

std::optional<wire::MessageType> messageTypeFromText(const QString &name)
{
    for (const wire::MessageType type : kTypes) {
        if (name == QLatin1String(wire::messageTypeName(type)))
            return type;
    }
    return std::nullopt;
}

} // namespace grapevine
