// raw_http.h — test helpers: a one-shot HTTP/1.1 request over a raw QTcpSocket (waits are
// bounded and keep the event loop running), and a free loopback port finder.
#pragma once

#include <QByteArray>
#include <QJsonDocument>

struct RawHttpReply {
    int status = -1; // -1: no answer in time
    QByteArray body;
    [[nodiscard]] QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

RawHttpReply rawHttp(quint16 port, const QByteArray &method, const QByteArray &target,
                     const QByteArray &body = {}, int timeoutMs = 5000);
