// http_request_parser.h — HttpRequestParser: bytes in, one HTTP/1.x request out.
// Pure and incremental (feed any split of the bytes; no sockets, no Qt event loop), so it is
// fuzzable. Owns the limits: the head (request line + headers) and the body are bounded, and
// anything it does not support (chunked bodies, HTTP/2, odd syntax) is refused with the status
// a server should answer, never a crash. It never reads past the first request's body.
#pragma once

#include "http_request.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace grapevine::http {

class HttpRequestParser {
public:
    static constexpr qsizetype kDefaultMaxHead = qsizetype{8} * 1024;
    static constexpr qsizetype kDefaultMaxBody = qsizetype{64} * 1024;

    enum class Status { NeedMore, Complete, Failed };

    explicit HttpRequestParser(qsizetype maxHead = kDefaultMaxHead,
                               qsizetype maxBody = kDefaultMaxBody);

    // Appends bytes and advances. After Complete or Failed further bytes are ignored.
    Status feed(QByteArrayView bytes);

    [[nodiscard]] Status status() const { return m_status; }
    [[nodiscard]] const HttpRequest &request() const { return m_request; }
    // When Failed: the HTTP status to answer (400, 413, 431, 501, 505) and one line why.
    [[nodiscard]] int errorStatus() const { return m_errorStatus; }
    [[nodiscard]] const QString &errorMessage() const { return m_errorMessage; }
    [[nodiscard]] qsizetype maxBody() const { return m_maxBody; }

private:
    Status advanceHead();
    Status advanceBody();
    bool parseHead(const QByteArray &head);
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    bool readBodyLength();
    Status fail(int status, const QString &message);

    qsizetype m_maxHead;
    qsizetype m_maxBody;
    QByteArray m_buffer;
    qsizetype m_bodyLength = 0;
    bool m_inBody = false;
    Status m_status = Status::NeedMore;
    HttpRequest m_request;
    int m_errorStatus = 0;
    QString m_errorMessage;
};

} // namespace grapevine::http
