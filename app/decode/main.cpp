// grapevine-decode — decodes a pcap/pcapng capture of a memberlist, Consul/Serf/Nomad or
// Grapevine cluster without joining it: JSON lines on stdout (see record_printer.h).
// Wiring only: core/capture does the reading, reassembly, decoding and reconstruction.
#include "decode_options.h"
#include "record_printer.h"

#include "core/capture/link_layer.h"
#include "core/capture/live_tap.h"
#include "core/capture/pcap_file.h"
#include "core/capture/record_exporter.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>
#include <optional>
#include <set>

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

volatile std::sig_atomic_t g_stop = 0;

void requestStop(int /*signal*/)
{
    g_stop = 1;
}

// Ctrl+C / SIGTERM end a tap cleanly: the summary with the members is still printed.
void catchStopSignals()
{
    struct sigaction action {};
    action.sa_handler = requestStop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

// Reads the live tap until a stop signal; returns libpcap's reason if capturing failed.
QString tapUntilStopped(capture::LiveTap &tap, capture::CaptureDecoder &decoder, Outputs &outputs)
{
    catchStopSignals();
    capture::CapturedFrame frame;
    while (g_stop == 0) {
        switch (tap.next(frame)) {
        case capture::LiveTap::Status::Frame:
            decoder.handleFrame(frame);
            printDrained(decoder, outputs);
            std::fflush(stdout); // a reader of the pipe sees each message as it happens
            continue;
        case capture::LiveTap::Status::Timeout:
            continue;
        case capture::LiveTap::Status::Failed:
            return QString::fromStdString(tap.error());
        }
    }
    if (tap.dropped() > 0)
        return QStringLiteral("the kernel dropped %1 frames (the tap read too slowly)")
            .arg(tap.dropped());
    return {};
}

// Reads the tap or the file through `decoder`; returns the damage ("" when none), or sets
// `openError` when the source cannot be opened at all.
QString runSource(const decode::DecodeCommand &command, const std::set<std::uint16_t> &ports,
                  capture::CaptureDecoder &decoder, Outputs &outputs, QString *openError)
{
    if (!command.interface.isEmpty()) {
        auto tap =
            capture::LiveTap::open(command.interface.toStdString(), ports, "grapevine-decode");
        if (!tap) {
            *openError = QString::fromStdString(tap.error().message);
            return {};
        }
        std::fprintf(stderr, "grapevine-decode: tapping %s (%s), sending nothing; Ctrl+C ends\n",
                     qPrintable(command.interface), capture::LiveTap::filterFor(ports).c_str());
        return tapUntilStopped(**tap, decoder, outputs);
    }
    auto file = capture::PcapFile::open(command.file.toStdString());
    if (!file) {
        *openError = QString::fromStdString(file.error().message);
        return {};
    }
    if (!capture::supportedLinkType((*file)->linkType())) {
        *openError = QStringLiteral("%1: link type %2 is not supported (Ethernet, Linux cooked "
                                    "SLL/SLL2, loopback and raw IP are)")
                         .arg(command.file, QString::number((*file)->linkType()));
        return {};
    }
    return decodeAll(**file, decoder, outputs);
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
    if (!decode::parseDecodeCommand(QCoreApplication::arguments(), &command, &error))
        return fail(error + QStringLiteral("\n") + decode::decodeUsage());
    if (command.showHelp) {
        std::fputs(qPrintable(decode::decodeUsage()), stdout);
        return 0;
    }
    Outputs outputs;
    if (!command.exportPath.isEmpty()) {
        outputs.exporter.emplace(command.exportDecrypted ? capture::ExportPayload::Decrypted
                                                         : capture::ExportPayload::AsCaptured);
        auto opened = outputs.exporter->open(command.exportPath.toStdString());
        if (!opened)
            return fail(QString::fromStdString(opened.error().message));
    }
    const std::set<std::uint16_t> ports = command.decode.ports;
    capture::CaptureDecoder decoder(std::move(command.decode));
    QString openError;
    const QString damage = runSource(command, ports, decoder, outputs, &openError);
    if (!openError.isEmpty())
        return fail(openError);
    decoder.finish();
    printDrained(decoder, outputs);
    outputs.printer.printSummary(decoder, damage);
    if (outputs.exporter && !outputs.exporter->close())
        return fail(QStringLiteral("--export %1: write failed").arg(command.exportPath));
    if (damage.isEmpty())
        return 0;
    std::fprintf(stderr,
                 "grapevine-decode: %s: the capture is damaged: %s; everything before it was "
                 "decoded\n",
                 qPrintable(command.interface.isEmpty() ? command.file : command.interface),
                 qPrintable(damage));
    return 2;
}
