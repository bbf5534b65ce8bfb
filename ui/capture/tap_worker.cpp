#include "ui/capture/tap_worker.h"

#include "core/capture/live_tap.h"
#include "ui/capture/capture_playback.h"

#include <QElapsedTimer>

namespace grapevine::ui {

TapWorker::TapWorker(QString interface, capture::DecodeOptions options, QObject *parent)
    : QObject(parent)
    , m_interface(std::move(interface))
    , m_options(std::move(options))
{
}

void TapWorker::run()
{
    auto tap = capture::LiveTap::open(m_interface.toStdString(), m_options.ports, "grapevine");
    if (!tap) {
        emit failed(QString::fromStdString(tap.error().message));
        return;
    }
    emit tapping(QString::fromStdString(capture::LiveTap::filterFor(m_options.ports)));
    capture::CaptureDecoder decoder(m_options);
    capture::CapturedFrame frame;
    QList<PacketTrace> packets;
    std::size_t changesSent = 0;
    QElapsedTimer sinceBatch;
    sinceBatch.start();
    while (!*m_stop) {
        const auto status = (*tap)->next(frame);
        if (status == capture::LiveTap::Status::Failed) {
            emit failed(QString::fromStdString((*tap)->error()));
            return;
        }
        if (status == capture::LiveTap::Status::Frame) {
            decoder.handleFrame(frame);
            for (const capture::CaptureRecord &record : decoder.drainRecords())
                packets.append(CapturePlayback::toTrace(record));
        }
        if (sinceBatch.elapsed() < kBatchMs)
            continue;
        const auto &changes = decoder.membership().changes();
        QList<MemberSnapshot> members;
        for (; changesSent < changes.size(); ++changesSent)
            members.append(CapturePlayback::toSnapshot(changes[changesSent].member));
        if (!packets.isEmpty() || !members.isEmpty())
            emit batch(packets, members);
        packets.clear();
        sinceBatch.restart();
    }
}

} // namespace grapevine::ui
