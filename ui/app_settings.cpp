#include "app_settings.h"

#include <QSettings>

namespace grapevine::ui {

AppSettings AppSettings::load(const QSettings &settings) {
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
    return s;
}

void AppSettings::save(QSettings &settings) const {
    settings.setValue(QStringLiteral("node/name"), name);
    settings.setValue(QStringLiteral("node/bind"), bind);
    settings.setValue(QStringLiteral("node/profile"), profile);
    settings.setValue(QStringLiteral("node/keys"), keys);
    settings.setValue(QStringLiteral("node/label"), label);
    settings.setValue(QStringLiteral("node/plainValues"), plainValues);
    settings.setValue(QStringLiteral("log/size"), logSize);
    settings.setValue(QStringLiteral("join/recent"), recentPeers);
}

void AppSettings::addRecentPeer(const QString &hostPort) {
    recentPeers.removeAll(hostPort);
    recentPeers.prepend(hostPort);
    while (recentPeers.size() > kMaxRecentPeers)
        recentPeers.removeLast();
}

bool AppSettings::isValidKey(const QString &base64) {
    const auto decoded = QByteArray::fromBase64Encoding(base64.trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    const qsizetype n = decoded.decoded.size();
    return n == 16 || n == 24 || n == 32;
}

} // namespace grapevine::ui
