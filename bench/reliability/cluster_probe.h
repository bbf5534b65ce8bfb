// cluster_probe.h — what the reliability benchmarks ask a running agent: HTTP requests with
// any method, member states, malformed counters. Benchmarks only: nothing here
// asserts; callers print tables.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

struct HttpAnswer {
    int status = 0; // 0 = no answer within the bound
    QByteArray body;
};

HttpAnswer httpRequest(quint16 port, const QByteArray &method, const QByteArray &target,
                       const QByteArray &body = {}, int timeoutMs = 5000);
// name -> state ("alive", "suspect", ...) from a /v1/members body.
QMap<QString, QString> memberStates(const QByteArray &membersJson);
// Every numeric leaf under a key containing `word`, e.g. "malformed" (dotted path -> value).
QMap<QString, qint64> statsCounters(const QByteArray &statsJson, const QString &word);
