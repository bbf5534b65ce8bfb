#include "record_printer.h"

#include "message_json.h"

#include <QDateTime>
#include <QJsonDocument>

namespace grapevine::decode {

namespace {

constexpr std::size_t kMaxHexBytes = 512; // of an undecodable record, enough to see its shape

QString endpointText(const wire::Endpoint &endpoint)
{
    return endpoint.ip.empty() ? QString() : QString::fromStdString(endpoint.toString());
}

QJsonObject envelope(const capture::CaptureRecord &record)
{
    const qint64 ms = record.timeNs / 1'000'000;
    QJsonObject out{{QStringLiteral("frame"), double(record.frame)},
                    {QStringLiteral("t"), QString::number(record.timeNs)},
                    {QStringLiteral("time"),
                     QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)},
                    {QStringLiteral("from"), endpointText(record.from)},
                    {QStringLiteral("to"), endpointText(record.to)},
                    {QStringLiteral("channel"), capture::transportName(record.channel)},
                    {QStringLiteral("bytes"), double(record.raw.size())}};
    QJsonArray layers;
    for (const std::string &layer : record.layers)
        layers.append(QString::fromStdString(layer));
    out[QStringLiteral("layers")] = layers;
    if (record.encryptionVersion >= 0)
        out[QStringLiteral("encryption")] = record.encryptionVersion;
    if (!record.label.empty())
        out[QStringLiteral("label")] = QString::fromStdString(record.label);
    return out;
}

} // namespace

RecordPrinter::RecordPrinter(std::FILE *out)
    : m_out(out)
{
}

void RecordPrinter::writeLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, std::size_t(line.size()), m_out);
    std::fputc('\n', m_out);
}

void RecordPrinter::print(const capture::CaptureRecord &record)
{
    const QJsonObject base = envelope(record);
    if (!record.decoded()) {
        QJsonObject line = base;
        line[QStringLiteral("error")] = QString::fromStdString(record.error);
        const wire::ByteView raw = record.raw;
        line[QStringLiteral("hex")] = hexText(raw.first(std::min(raw.size(), kMaxHexBytes)));
        writeLine(line);
        return;
    }
    const auto parts = qsizetype(record.messages.size());
    for (qsizetype i = 0; i < parts; ++i) {
        QJsonObject line = base;
        if (parts > 1) {
            line[QStringLiteral("part")] = int(i);
            line[QStringLiteral("parts")] = int(parts);
        }
        const QJsonObject message = messageJson(record.messages[std::size_t(i)]);
        line[QStringLiteral("type")] = message[QStringLiteral("type")];
        line[QStringLiteral("fields")] = message[QStringLiteral("fields")];
        writeLine(line);
    }
    for (const std::string &partError : record.partErrors) {
        QJsonObject line = base;
        line[QStringLiteral("error")] = QString::fromStdString(partError);
        writeLine(line);
    }
}

void RecordPrinter::printSummary(const capture::CaptureDecoder &decoder,
                                 const QString &captureError)
{
    const capture::CaptureStats &stats = decoder.stats();
    QJsonObject summary{{QStringLiteral("frames"), double(stats.frames)},
                        {QStringLiteral("other_frames"), double(stats.otherFrames)},
                        {QStringLiteral("datagrams"), double(stats.datagrams)},
                        {QStringLiteral("stream_frames"), double(stats.streamFrames)},
                        {QStringLiteral("messages"), double(stats.messages)},
                        {QStringLiteral("undecodable"), double(stats.undecodable)}};
    QJsonObject line{{QStringLiteral("summary"), summary},
                     {QStringLiteral("members"), membersJson(decoder.membership().members())}};
    if (!captureError.isEmpty())
        line[QStringLiteral("capture_error")] = captureError;
    writeLine(line);
    std::fflush(m_out);
}

} // namespace grapevine::decode
