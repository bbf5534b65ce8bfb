#include "inbound_stream.h"

#include "net_address.h"
#include "stream_observer.h"
#include "transport_codec.h"

#include <QTcpSocket>

namespace grapevine::net {

InboundStream::InboundStream(QTcpSocket *socket, const TransportCodec &codec,
                             StreamObserver *observer, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_codec(codec)
    , m_observer(observer)
    , m_decoder(codec.makeDecoder(true))
    , m_peer(toEndpoint(socket->peerAddress(), socket->peerPort()))
    , m_deadline(this)
{
    m_socket->setParent(this);
    m_deadline.setSingleShot(true);
    m_deadline.start(timeoutMs);
    connect(&m_deadline, &QTimer::timeout, this, &InboundStream::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &InboundStream::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { close("inbound_closed"); });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_replied && m_socket->bytesToWrite() == 0)
            close("answered");
    });
}

void InboundStream::start(Handler handler)
{
    m_handler = std::move(handler);
    m_observer->streamEvent("accepted");
    if (m_socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &InboundStream::onReadyRead);
}

void InboundStream::onReadyRead()
{
    if (m_requestSeen || m_closed) {
        m_socket->readAll(); // one request per stream, as memberlist's handleConn
        return;
    }
    const QByteArray chunk = m_socket->readAll();
    const wire::ByteView view(reinterpret_cast<const std::uint8_t *>(chunk.constData()),
                              static_cast<std::size_t>(chunk.size()));
    m_observer->bytesRead(view.size());
    if (m_observer->wantsRawFrames())
        m_raw.insert(m_raw.end(), view.begin(), view.end());
    m_decoder->feed(view);
    std::optional<wire::Result<wire::Message>> frame = m_decoder->next();
    if (!frame)
        return;
    m_requestSeen = true;
    m_observer->frameIn(m_peer, m_raw, *frame);
    if (!frame->ok() && m_decoder->labelRejected()) {
        // As memberlist: counted and logged here, and the stranger learns nothing (not even
        // our label) -- the stream is closed without a reply.
        m_observer->labelRejected(m_peer, frame->error().message);
        close("label_rejected");
        return;
    }
    if (!frame->ok()) {
        m_observer->streamEvent("bad_request");
        reply(wire::ErrResp{frame->error().message});
        return;
    }
    answer(frame->value());
}

void InboundStream::answer(const wire::Message &request)
{
    std::optional<wire::Message> response = m_handler ? m_handler(m_peer, request) : std::nullopt;
    if (response)
        reply(*response);
    else
        close("answered");
}

void InboundStream::reply(const wire::Message &message)
{
    const wire::Bytes frame = m_codec.encodeFrame(message);
    m_observer->frameOut(m_peer, frame, message);
    m_replied = true;
    // The peer reads exactly one frame and then closes; we close once ours is flushed.
    m_socket->write(reinterpret_cast<const char *>(frame.data()),
                    static_cast<qint64>(frame.size()));
}

void InboundStream::onTimeout()
{
    close("inbound_timed_out");
}

void InboundStream::close(const char *event)
{
    if (m_closed)
        return;
    m_closed = true;
    m_deadline.stop();
    if (m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesToWrite() == 0)
        m_socket->disconnectFromHost();
    else
        m_socket->abort();
    m_observer->streamEvent(event);
    emit closed();
    deleteLater();
}

} // namespace grapevine::net
