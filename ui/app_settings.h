// app_settings.h — what the window remembers between runs (QSettings): node options the
// settings dialog edits, the log size and the recent join targets. Command-line options
// always win over these (app/gui applies them only to options not given).
// Every window on the machine shares one store, and several may write it: each write
// touches only the keys it means to change (QSettings merges per key on sync), and the
// recent peers are read fresh and added to, never written back from a stale copy.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

class QSettings;

namespace grapevine::ui {

class AppSettings {
public:
    static constexpr int kMaxRecentPeers = 10;
    static constexpr int kMinLogSize = 100;
    static constexpr int kMaxLogSize = 1'000'000;

    QString name; // empty = <hostname>-<port>
    QString bind; // "HOST:PORT"; empty = default
    QString profile = QStringLiteral("lan");
    QStringList keys; // base64; the first encrypts
    QString label;
    bool plainValues = false;
    int logSize = 10'000;
    QStringList recentPeers;                // most recent first
    QMap<QString, QString> recentPeerNames; // target -> "node1, node2" it led to

    [[nodiscard]] static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;
    // What the settings dialog edits (node options, log size), and nothing else.
    void saveEdited(QSettings &settings) const;
    void addRecentPeer(const QString &hostPort);
    // A successful join, added to what is stored now (other windows' joins included).
    static void rememberPeer(QSettings &settings, const QString &target, const QStringList &names);
    // True when text is base64 of 16, 24 or 32 bytes (AES-128/192/256).
    [[nodiscard]] static bool isValidKey(const QString &base64);
    // Why a key is unusable, in one line that never repeats the key; empty when it is fine.
    [[nodiscard]] static QString keyProblem(const QString &base64);
    // "AES-256 · 1a2b3c4d": the size and the start of the key's SHA-256, so people can
    // compare keys between machines without showing them. Empty for an invalid key.
    [[nodiscard]] static QString keyFingerprint(const QString &base64);
};

} // namespace grapevine::ui
