#include "ui/app_settings.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSettings>

namespace grapevine::ui {

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings s;
    s.name = settings.value(QStringLiteral("node/name")).toString();
    s.bind = settings.value(QStringLiteral("node/bind")).toString();
    s.profile = settings.value(QStringLiteral("node/profile"), s.profile).toString();
    s.keys = settings.value(QStringLiteral("node/keys")).toStringList();
    s.label = settings.value(QStringLiteral("node/label")).toString();
    s.plainValues = settings.value(QStringLiteral("node/plainValues"), false).toBool();
    s.logSize = qBound(kMinLogSize, settings.value(QStringLiteral("log/size"), s.logSize).toInt(),
                       kMaxLogSize);
    s.recentPeers =
        settings.value(QStringLiteral("join/recent")).toStringList().mid(0, kMaxRecentPeers);
    const QVariantMap names = settings.value(QStringLiteral("join/names")).toMap();
    for (const QString &peer : std::as_const(s.recentPeers)) {
        if (names.contains(peer))
            s.recentPeerNames.insert(peer, names.value(peer).toString());
    }
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    saveEdited(settings);
    settings.setValue(QStringLiteral("join/recent"), recentPeers);
    QVariantMap names;
    for (auto it = recentPeerNames.begin(); it != recentPeerNames.end(); ++it)
        names.insert(it.key(), it.value());
    settings.setValue(QStringLiteral("join/names"), names);
}

void AppSettings::rememberPeer(QSettings &settings, const QString &target, const QStringList &names)
{
    settings.sync(); // what other windows stored since this one last looked
    AppSettings stored = load(settings);
    stored.addRecentPeer(target);
    if (!names.isEmpty())
        stored.recentPeerNames.insert(target, names.join(QStringLiteral(", ")));
    QVariantMap kept;
    for (const QString &peer : std::as_const(stored.recentPeers)) {
        if (stored.recentPeerNames.contains(peer))
            kept.insert(peer, stored.recentPeerNames.value(peer));
    }
    settings.setValue(QStringLiteral("join/recent"), stored.recentPeers);
    settings.setValue(QStringLiteral("join/names"), kept);
    settings.sync();
}

void AppSettings::saveEdited(QSettings &settings) const
{
    settings.setValue(QStringLiteral("node/name"), name);
    settings.setValue(QStringLiteral("node/bind"), bind);
    settings.setValue(QStringLiteral("node/profile"), profile);
    settings.setValue(QStringLiteral("node/keys"), keys);
    settings.setValue(QStringLiteral("node/label"), label);
    settings.setValue(QStringLiteral("node/plainValues"), plainValues);
    settings.setValue(QStringLiteral("log/size"), logSize);
}

void AppSettings::addRecentPeer(const QString &hostPort)
{
    recentPeers.removeAll(hostPort);
    recentPeers.prepend(hostPort);
    while (recentPeers.size() > kMaxRecentPeers)
        recentPeers.removeLast();
}

namespace {
QByteArray decodeKey(const QString &base64, bool *isBase64)
{
    const auto decoded = QByteArray::fromBase64Encoding(base64.trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    *isBase64 = bool(decoded) && !base64.trimmed().isEmpty();
    return decoded.decoded;
}

bool isAesKeySize(qsizetype n)
{
    return n == 16 || n == 24 || n == 32;
}
} // namespace

bool AppSettings::isValidKey(const QString &base64)
{
    return keyProblem(base64).isEmpty();
}

QString AppSettings::keyProblem(const QString &base64)
{
    if (base64.trimmed().isEmpty())
        return QCoreApplication::translate("AppSettings", "Paste a key first (base64).");
    bool isBase64 = false;
    const QByteArray key = decodeKey(base64, &isBase64);
    if (!isBase64)
        return QCoreApplication::translate("AppSettings", "That key is not valid base64.");
    if (!isAesKeySize(key.size()))
        return QCoreApplication::translate(
                   "AppSettings",
                   "That key is %1 bytes; AES keys are 16, 24 or 32 bytes (AES-128/192/256).")
            .arg(key.size());
    return {};
}

QString AppSettings::keyFingerprint(const QString &base64)
{
    bool isBase64 = false;
    const QByteArray key = decodeKey(base64, &isBase64);
    if (!isBase64 || !isAesKeySize(key.size()))
        return {};
    const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    return QStringLiteral("AES-%1 · %2")
        .arg(key.size() * 8)
        .arg(QString::fromLatin1(digest.left(4).toHex()));
}

} // namespace grapevine::ui
