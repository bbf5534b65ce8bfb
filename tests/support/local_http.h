// local_http.h — one HTTP/1.1 request to a child process's API on 127.0.0.1 (grapevine-agent,
// the Go memberlist peer), for tests and benchmarks. A bounded wait that keeps the event loop
// running (so the children's output is still read), one request per connection
// (Connection: close), the body framed by Content-Length, chunks (Go's answer to a long 1.1
// response) or the server's close. Not a general client: no redirects, no TLS, no keep-alive.
#pragma once

#include <QByteArray>
#include <QJsonDocument>

namespace grapevine::testing {

struct HttpReply {
    bool ok = false; // a complete response arrived in time
    int status = -1; // its status code; -1 when none did
    QByteArray body; // decoded from chunks when the server sent it so
    [[nodiscard]] QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

// `method target` (already percent-encoded) to 127.0.0.1:port with `body` (its Content-Length
// always sent); gives up after timeoutMs in all, or as soon as the connection is refused.
HttpReply localHttp(quint16 port, const QByteArray &method, const QByteArray &target,
                    const QByteArray &body = {}, int timeoutMs = 5000);

} // namespace grapevine::testing
