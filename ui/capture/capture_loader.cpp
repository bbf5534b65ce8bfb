#include "ui/capture/capture_loader.h"

#include "core/capture/link_layer.h"
#include "core/capture/pcap_file.h"

namespace grapevine::ui {

namespace {

constexpr std::uint64_t kFramesPerProgress = 2048;

void takeRecords(capture::CaptureDecoder &decoder, CapturePlayback &playback)
{
    for (const capture::CaptureRecord &record : decoder.drainRecords())
        playback.addRecord(record);
}

} // namespace

CaptureLoader::CaptureLoader(QString path, capture::DecodeOptions options, qint64 keepFromNs,
                             std::size_t maxPackets, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_options(std::move(options))
    , m_keepFromNs(keepFromNs)
    , m_maxPackets(maxPackets)
{
}

void CaptureLoader::load()
{
    auto file = capture::PcapFile::open(m_path.toStdString());
    if (!file) {
        emit failed(QString::fromStdString(file.error().message));
        return;
    }
    if (!capture::supportedLinkType((*file)->linkType())) {
        emit failed(tr("%1: link type %2 is not supported")
                        .arg(m_path, QString::number((*file)->linkType())));
        return;
    }
    auto playback = std::make_shared<CapturePlayback>(m_keepFromNs, m_maxPackets);
    capture::CaptureDecoder decoder(m_options);
    capture::CapturedFrame frame;
    QString damage;
    for (;;) {
        const auto status = (*file)->next(frame);
        if (status == capture::PcapFile::Status::End)
            break;
        if (status == capture::PcapFile::Status::Failed) {
            damage = QString::fromStdString((*file)->error());
            break;
        }
        decoder.handleFrame(frame);
        takeRecords(decoder, *playback);
        if (frame.number % kFramesPerProgress == 0) {
            emit progressed(qint64((*file)->position()), qint64((*file)->size()));
            if (*m_cancelled) {
                emit failed(tr("cancelled"));
                return;
            }
        }
    }
    decoder.finish();
    takeRecords(decoder, *playback);
    playback->finish(decoder, damage);
    emit loaded(std::move(playback));
}

} // namespace grapevine::ui
