#include "decode_run.h"

#include <QJsonDocument>
#include <QProcess>

namespace grapevine::capture::testing {

Decoded runDecode(const QStringList &arguments)
{
    Decoded out;
    QProcess process;
    process.start(QStringLiteral(GRAPEVINE_DECODE_PATH), arguments);
    if (!process.waitForFinished(60000))
        return out;
    out.exitCode = process.exitCode();
    out.stderrText = QString::fromLocal8Bit(process.readAllStandardError());
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.contains(QStringLiteral("summary")))
            out.summary = object;
        else
            out.lines.append(object);
    }
    return out;
}

} // namespace grapevine::capture::testing
