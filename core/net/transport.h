// transport.h — memberlist's NetTransport on Qt: one QUdpSocket and one QTcpServer on the same
// address and port, the packet layers of core/wire on every datagram, one-frame TCP streams.
// Owns: sockets, nonces (QRandomGenerator::system), stream deadlines, traffic counters, traces.
// Never: membership decisions (no core/protocol here) — it moves messages, the Node decides.
// Follows memberlist net_transport.go (bind, advertise choice), net.go (handleConn,
// sendAndReceiveState, rawSendMsgPacket) and shared/reference/memberlist-wire.md §3–4.
//
// Delivery uses std::function callbacks, not signals: the payloads (message vectors, Results)
// would need metatype registration, and the Node is always in the same thread. Callbacks are
// never invoked synchronously from inside a Transport method the owner called (errors found
// while opening a stream are reported through the event loop), so the owner may call back
// into its engine from them without re-entrancy.
#pragma once

#include "core/net/packet_trace.h"
#include "core/net/traffic_counters.h"
#include "core/wire/endpoint.h"
#include "core/wire/keyring.h"
#include "core/wire/messages.h"
#include "core/wire/result.h"

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace grapevine::net {

struct TransportConfig {
    QHostAddress bindHost = QHostAddress(QHostAddress::AnyIPv4);
    quint16 bindPort = 7946;                 // 0 = the OS picks (the same port for UDP and TCP)
    bool findFreePort = false;               // port taken -> try the next ports instead of failing
    std::optional<wire::Endpoint> advertise; // announced address; default derived from bind
    wire::Keyring keyring;                   // empty = no encryption; first key encrypts
    std::string label;                       // memberlist >= 0.3 label header; empty = none
    bool compress = true;
    int tcpTimeoutMs = 10000;    // memberlist TCPTimeout: every stream's deadline
    int maxInboundStreams = 128; // memberlist drops push/pulls beyond 128 in flight
};

class Transport : public QObject {
    Q_OBJECT
public:
    using PacketHandler =
        std::function<void(const wire::Endpoint &from, std::vector<wire::Message> messages)>;
    using StreamFinishedHandler =
        std::function<void(quint64 id, const wire::Result<wire::Message> &reply)>;
    // Answers one inbound stream request; the reply (if any) is written back as one frame.
    using RequestHandler = std::function<std::optional<wire::Message>(
        const wire::Endpoint &from, const wire::Message &request)>;

    explicit Transport(TransportConfig config, QObject *parent = nullptr);
    ~Transport() override;

    // Binds UDP and TCP on the same address and port. On failure *error holds one line, e.g.
    // "port 7946 is in use (UDP) on 0.0.0.0".
    bool bind(QString *error);
    [[nodiscard]] quint16 boundPort() const;
    // The address peers should use: never 0.0.0.0 (see memberlist's advertise choice).
    [[nodiscard]] wire::Endpoint advertiseEndpoint();
    [[nodiscard]] const TransportConfig &config() const;
    // The live keyring: changed in place (Serf's `serf keys` queries); the next packet
    // encrypts with the new primary and every key decrypts.
    [[nodiscard]] wire::Keyring &keyring();

    void setPacketHandler(PacketHandler handler);
    void setStreamFinishedHandler(StreamFinishedHandler handler);
    void setRequestHandler(RequestHandler handler);

    // One UDP datagram: messages -> compound (split every 255) -> compress -> CRC -> encrypt
    // -> label. Empty messages vectors are ignored (never an empty datagram).
    void sendPacket(const wire::Endpoint &to, const std::vector<wire::Message> &messages, bool crc);
    // Dial, write `request` as one frame, read one reply frame (if expectsReply). The stream
    // finished handler runs exactly once for `id`: the reply, or an Error ("connection
    // refused", "timed out after N ms", "remote error: …", a decode error). Without a reply
    // expected, success is reported as an empty UserMsg once the frame is written.
    void openStream(quint64 id, const wire::Endpoint &to, const wire::Message &request,
                    int timeoutMs, bool expectsReply);

    void setTracing(bool on);
    [[nodiscard]] bool isTracing() const;
    // Counters by message type and direction, bytes, malformed by reason, decrypt failures
    // per peer, stream outcomes.
    [[nodiscard]] TrafficCounters stats() const;

signals:
    void logged(const QString &line);
    void traced(const grapevine::PacketTrace &trace);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace grapevine::net
