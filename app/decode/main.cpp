// grapevine-decode — decodes a pcap/pcapng capture of a memberlist, Consul/Serf/Nomad or
// Grapevine cluster without joining it: JSON lines on stdout (see record_printer.h).
// Wiring only: core/capture does the reading, reassembly, decoding and reconstruction.
#include "decode_options.h"
#include "record_printer.h"

#include "core/capture/link_layer.h"
#include "core/capture/pcap_file.h"
#include "core/capture/record_exporter.h"

#include <QCoreApplication>

#include <cstdio>
#include <optional>

namespace {

using namespace grapevine;

// Where each decoded record goes: stdout, and the export file when one was asked for.
struct Outputs {
    decode::RecordPrinter printer{stdout};
    std::optional<capture::RecordExporter> exporter;
};

void printDrained(capture::CaptureDecoder &decoder, Outputs &outputs)
{
    for (const capture::CaptureRecord &record : decoder.drainRecords()) {
        outputs.printer.print(record);
        if (outputs.exporter)
            outputs.exporter->write(record);
    }
}

// Reads every frame; returns libpcap's reason when the file is damaged, else "".
QString decodeAll(capture::PcapFile &file, capture::CaptureDecoder &decoder, Outputs &printer)
{
    capture::CapturedFrame frame;
    for (;;) {
        switch (file.next(frame)) {
        case capture::PcapFile::Status::Frame:
            decoder.handleFrame(frame);
            if (frame.number % 256 == 0)
                printDrained(decoder, printer);
            continue;
        case capture::PcapFile::Status::End:
            return {};
        case capture::PcapFile::Status::Failed:
            return QString::fromStdString(file.error());
        }
    }
}

int fail(const QString &message)
{
    std::fprintf(stderr, "grapevine-decode: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    decode::DecodeCommand command;
    QString error;
    if (!decode::parseDecodeCommand(app.arguments(), &command, &error))
        return fail(error + QStringLiteral("\n") + decode::decodeUsage());
    if (command.showHelp) {
        std::fputs(qPrintable(decode::decodeUsage()), stdout);
        return 0;
    }
    auto file = capture::PcapFile::open(command.file.toStdString());
    if (!file)
        return fail(QString::fromStdString(file.error().message));
    if (!capture::supportedLinkType((*file)->linkType()))
        return fail(QStringLiteral("%1: link type %2 is not supported (Ethernet, Linux cooked "
                                   "SLL/SLL2, loopback and raw IP are)")
                        .arg(command.file)
                        .arg((*file)->linkType()));
    Outputs outputs;
    if (!command.exportPath.isEmpty()) {
        outputs.exporter.emplace(command.exportDecrypted ? capture::ExportPayload::Decrypted
                                                         : capture::ExportPayload::AsCaptured);
        auto opened = outputs.exporter->open(command.exportPath.toStdString());
        if (!opened)
            return fail(QString::fromStdString(opened.error().message));
    }
    capture::CaptureDecoder decoder(std::move(command.decode));
    const QString damage = decodeAll(**file, decoder, outputs);
    decoder.finish();
    printDrained(decoder, outputs);
    outputs.printer.printSummary(decoder, damage);
    if (outputs.exporter && !outputs.exporter->close())
        return fail(QStringLiteral("--export %1: write failed").arg(command.exportPath));
    if (damage.isEmpty())
        return 0;
    std::fprintf(stderr,
                 "grapevine-decode: %s: the capture is damaged %s; everything before it "
                 "was decoded\n",
                 qPrintable(command.file), qPrintable(damage));
    return 2;
}
