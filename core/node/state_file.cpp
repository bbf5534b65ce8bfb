#include "state_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace grapevine {

namespace {
constexpr qint64 kMaxStateFileBytes = qint64{64} * 1024; // a value is at most a few hundred bytes

QString safeFileName(QString name)
{
    // Node names are free text; keep the file name portable.
    static const QString kForbidden = QStringLiteral("/\\:*?\"<>|");
    for (QChar &c : name) {
        if (kForbidden.contains(c) || c.unicode() < 0x20)
            c = QLatin1Char('_');
    }
    return name;
}
} // namespace

StateFile::StateFile(const QString &dataDir, const QString &nodeName)
{
    const QString dir = dataDir.isEmpty()
                            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                            : dataDir;
    m_path = QDir(dir).filePath(safeFileName(nodeName) + QStringLiteral(".state"));
}

std::optional<value::PersistedState> StateFile::load(QString *error) const
{
    QFile file(m_path);
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
        return std::nullopt;
    }
    const QByteArray text = file.read(kMaxStateFileBytes + 1);
    if (text.size() > kMaxStateFileBytes) {
        *error = QStringLiteral("%1 is larger than %2 bytes")
                     .arg(m_path, QString::number(kMaxStateFileBytes));
        return std::nullopt;
    }
    auto parsed = value::parsePersisted(
        std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    if (!parsed.ok()) {
        *error = QStringLiteral("%1 is unreadable: %2")
                     .arg(m_path, QString::fromStdString(parsed.error().message));
        return std::nullopt;
    }
    return std::move(parsed).value();
}

bool StateFile::save(const value::ValueRegister::Entry &entry, std::uint64_t clock,
                     QString *error) const
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        *error = QStringLiteral("cannot create the folder of %1").arg(m_path);
        return false;
    }
    QSaveFile file(m_path);
    const std::string text = value::serializePersisted(entry, clock);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    return true;
}

} // namespace grapevine
