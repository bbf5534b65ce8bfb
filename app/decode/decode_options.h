// decode_options.h — grapevine-decode's command line.
#pragma once

#include "core/capture/capture_decoder.h"

#include <QString>
#include <QStringList>

namespace grapevine::decode {

struct DecodeCommand {
    QString file;      // a capture file, or
    QString interface; // --tap: a live interface (read until SIGINT/SIGTERM)
    capture::DecodeOptions decode;
    QString exportPath; // --export: also write the decoded records as pcapng
    bool exportDecrypted = false;
    bool showHelp = false;
};

// Parses argv; on failure returns false with a message for stderr in `error`.
bool parseDecodeCommand(const QStringList &arguments, DecodeCommand *command, QString *error);

QString decodeUsage();

} // namespace grapevine::decode
