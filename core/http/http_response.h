// http_response.h — one HTTP/1.1 response and its serialization. The server always closes the
// connection after it (Connection: close), which keeps the server small and slowloris-proof.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>

namespace grapevine::http {

struct HttpResponse {
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra ones, e.g. Allow

    static HttpResponse text(int status, const QString &text);
    static HttpResponse json(int status, const QJsonDocument &document);
    // {"error": message, "status": status}: every refusal has the same shape.
    static HttpResponse error(int status, const QString &message);

    [[nodiscard]] QByteArray serialize() const;
};

QByteArray reasonPhrase(int status);

} // namespace grapevine::http
