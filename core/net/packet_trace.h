// packet_trace.h — one packet as the analyzer shows it: direction, channel, peer, the
// decoded messages with their details tree, the layers it went through and its raw bytes.
// Made by the transport's PacketTracer (and by capture playback, the lab); read by the
// window and the agent's event log. Plain values; Q_DECLARE_METATYPE'd to cross threads.
// A message's type is memberlist's wire::MessageType, so readers pick messages by type, not
// by comparing names; the names are for display and JSON only.
#pragma once

#include "core/wire/messages.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace grapevine {

enum class Direction { In, Out };
enum class TraceChannel { Udp, Tcp };

// One decoded message inside a traced packet.
// One line of a message's details tree; depth 0 hangs under the message, depth 1 under the
// nearest depth-0 line above it (e.g. a push/pull's node entries and their fields).
struct TracedField {
    int depth = 0;
    QString name;
    QString value;
};

struct TracedMessage {
    wire::MessageType type = wire::MessageType::Ping;
    QString summary;             // one line, e.g. "seq=42 node=n2"
    QList<TracedField> fields{}; // the details tree; empty = the summary's key=value pairs
    // The application bytes a user message, an ack or a push/pull user state carries, for
    // the layer that knows their format (the Node decodes Grapevine's value envelope, or in
    // Serf mode Serf's messages and coordinates, from them).
    QByteArray payload{};
    // What the application says a user message is (Serf's "serf-user-event", …), filled by
    // the layer that decodes the payload; shown in place of the type. Empty: nothing known.
    QString innerType{};
};

// One packet (UDP datagram or TCP frame) as the analyzer shows it.
struct PacketTrace {
    qint64 timeNs = 0; // wall clock, ns since epoch
    Direction direction = Direction::In;
    TraceChannel channel = TraceChannel::Udp;
    QString peer;     // "127.0.0.1:7947"
    QString peerName; // member name when known
    // An inbound TCP stream comes from an ephemeral port no member advertises. The names
    // the frame itself offers for its sender (a ping's source node; a push/pull's alive
    // entries at the sender's address), filled by the transport for TCP frames coming in.
    QStringList senderHints{};
    // When the hints leave several members possible, all of them (peerName stays empty:
    // the window shows "one of" rather than a guess).
    QStringList peerCandidates{};
    QList<TracedMessage> messages; // compound parts listed in order
    QStringList layers;            // e.g. {"label", "encrypted", "crc", "compressed", "compound"}
    QByteArray raw;                // bytes as on the wire
    QString error;                 // non-empty when the packet was malformed and dropped
};

// The analyzer's name of a message type: "ping", "indirect-ping", "push-pull", …
QString messageTypeText(wire::MessageType type);
// The message's name as the analyzer shows it: its innerType when known, else its type's.
QString typeLabel(const TracedMessage &message);
// The type a name stands for (as messageTypeText writes it); nullopt for any other text.
std::optional<wire::MessageType> messageTypeFromText(const QString &name);

} // namespace grapevine

Q_DECLARE_METATYPE(grapevine::PacketTrace)
