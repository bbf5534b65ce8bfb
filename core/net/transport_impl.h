// transport_impl.h — Transport's private state, shared by transport.cpp (binding, packets)
// and transport_streams.cpp (TCP streams). Not part of the contract.
#pragma once

#include "packet_tracer.h"
#include "stream_observer.h"
#include "transport.h"
#include "transport_codec.h"
#include "transport_stats.h"

#include <QByteArray>
#include <QSet>
#include <QTcpServer>
#include <QUdpSocket>

namespace grapevine::net {

struct Transport::Impl final : StreamObserver {
    Impl(Transport *owner, TransportConfig cfg)
        : q(owner)
        , config(std::move(cfg))
        , codec(config)
        , udp(new QUdpSocket(owner))
        , tcp(new QTcpServer(owner))
    {
    }

    enum class BindOutcome { Ok, InUse, Failed };
    BindOutcome bindPair(quint16 port, QString *error);
    void readDatagrams();
    void handleDatagram(const wire::Endpoint &from, const QByteArray &data);
    void sendChunk(const wire::Endpoint &to, const std::vector<wire::Message> &chunk, bool crc);
    void acceptConnections();
    void emitTrace(const PacketTrace &trace) { emit q->traced(trace); }
    // Counts a packet or frame nobody's key opens, per sender, and logs the first from each host.
    void decryptFailed(const wire::Endpoint &from, const char *channel);

    // StreamObserver
    [[nodiscard]] bool wantsRawFrames() const override { return tracer.enabled(); }
    void frameIn(const wire::Endpoint &peer, wire::ByteView raw,
                 const wire::Result<wire::Message> &frame) override;
    void frameOut(const wire::Endpoint &peer, wire::ByteView raw,
                  const wire::Message &message) override;
    void bytesRead(std::size_t count) override
    {
        stats.countBytes(StatDirection::In, wire::Channel::Tcp, count);
    }
    void streamEvent(const char *event) override
    {
        stats.countStreamEvent(QString::fromLatin1(event));
    }
    void labelRejected(const wire::Endpoint &peer, const std::string &reason) override;

    Transport *q;
    TransportConfig config;
    TransportCodec codec;
    QUdpSocket *udp;
    QTcpServer *tcp;
    PacketTracer tracer;
    TransportStats stats;
    PacketHandler onPacket;
    StreamFinishedHandler onStreamFinished;
    RequestHandler onRequest;
    int inboundStreams = 0;
    std::optional<wire::Endpoint> advertise;
    // Hosts already named in the log for a decrypt failure: one line per host, not per packet
    // (a stranger's cluster sends several a second), at most kMaxDecryptPeers of them.
    QSet<QString> decryptLoggedHosts;
    // The same for streams closed over a label mismatch.
    QSet<QString> labelLoggedHosts;
};

} // namespace grapevine::net
