// outbound_stream.h — one dialled TCP stream: connect, write one frame, read one reply frame
// incrementally (peers do not half-close), all under one deadline. Reports exactly once.
// Never: retries or membership decisions. Follows memberlist net.go sendAndReceiveState,
// sendPingAndWaitForAck and rawSendMsgStream.
#pragma once

#include "core/wire/endpoint.h"
#include "core/wire/messages.h"
#include "core/wire/result.h"
#include "core/wire/stream.h"

#include <QObject>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <memory>

namespace grapevine::net {

class StreamObserver;

class OutboundStream : public QObject {
    Q_OBJECT
public:
    using Finished = std::function<void(quint64 id, const wire::Result<wire::Message> &reply)>;

    struct Request {
        quint64 id = 0;
        wire::Endpoint to;
        wire::Bytes bytes;     // label prefix + the request frame
        wire::Message message; // for the trace
        int timeoutMs = 10000;
        bool expectsReply = true;
    };

    OutboundStream(Request request, std::unique_ptr<wire::StreamDecoder> decoder,
                   StreamObserver *observer, QObject *parent = nullptr);
    // Starts dialling. `finished` runs once, always from the event loop, then the stream
    // deletes itself.
    void start(Finished finished);

private:
    void onConnected();
    void onReadyRead();
    void onBytesWritten();
    void onSocketError(QAbstractSocket::SocketError error);
    void onTimeout();
    void finish(const wire::Result<wire::Message> &result, const char *event);

    Request m_request;
    std::unique_ptr<wire::StreamDecoder> m_decoder;
    StreamObserver *m_observer;
    Finished m_finished;
    QTcpSocket m_socket;
    QTimer m_deadline;
    wire::Bytes m_raw;
    qint64 m_unwritten = 0;
    bool m_done = false;
};

} // namespace grapevine::net
