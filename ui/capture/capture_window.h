// capture_window.h — a capture played back in the same views as a live node: the packet
// log (LogPane over a GossipLogModel), the member table (MemberTableModel) with the selected
// member's history beneath it, and the cluster view, moved through time by a scrubber with
// play/pause and speed. The views get the same value types a live node sends; nothing here
// knows a capture from a live cluster but the scrubber.
#pragma once

#include "core/wire/keyring.h"
#include "ui/capture/capture_playback.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QToolButton;

namespace grapevine::ui {

class CaptureMemberHistory;
class ClusterView;
class GossipLogModel;
class LogPane;
class MemberTableModel;

class CaptureWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int kSliderSteps = 1000;
    static constexpr int kPlayTickMs = 50;

    CaptureWindow(std::shared_ptr<const CapturePlayback> playback, const QString &title,
                  QWidget *parent = nullptr);

    // The file and keys the playback came from: "Log from here" reads it again.
    void setSource(const QString &path, const wire::Keyring &keys);
    [[nodiscard]] const QString &path() const { return m_path; }
    [[nodiscard]] const wire::Keyring &keys() const { return m_keys; }
    // The same capture with other rows kept (a reload): the views stay at the current time.
    void setPlayback(std::shared_ptr<const CapturePlayback> playback);
    // Reloads the log so its rows start at the current time (a capture bigger than the
    // rows kept); membership and scrubber still cover the whole capture.
    void keepLogFromHere();
    // "showing packets X–Y of Z".
    [[nodiscard]] QString rangeText() const;

    // Shows the capture as it stood at `timeNs` (clamped to the capture's span).
    void showAt(qint64 timeNs);
    void setPlaying(bool playing);

    [[nodiscard]] qint64 currentTimeNs() const { return m_timeNs; }
    [[nodiscard]] const CapturePlayback &playback() const { return *m_playback; }
    [[nodiscard]] MemberTableModel *members() const { return m_members; }
    [[nodiscard]] GossipLogModel *log() const { return m_log; }
    [[nodiscard]] LogPane *logPane() const { return m_logPane; }
    [[nodiscard]] CaptureMemberHistory *memberHistory() const { return m_history; }

private:
    QWidget *buildScrubber();
    void buildLayout();
    void showMembers(qint64 timeNs);
    void showPackets(qint64 timeNs, bool animate);
    void onPlayTick();
    void updateTimeLabel();
    void updateStatus();

    std::shared_ptr<const CapturePlayback> m_playback;
    GossipLogModel *m_log;
    MemberTableModel *m_members;
    ClusterView *m_cluster = nullptr;
    CaptureMemberHistory *m_history = nullptr;
    LogPane *m_logPane = nullptr;
    QSlider *m_slider = nullptr;
    QToolButton *m_play = nullptr;
    QComboBox *m_speed = nullptr;
    QLabel *m_time = nullptr;
    QPushButton *m_fromHere = nullptr;
    QLabel *m_range = nullptr;
    QString m_path;
    wire::Keyring m_keys;
    QTimer m_playTimer;
    qint64 m_timeNs = 0;
    std::size_t m_shownPackets = 0; // packets [0, m_shownPackets) are in the log
};

} // namespace grapevine::ui
