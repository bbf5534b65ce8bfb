// decode_run.h — runs the real grapevine-decode on a capture, as a user would, and splits its
// JSON lines into the messages and the closing summary (for the capture interop tests).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace grapevine::capture::testing {

struct Decoded {
    int exitCode = -1; // -1: it did not finish in time
    QString stderrText;
    QList<QJsonObject> lines; // every line but the summary
    QJsonObject summary;
};

// `grapevine-decode ARGUMENTS` (the program built with the tests: GRAPEVINE_DECODE_PATH).
Decoded runDecode(const QStringList &arguments);

} // namespace grapevine::capture::testing
