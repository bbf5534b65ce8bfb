// record_printer.h — writes decoded capture records as JSON lines: one per message (a
// compound's parts each get their own, numbered), one per undecodable datagram or frame
// with the reason, and the closing summary with the reconstructed members.
#pragma once

#include "core/capture/capture_decoder.h"

#include <QJsonObject>
#include <QString>

#include <cstdio>

namespace grapevine::decode {

class RecordPrinter {
public:
    explicit RecordPrinter(std::FILE *out);

    void print(const capture::CaptureRecord &record);
    // The last line: counters, members, and the capture's damage when there was some.
    void printSummary(const capture::CaptureDecoder &decoder, const QString &captureError);

private:
    void writeLine(const QJsonObject &object);

    std::FILE *m_out;
};

} // namespace grapevine::decode
