// inbound_stream.h — one accepted TCP stream: read the optional label header and one frame
// incrementally, hand the request to the owner, write the reply frame, close. The whole
// exchange runs under TCPTimeout from accept.
// Never: decides what to answer (the request handler does). Follows memberlist net.go
// handleConn: a frame that cannot be opened is answered with an errResp frame, as Go does.
#pragma once

#include "core/wire/endpoint.h"
#include "core/wire/messages.h"
#include "core/wire/stream.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QTcpSocket;

namespace grapevine::net {

class StreamObserver;
class TransportCodec;

class InboundStream : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<std::optional<wire::Message>(const wire::Endpoint &from,
                                                               const wire::Message &request)>;

    // Takes ownership of `socket`.
    InboundStream(QTcpSocket *socket, const TransportCodec &codec, StreamObserver *observer,
                  int timeoutMs, QObject *parent = nullptr);
    void start(Handler handler);
    [[nodiscard]] const wire::Endpoint &peer() const { return m_peer; }

signals:
    void closed();

private:
    void onReadyRead();
    void onTimeout();
    void answer(const wire::Message &request);
    void reply(const wire::Message &message);
    void close(const char *event);

    QTcpSocket *m_socket;
    const TransportCodec &m_codec;
    StreamObserver *m_observer;
    std::unique_ptr<wire::StreamDecoder> m_decoder;
    Handler m_handler;
    wire::Endpoint m_peer;
    QTimer m_deadline;
    wire::Bytes m_raw;
    bool m_requestSeen = false;
    bool m_replied = false;
    bool m_closed = false;
};

} // namespace grapevine::net
