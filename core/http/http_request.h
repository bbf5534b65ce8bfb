// http_request.h — one parsed HTTP/1.x request as HttpRequestParser delivers it.
// Plain value type: bytes as received (the target is not decoded here; see queryValue).
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace grapevine::http {

struct HttpRequest {
    QByteArray method;    // "GET", as sent (methods are case-sensitive)
    QByteArray target;    // "/?set=a%20b", as sent
    QByteArray path;      // "/" (the target before '?', still percent-encoded)
    QByteArray query;     // "set=a%20b" (after '?', empty when none)
    int versionMinor = 1; // HTTP/1.0 or HTTP/1.1
    QList<QPair<QByteArray, QByteArray>> headers; // names as sent, values trimmed
    QByteArray body;

    // First header with that name, compared case-insensitively.
    [[nodiscard]] std::optional<QByteArray> header(const QByteArray &name) const;
    // The decoded value of a query parameter (percent-decoding, '+' is a space), if present.
    [[nodiscard]] std::optional<QString> queryValue(const QByteArray &key) const;
    [[nodiscard]] bool hasQuery() const { return !query.isEmpty(); }
};

// Percent-decodes form-encoded text: "%41" -> 'A', '+' -> ' '; bad escapes are kept as is.
QByteArray formDecode(const QByteArray &text);

} // namespace grapevine::http
