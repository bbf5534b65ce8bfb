#include "ui/capture/capture_opener.h"

#include "ui/capture/capture_loader.h"
#include "ui/capture/capture_window.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QThread>

namespace grapevine::ui {

namespace {

constexpr int kProgressSteps = 1000;
const QString kLastFolderKey = QStringLiteral("capture/lastFolder");

} // namespace

CaptureOpener::CaptureOpener(const QString &path, const wire::Keyring &keys, QWidget *parent)
    : CaptureOpener(path, keys, parent, nullptr, 0, CapturePlayback::kMaxPackets)
{
}

CaptureOpener::CaptureOpener(const QString &path, const wire::Keyring &keys, QWidget *parent,
                             CaptureWindow *target, qint64 keepFromNs, std::size_t maxPackets)
    : m_path(path)
    , m_keys(keys)
    , m_parent(parent)
    , m_target(target)
    , m_reloading(target != nullptr)
    , m_thread(new QThread(this))
    , m_progress(new QProgressDialog(tr("Decoding %1…").arg(QFileInfo(path).fileName()),
                                     tr("Cancel"), 0, kProgressSteps, parent))
{
    m_progress->setObjectName(QStringLiteral("captureProgress"));
    m_progress->setWindowTitle(tr("Open capture"));
    m_progress->setMinimumDuration(300);
    capture::DecodeOptions options;
    options.keyring = keys; // every gossip port: a capture file was filtered when taken
    auto *loader = new CaptureLoader(path, std::move(options), keepFromNs, maxPackets);
    loader->moveToThread(m_thread);
    connect(m_thread, &QThread::started, loader, &CaptureLoader::load);
    connect(m_thread, &QThread::finished, loader, &QObject::deleteLater);
    // Through the mailbox, not queued signals: the playback is built in the loader's thread
    // and handed over whole, through a lock ThreadSanitizer sees.
    relay(loader, &CaptureLoader::progressed, &m_fromLoader, this,
          [this](qint64 done, qint64 total) {
              if (total > 0)
                  m_progress->setValue(int(done * kProgressSteps / total));
          });
    relay(loader, &CaptureLoader::loaded, &m_fromLoader, this,
          [this](const std::shared_ptr<const CapturePlayback> &playback) { onLoaded(playback); });
    relay(loader, &CaptureLoader::failed, &m_fromLoader, this,
          [this](const QString &reason) { onFailed(reason); });
    connect(m_progress, &QProgressDialog::canceled, this, [this, cancel = loader->cancelFlag()] {
        m_cancelled = true;
        *cancel = true; // the flag, not the loader: its own thread deletes it
    });
    m_thread->start();
}

CaptureOpener::~CaptureOpener()
{
    m_thread->quit();
    m_thread->wait();
    delete m_progress;
}

void CaptureOpener::reload(CaptureWindow *window, qint64 fromNs)
{
    new CaptureOpener(window->path(), window->keys(), window, window, fromNs,
                      window->playback().maxPackets());
}

void CaptureOpener::onLoaded(std::shared_ptr<const CapturePlayback> playback)
{
    m_progress->reset();
    if (m_reloading) {
        if (m_target)
            m_target->setPlayback(std::move(playback));
        deleteLater();
        return;
    }
    auto *window = new CaptureWindow(std::move(playback), QFileInfo(m_path).fileName());
    window->setSource(m_path, m_keys);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    emit opened(window);
    deleteLater();
}

void CaptureOpener::onFailed(const QString &reason)
{
    m_progress->reset();
    if (!m_cancelled)
        QMessageBox::warning(m_parent, tr("Open capture"),
                             tr("Could not open the capture:\n%1").arg(reason));
    emit failed(reason);
    deleteLater();
}

wire::Keyring CaptureOpener::keyringOf(const QStringList &base64Keys)
{
    wire::Keyring keyring;
    for (const QString &key : base64Keys) {
        const QByteArray bytes = QByteArray::fromBase64(key.trimmed().toLatin1());
        (void)keyring.addKey(wire::Bytes(bytes.begin(), bytes.end()));
    }
    return keyring;
}

void CaptureOpener::chooseAndOpen(const wire::Keyring &keys, QWidget *parent)
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        parent, tr("Open capture"), settings.value(kLastFolderKey).toString(),
        tr("Captures (*.pcap *.pcapng *.cap *.dmp);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(kLastFolderKey, QFileInfo(path).absolutePath());
    new CaptureOpener(path, keys, parent);
}

} // namespace grapevine::ui
