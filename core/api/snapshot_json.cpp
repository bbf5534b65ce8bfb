// snapshot_json.cpp — see the header.
#include "snapshot_json.h"

#include <QJsonArray>

#include <QStringDecoder>
#include <chrono>

namespace grapevine::api {

qint64 unixNanos()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

QString metaText(const QByteArray &meta, QString *encoding)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(meta);
    bool printable = !decoder.hasError();
    for (QChar c : text)
        printable = printable && (c.isPrint() || c == QLatin1Char('\t'));
    *encoding = printable ? QStringLiteral("text") : QStringLiteral("base64");
    return printable ? text : QString::fromLatin1(meta.toBase64());
}

namespace {

// Serf members: decoded tags (never the base64 of their metadata alone), the Vivaldi
// coordinate and the RTT it estimates.
void addSerfFields(const MemberSnapshot &member, QJsonObject &json)
{
    if (member.hasTags) {
        QJsonObject tags;
        for (auto it = member.tags.begin(); it != member.tags.end(); ++it)
            tags.insert(it.key(), it.value());
        json.insert(QStringLiteral("tags"), tags);
    }
    if (!member.coordinate.isEmpty()) {
        QJsonArray vec;
        for (double v : member.coordinate)
            vec.append(v);
        json.insert(QStringLiteral("coordinate"), vec);
    }
    if (member.estimatedRttUs >= 0)
        json.insert(QStringLiteral("estimated_rtt_us"), member.estimatedRttUs);
    if (member.reaped)
        json.insert(QStringLiteral("reaped"), true);
}

} // namespace

QJsonObject memberToJson(const MemberSnapshot &member)
{
    QString encoding;
    const QString meta = metaText(member.meta, &encoding);
    QJsonObject json{
        {QStringLiteral("name"), member.name},
        {QStringLiteral("addr"), member.address},
        {QStringLiteral("port"), member.port},
        {QStringLiteral("state"), memberStateName(member.state)},
        {QStringLiteral("incarnation"), qint64(member.incarnation)},
        {QStringLiteral("meta"), meta},
        {QStringLiteral("meta_encoding"), encoding},
        {QStringLiteral("rtt_us"), member.rttUs},
        {QStringLiteral("value_lamport"), qint64(member.heldVersion.lamport)},
        {QStringLiteral("value_origin"), member.heldVersion.origin},
        {QStringLiteral("state_since_ms"), member.stateSinceMs},
        {QStringLiteral("self"), member.isSelf},
    };
    addSerfFields(member, json);
    return json;
}

QJsonObject valueToJson(const ValueSnapshot &value)
{
    return QJsonObject{
        {QStringLiteral("value"), value.value},
        {QStringLiteral("lamport"), qint64(value.version.lamport)},
        {QStringLiteral("origin"), value.version.origin},
        {QStringLiteral("updated_ms"), value.updatedMs},
    };
}

QJsonObject convergenceToJson(const ConvergenceReport &report)
{
    return QJsonObject{
        {QStringLiteral("lamport"), qint64(report.version.lamport)},
        {QStringLiteral("origin"), report.version.origin},
        {QStringLiteral("reached"), report.reached},
        {QStringLiteral("total"), report.total},
        {QStringLiteral("complete"), report.complete},
        {QStringLiteral("elapsed_us"), report.elapsedUs},
    };
}

} // namespace grapevine::api
