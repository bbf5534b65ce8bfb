// capture_loader.h — reads and decodes a capture file off the window's thread, reporting
// progress, and stops early when cancelled. The result is a CapturePlayback handed over
// whole (a signal the opener relays through its ThreadMailbox): the window never touches it
// while it is being built.
#pragma once

#include "core/capture/capture_decoder.h"
#include "ui/capture/capture_playback.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace grapevine::ui {

class CaptureLoader : public QObject {
    Q_OBJECT
public:
    // The playback keeps at most `maxPackets` rows, the first at or after `keepFromNs`.
    CaptureLoader(QString path, capture::DecodeOptions options, qint64 keepFromNs = 0,
                  std::size_t maxPackets = CapturePlayback::kMaxPackets, QObject *parent = nullptr);

    // load() returns soon after. The flag is shared so another thread can hold it without
    // touching the loader, which its own thread deletes when it ends.
    void cancel() { *m_cancelled = true; }
    [[nodiscard]] std::shared_ptr<std::atomic<bool>> cancelFlag() const { return m_cancelled; }

public slots:
    // Runs in the loader's thread: emits progressed() as it goes, then exactly one of
    // loaded() / failed().
    void load();

signals:
    void progressed(qint64 bytesRead, qint64 bytesTotal);
    void loaded(std::shared_ptr<const grapevine::ui::CapturePlayback> playback);
    void failed(const QString &reason);

private:
    QString m_path;
    capture::DecodeOptions m_options;
    qint64 m_keepFromNs;
    std::size_t m_maxPackets;
    std::shared_ptr<std::atomic<bool>> m_cancelled = std::make_shared<std::atomic<bool>>(false);
};

} // namespace grapevine::ui
