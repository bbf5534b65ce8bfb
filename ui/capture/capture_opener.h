// capture_opener.h — File › Open capture… and `grapevine --open FILE`: decodes the file in a
// worker thread behind a progress dialog with Cancel (a 1 GB capture keeps the window
// responsive), then shows it in a CaptureWindow. Keys come from the caller (the settings or
// the command line) so encrypted captures open decrypted.
#pragma once

#include "core/wire/keyring.h"
#include "ui/thread_mailbox.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>

class QProgressDialog;
class QThread;
class QWidget;

namespace grapevine::ui {

class CapturePlayback;
class CaptureWindow;

class CaptureOpener : public QObject {
    Q_OBJECT
public:
    // Starts at once; the opener deletes itself when done. `parent` parents the dialog.
    CaptureOpener(const QString &path, const wire::Keyring &keys, QWidget *parent);
    ~CaptureOpener() override;

    // Loads `window`'s capture again keeping the log rows from `fromNs` on, behind the same
    // progress dialog, and hands the result to the window (nothing if it closed meanwhile).
    static void reload(CaptureWindow *window, qint64 fromNs);
    // Asks for a file (and remembers the folder), then opens it; nothing when cancelled.
    static void chooseAndOpen(const wire::Keyring &keys, QWidget *parent);
    // The keyring for base64 keys as the settings and the command line hold them (invalid
    // ones were refused where they were entered and are skipped here).
    static wire::Keyring keyringOf(const QStringList &base64Keys);

signals:
    void opened(grapevine::ui::CaptureWindow *window);
    void failed(const QString &reason);

private:
    CaptureOpener(const QString &path, const wire::Keyring &keys, QWidget *parent,
                  CaptureWindow *target, qint64 keepFromNs, std::size_t maxPackets);
    void onLoaded(std::shared_ptr<const CapturePlayback> playback);
    void onFailed(const QString &reason);

    QString m_path;
    wire::Keyring m_keys;
    QWidget *m_parent;
    QPointer<CaptureWindow> m_target; // a reload's window; null when opening a new one
    bool m_reloading = false;
    QThread *m_thread;
    QProgressDialog *m_progress;
    ThreadMailbox m_fromLoader; // the loader's progress and result, in this (GUI) thread
    bool m_cancelled = false;
};

} // namespace grapevine::ui
