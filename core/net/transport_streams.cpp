// Transport's TCP side: dialled one-frame streams, accepted streams, frame counters/traces.
#include "inbound_stream.h"
#include "outbound_stream.h"
#include "transport_impl.h"

#include <QTcpSocket>

namespace grapevine::net {

void Transport::openStream(quint64 id, const wire::Endpoint &to, const wire::Message &request,
                           int timeoutMs, bool expectsReply)
{
    OutboundStream::Request req;
    req.id = id;
    req.to = to;
    req.bytes = m_impl->codec.dialPrefix();
    const wire::Bytes frame = m_impl->codec.encodeFrame(request);
    req.bytes.insert(req.bytes.end(), frame.begin(), frame.end());
    req.message = request;
    req.timeoutMs = timeoutMs;
    req.expectsReply = expectsReply;
    auto *stream =
        new OutboundStream(std::move(req), m_impl->codec.makeDecoder(false), m_impl.get(), this);
    stream->start([this](quint64 streamId, const wire::Result<wire::Message> &reply) {
        if (m_impl->onStreamFinished)
            m_impl->onStreamFinished(streamId, reply);
    });
}

void Transport::Impl::acceptConnections()
{
    while (QTcpSocket *socket = tcp->nextPendingConnection()) {
        if (inboundStreams >= config.maxInboundStreams) {
            stats.countStreamEvent("inbound_rejected");
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++inboundStreams;
        auto *stream = new InboundStream(socket, codec, this, config.tcpTimeoutMs, q);
        QObject::connect(stream, &InboundStream::closed, q, [this] { --inboundStreams; });
        stream->start([this](const wire::Endpoint &from, const wire::Message &request) {
            return onRequest ? onRequest(from, request) : std::nullopt;
        });
    }
}

void Transport::Impl::frameIn(const wire::Endpoint &peer, wire::ByteView raw,
                              const wire::Result<wire::Message> &frame)
{
    stats.countPacket(StatDirection::In, wire::Channel::Tcp, 0); // bytes came via bytesRead
    if (frame.ok()) {
        stats.countMessage(StatDirection::In, wire::Channel::Tcp, frame.value());
    } else {
        const QString reason = malformedReason(frame.error().message);
        stats.countMalformed(reason);
        if (reason == QLatin1String("decrypt"))
            decryptFailed(peer, "TCP");
    }
    if (!tracer.enabled())
        return;
    std::vector<wire::Message> messages;
    if (frame.ok())
        messages.push_back(frame.value());
    emitTrace(PacketTracer::make(Direction::In, TraceChannel::Tcp, peer, raw, frameLayers(raw),
                                 messages, frame.ok() ? std::string() : frame.error().message));
}

void Transport::Impl::labelRejected(const wire::Endpoint &peer, const std::string &reason)
{
    const QString host = QString::fromStdString(peer.ipText());
    if (labelLoggedHosts.contains(host) ||
        labelLoggedHosts.size() >= TransportStats::kMaxDecryptPeers)
        return;
    labelLoggedHosts.insert(host);
    emit q->logged(
        QStringLiteral("closed a TCP stream from %1 without a reply (%2); further "
                       "ones from this host are only counted: /v1/stats "
                       "streams.label_rejected")
            .arg(QString::fromStdString(peer.toString()), QString::fromStdString(reason)));
}

void Transport::Impl::frameOut(const wire::Endpoint &peer, wire::ByteView raw,
                               const wire::Message &message)
{
    stats.countPacket(StatDirection::Out, wire::Channel::Tcp, raw.size());
    stats.countMessage(StatDirection::Out, wire::Channel::Tcp, message);
    if (tracer.enabled())
        emitTrace(PacketTracer::make(Direction::Out, TraceChannel::Tcp, peer, raw, frameLayers(raw),
                                     {message}));
}

} // namespace grapevine::net
