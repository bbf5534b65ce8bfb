// http_request_parser.cpp — see the header. Theory of operation: bytes accumulate until the
// blank line that ends the head (bounded by maxHead); the head is parsed in one go; then exactly
// Content-Length body bytes are taken (bounded by maxBody) and the parser stops.
#include "http_request_parser.h"

#include <algorithm>

namespace grapevine::http {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    return std::ranges::all_of(text, isTokenChar);
}

bool hasControlChars(QByteArrayView text, bool allowTab)
{
    return std::ranges::any_of(text, [allowTab](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && !(allowTab && c == '\t')) || u == 0x7f;
    });
}

// Index just past the blank line that ends the head, or -1 while it has not arrived.
qsizetype headEnd(const QByteArray &buffer)
{
    const qsizetype lf = buffer.indexOf("\n\n");
    const qsizetype crlf = buffer.indexOf("\n\r\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf))
        return crlf + 3;
    return lf >= 0 ? lf + 2 : -1;
}

} // namespace

HttpRequestParser::HttpRequestParser(qsizetype maxHead, qsizetype maxBody)
    : m_maxHead(maxHead)
    , m_maxBody(maxBody)
{
}

HttpRequestParser::Status HttpRequestParser::feed(QByteArrayView bytes)
{
    if (m_status != Status::NeedMore)
        return m_status;
    if (m_inBody) {
        const qsizetype want = m_bodyLength - m_request.body.size();
        m_request.body.append(bytes.first(std::min(want, bytes.size())));
        return advanceBody();
    }
    m_buffer.append(bytes);
    return advanceHead();
}

HttpRequestParser::Status HttpRequestParser::advanceHead()
{
    const qsizetype end = headEnd(m_buffer);
    if ((end < 0 && m_buffer.size() > m_maxHead) || end > m_maxHead)
        return fail(431, QStringLiteral("request head is over the %1-byte limit").arg(m_maxHead));
    if (end < 0)
        return m_status;
    if (!parseHead(m_buffer.left(end)) || !readBodyLength())
        return m_status;
    m_inBody = true;
    m_request.body = m_buffer.mid(end, m_bodyLength);
    m_buffer.clear();
    return advanceBody();
}

HttpRequestParser::Status HttpRequestParser::advanceBody()
{
    if (m_request.body.size() >= m_bodyLength)
        m_status = Status::Complete;
    return m_status;
}

bool HttpRequestParser::parseHead(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.isEmpty()) {
        fail(400, QStringLiteral("empty request line"));
        return false;
    }
    if (!parseRequestLine(lines.first()))
        return false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!parseHeaderLine(lines[i]))
            return false;
    }
    return true;
}

bool HttpRequestParser::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty() ||
        hasControlChars(parts[1], false)) {
        fail(400, QStringLiteral("malformed request line"));
        return false;
    }
    if (!parts[1].startsWith('/')) {
        fail(400, QStringLiteral("request target must be a path starting with '/'"));
        return false;
    }
    const QByteArray &version = parts[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        const bool looksHttp = version.startsWith("HTTP/") && version.size() == 8;
        fail(looksHttp ? 505 : 400, looksHttp
                                        ? QStringLiteral("only HTTP/1.0 and 1.1 are supported")
                                        : QStringLiteral("malformed HTTP version"));
        return false;
    }
    m_request.method = parts[0];
    m_request.target = parts[1];
    m_request.versionMinor = version.back() - '0';
    const qsizetype q = parts[1].indexOf('?');
    m_request.path = q < 0 ? parts[1] : parts[1].left(q);
    m_request.query = q < 0 ? QByteArray() : parts[1].mid(q + 1);
    return true;
}

bool HttpRequestParser::parseHeaderLine(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
        fail(400, QStringLiteral("malformed header line"));
        return false;
    }
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (hasControlChars(value, true)) {
        fail(400, QStringLiteral("control character in a header value"));
        return false;
    }
    m_request.headers.append({line.left(colon), value});
    return true;
}

bool HttpRequestParser::readBodyLength()
{
    if (m_request.header("Transfer-Encoding")) {
        fail(501, QStringLiteral("Transfer-Encoding is not supported; send Content-Length"));
        return false;
    }
    std::optional<qsizetype> length;
    for (const auto &h : m_request.headers) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        bool ok = h.second.size() <= 18 && !h.second.isEmpty();
        for (char c : h.second)
            ok = ok && c >= '0' && c <= '9';
        const qsizetype value = ok ? h.second.toLongLong() : -1;
        if (!ok || (length && *length != value)) {
            fail(400, QStringLiteral("invalid Content-Length"));
            return false;
        }
        length = value;
    }
    m_bodyLength = length.value_or(0);
    if (m_bodyLength > m_maxBody) {
        fail(413, QStringLiteral("body of %1 bytes is over the %2-byte limit")
                      .arg(m_bodyLength)
                      .arg(m_maxBody));
        return false;
    }
    return true;
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QString &message)
{
    m_status = Status::Failed;
    m_errorStatus = status;
    m_errorMessage = message;
    m_buffer.clear();
    return m_status;
}

} // namespace grapevine::http
