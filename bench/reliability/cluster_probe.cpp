#include "cluster_probe.h"

#include "node_process.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>

HttpAnswer httpRequest(quint16 port, const QByteArray &method, const QByteArray &target,
                       const QByteArray &body, int timeoutMs)
{
    QTcpSocket socket;
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!waitUntil([&] { return socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs))
        return {};
    // HTTP/1.0 so the server closes and the body needs no chunk decoding.
    socket.write(method + " " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    waitUntil([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    const qsizetype split = answer.indexOf("\r\n\r\n");
    if (!answer.startsWith("HTTP/1.") || split < 0)
        return {};
    return {answer.mid(9, 3).toInt(), answer.mid(split + 4)};
}

QMap<QString, QString> memberStates(const QByteArray &membersJson)
{
    QMap<QString, QString> states;
    const QJsonDocument doc = QJsonDocument::fromJson(membersJson);
    const QJsonArray members =
        doc.isArray() ? doc.array() : doc.object().value("members").toArray();
    for (const QJsonValue &member : members)
        states[member["name"].toString()] = member["state"].toString();
    return states;
}

static void collect(const QJsonValue &value, const QString &path, bool inside, const QString &word,
                    QMap<QString, qint64> &out)
{
    if (value.isDouble() && inside) {
        out[path] = qint64(value.toDouble());
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const bool hit = inside || it.key().contains(word, Qt::CaseInsensitive);
            collect(it.value(), path.isEmpty() ? it.key() : path + '.' + it.key(), hit, word, out);
        }
    }
}

QMap<QString, qint64> statsCounters(const QByteArray &statsJson, const QString &word)
{
    QMap<QString, qint64> out;
    collect(QJsonDocument::fromJson(statsJson).object(), {}, false, word, out);
    return out;
}
