// tap_worker.h — the window's passive live capture: a LiveTap read on its own thread, each
// frame through the same CaptureDecoder as a file, handed to the window in batches (one
// signal per 100 ms, never one per packet; the window relays it through its ThreadMailbox)
// as the PacketTrace and MemberSnapshot values a live node sends. Sends nothing; its stop flag ends
// it within the tap's poll interval.
#pragma once

#include "core/capture/capture_decoder.h"
#include "core/node/node_types.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace grapevine::ui {

class TapWorker : public QObject {
    Q_OBJECT
public:
    static constexpr int kBatchMs = 100;

    TapWorker(QString interface, capture::DecodeOptions options, QObject *parent = nullptr);

    // Set it (from any thread) to stop run(). Shared, so the window can hold it without
    // touching the worker, which its own thread deletes when it ends.
    [[nodiscard]] std::shared_ptr<std::atomic<bool>> stopFlag() const { return m_stop; }

public slots:
    // Runs until stop(): emits tapping() once the tap is open (or failed() if it cannot be),
    // then batches.
    void run();

signals:
    void tapping(const QString &filter);
    void failed(const QString &reason);
    void batch(const QList<grapevine::PacketTrace> &packets,
               const QList<grapevine::MemberSnapshot> &members);

private:
    QString m_interface;
    capture::DecodeOptions m_options;
    std::shared_ptr<std::atomic<bool>> m_stop = std::make_shared<std::atomic<bool>>(false);
};

} // namespace grapevine::ui
