#include "outbound_stream.h"

#include "net_address.h"
#include "stream_observer.h"

#include <algorithm>

namespace grapevine::net {

OutboundStream::OutboundStream(Request request, std::unique_ptr<wire::StreamDecoder> decoder,
                               StreamObserver *observer, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_decoder(std::move(decoder))
    , m_observer(observer)
    , m_socket(this)
    , m_deadline(this)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &OutboundStream::onTimeout);
    connect(&m_socket, &QTcpSocket::connected, this, &OutboundStream::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, &OutboundStream::onReadyRead);
    connect(&m_socket, &QTcpSocket::bytesWritten, this, &OutboundStream::onBytesWritten);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, &OutboundStream::onSocketError);
}

void OutboundStream::start(Finished finished)
{
    m_finished = std::move(finished);
    m_deadline.start(std::max(0, m_request.timeoutMs));
    const QHostAddress host = toHostAddress(m_request.to);
    // Connecting is deferred to the event loop so even an immediate failure is reported
    // after the caller's openStream() has returned.
    QTimer::singleShot(0, this, [this, host] {
        if (!m_done)
            m_socket.connectToHost(host, m_request.to.port);
    });
}

void OutboundStream::onConnected()
{
    m_observer->streamEvent("opened");
    m_unwritten = static_cast<qint64>(m_request.bytes.size());
    m_socket.write(reinterpret_cast<const char *>(m_request.bytes.data()), m_unwritten);
    m_observer->frameOut(m_request.to, m_request.bytes, m_request.message);
}

void OutboundStream::onBytesWritten()
{
    // bytesWritten carries a count, but the socket's own buffer size is the ground truth.
    if (m_done || m_request.expectsReply || m_socket.bytesToWrite() > 0)
        return;
    finish(wire::Message{wire::UserMsg{}}, "sent");
}

void OutboundStream::onReadyRead()
{
    if (m_done)
        return;
    const QByteArray chunk = m_socket.readAll();
    const wire::ByteView view(reinterpret_cast<const std::uint8_t *>(chunk.constData()),
                              static_cast<std::size_t>(chunk.size()));
    if (!m_request.expectsReply)
        return; // Go never answers a user-message stream; ignore stray bytes.
    m_observer->bytesRead(view.size());
    if (m_observer->wantsRawFrames())
        m_raw.insert(m_raw.end(), view.begin(), view.end());
    m_decoder->feed(view);
    std::optional<wire::Result<wire::Message>> frame = m_decoder->next();
    if (!frame)
        return;
    m_observer->frameIn(m_request.to, m_raw, *frame);
    if (!frame->ok()) {
        finish(wire::makeError("bad reply: " + frame->error().message), "bad_reply");
        return;
    }
    if (const auto *err = std::get_if<wire::ErrResp>(&frame->value())) {
        finish(wire::makeError("remote error: " + err->error), "remote_error");
        return;
    }
    finish(*frame, "replied");
}

void OutboundStream::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_done)
        return;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        finish(wire::makeError("connection refused"), "refused");
        return;
    case QAbstractSocket::RemoteHostClosedError:
        if (!m_request.expectsReply && m_socket.bytesToWrite() == 0) {
            finish(wire::Message{wire::UserMsg{}}, "sent");
            return;
        }
        finish(wire::makeError("connection closed before a reply"), "closed_early");
        return;
    default:
        finish(wire::makeError(m_socket.errorString().toStdString()), "failed");
    }
}

void OutboundStream::onTimeout()
{
    if (m_done)
        return;
    finish(wire::makeError("timed out after " + std::to_string(m_request.timeoutMs) + " ms"),
           "timed_out");
}

void OutboundStream::finish(const wire::Result<wire::Message> &result, const char *event)
{
    m_done = true;
    m_deadline.stop();
    m_observer->streamEvent(event);
    if (result.ok() && !m_request.expectsReply)
        m_socket.disconnectFromHost(); // graceful: flushes the frame, then FIN
    else
        m_socket.abort();
    if (m_finished)
        m_finished(m_request.id, result);
    deleteLater();
}

} // namespace grapevine::net
