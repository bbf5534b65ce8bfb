// packet_tracer.h — builds the analyzer's PacketTrace records for one Transport.
// Owns: only the on/off switch and the conversion; cheap when off (callers check enabled()
// before building anything). Never: sockets.
#pragma once

#include "core/net/packet_trace.h"
#include "core/wire/bytes.h"
#include "core/wire/endpoint.h"
#include "core/wire/messages.h"

#include <string>
#include <vector>

namespace grapevine::net {

class PacketTracer {
public:
    void setEnabled(bool on) { m_enabled = on; }
    [[nodiscard]] bool enabled() const { return m_enabled; }

    [[nodiscard]] static PacketTrace make(Direction direction, TraceChannel channel,
                                          const wire::Endpoint &peer, wire::ByteView raw,
                                          const std::vector<std::string> &layers,
                                          const std::vector<wire::Message> &messages,
                                          const std::string &error = {});

private:
    bool m_enabled = false;
};

// The outer layers of a TCP frame, read from its first bytes ("label", "encrypted",
// "compressed"); what is inside an encrypted frame is not looked at.
std::vector<std::string> frameLayers(wire::ByteView raw);

// Who may have sent `message` over a TCP stream from `peer` (an ephemeral port for inbound
// streams): a ping's source node when it names one; a push/pull's alive entry at exactly
// `peer`, else its alive entries at peer's IP (the sender always lists itself alive, at the
// address it advertises — usually the one it connects from). Empty when the frame says
// nothing about its sender (a user message).
QStringList senderHints(const wire::Endpoint &peer, const wire::Message &message);

// "ping seq=1 …" -> {"ping", "seq=1 …"}
TracedMessage traceMessage(const wire::Message &message);

} // namespace grapevine::net
