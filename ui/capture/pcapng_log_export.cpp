#include "ui/capture/pcapng_log_export.h"

#include "core/capture/datagram_decoder.h"
#include "core/capture/record_exporter.h"
#include "core/wire/label.h"
#include "core/wire/stream.h"

#include <QCoreApplication>

namespace grapevine::ui {

namespace {

// An encrypted stream frame read with the keys (its label header, if any, names the AAD).
void decryptFrame(capture::CaptureRecord &record, const wire::Keyring &keys)
{
    auto labelled = wire::stripLabel(record.raw);
    if (!labelled || labelled->rest.empty() ||
        labelled->rest[0] != static_cast<std::uint8_t>(wire::MessageType::Encrypt))
        return;
    wire::StreamOptions options;
    options.keyring = &keys;
    options.label = labelled->label;
    auto message = wire::decodeFrame(labelled->rest, options);
    if (!message)
        return;
    record.layers = {"encrypted"};
    record.messages = {std::move(*message)};
}

} // namespace

bool traceToRecord(const PacketTrace &trace, const QString &self, const wire::Keyring *decryptWith,
                   capture::CaptureRecord *out)
{
    const auto own = wire::parseEndpoint(self.toStdString());
    const auto peer = wire::parseEndpoint(trace.peer.toStdString());
    if (!own || !peer || own->ip.size() != peer->ip.size())
        return false;
    capture::Segment segment;
    segment.timeNs = trace.timeNs;
    segment.transport =
        trace.channel == TraceChannel::Tcp ? capture::Transport::Tcp : capture::Transport::Udp;
    segment.from = trace.direction == Direction::In ? *peer : *own;
    segment.to = trace.direction == Direction::In ? *own : *peer;
    segment.payload.assign(trace.raw.begin(), trace.raw.end());
    const wire::Keyring none;
    if (segment.transport == capture::Transport::Udp) {
        *out = capture::decodeDatagram(segment, decryptWith ? *decryptWith : none);
        return true;
    }
    out->timeNs = segment.timeNs;
    out->channel = capture::Transport::Tcp;
    out->from = segment.from;
    out->to = segment.to;
    out->raw = segment.payload;
    if (decryptWith != nullptr)
        decryptFrame(*out, *decryptWith);
    return true;
}

QString exportTracesAsPcapng(const QList<PacketTrace> &traces, const QString &self,
                             const wire::Keyring *decryptWith, const QString &path)
{
    capture::RecordExporter exporter(decryptWith ? capture::ExportPayload::Decrypted
                                                 : capture::ExportPayload::AsCaptured);
    auto opened = exporter.open(path.toStdString());
    if (!opened)
        return QString::fromStdString(opened.error().message);
    int skipped = 0;
    for (const PacketTrace &trace : traces) {
        capture::CaptureRecord record;
        if (!traceToRecord(trace, self, decryptWith, &record) || !exporter.write(record))
            ++skipped;
    }
    if (!exporter.close())
        return QCoreApplication::translate("grapevine", "%1: write failed").arg(path);
    if (skipped > 0)
        return QCoreApplication::translate("grapevine",
                                           "%1 packets without addresses were left out")
            .arg(skipped);
    return {};
}

} // namespace grapevine::ui
