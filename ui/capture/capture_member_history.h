// capture_member_history.h — the selected member's story in a played-back capture: every
// change the capture shows for it up to the scrubber's time (when, the state and
// incarnation it moved to, the frame that said so), and one sentence on where it stands.
// Owns: its table. Never: decodes anything; it reads the playback's membership changes.
#pragma once

#include "ui/capture/capture_playback.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace grapevine::ui {

class CaptureMemberHistory : public QWidget {
    Q_OBJECT
public:
    explicit CaptureMemberHistory(QWidget *parent = nullptr);

    // Shows `name`'s changes at or before `timeNs` ("" clears the pane).
    void show(const CapturePlayback &playback, const QString &name, qint64 timeNs);

    [[nodiscard]] const QString &member() const { return m_member; }
    [[nodiscard]] int rowCount() const;
    [[nodiscard]] QString sentence() const;

private:
    QString m_member;
    QLabel *m_sentence;
    QTableWidget *m_table;
};

} // namespace grapevine::ui
