// node_options.cpp — the key checks behind --key, --key-file and the tap dialog's keys. Key
// bytes are never echoed in an error (only their position and length).
#include "node_options.h"

#include <QFile>

namespace grapevine {

bool decodeKey(const QString &text, const QString &where, QByteArrayList *keys, QString *error)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || text.trimmed().isEmpty()) {
        *error = QStringLiteral("%1 is not valid base64").arg(where);
        return false;
    }
    const qsizetype size = decoded.decoded.size();
    if (size != 16 && size != 24 && size != 32) {
        *error = QStringLiteral("%1 is %2 bytes; AES keys must be 16, 24 or 32 bytes")
                     .arg(where, QString::number(size));
        return false;
    }
    keys->append(decoded.decoded);
    return true;
}

bool readKeyFile(const QString &path, const QString &where, QByteArrayList *keys, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1 %2: cannot read (%3)").arg(where, path, file.errorString());
        return false;
    }
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QString lineWhere =
            QStringLiteral("%1 %2: line %3").arg(where, path, QString::number(lineNo));
        if (!decodeKey(line, lineWhere, keys, error))
            return false;
    }
    return true;
}

} // namespace grapevine
