// graceful_close.h — closing the window leaves the cluster first, as grapevine-agent does on
// SIGTERM: the first close asks the node to leave and keeps the window open until the node
// reports the leave finished, or a bounded wait runs out; only then does the window close.
// Peers so see the node "left" at once instead of suspecting it and declaring it dead.
// A second close while leaving closes at once: the user chose not to wait.
// Never: talks to the Node itself; it emits leaveRequested, which the window forwards.
#pragma once

#include <QObject>

class QTimer;
class QWidget;

namespace grapevine::ui {

class GracefulClose : public QObject {
    Q_OBJECT
public:
    // Longer than the engine's own leave wait on the LAN profile (3 probe intervals), short
    // enough that a window on a broken network still closes soon.
    static constexpr int kDefaultGuardMs = 5000;

    enum class Phase {
        Out,     // not started, or left: a close closes
        Member,  // in the cluster: a close leaves first
        Leaving, // a close is waiting for the leave
        Closing, // the leave finished (or the wait ran out): the next close is the real one
    };

    explicit GracefulClose(QWidget *window, int guardMs = kDefaultGuardMs);

    [[nodiscard]] Phase phase() const { return m_phase; }
    void setMember(bool member); // the node started or joined (true), or left (false)

    // From the window's closeEvent: true means "ignore this close, a leave is under way".
    [[nodiscard]] bool deferClose();
    void onLeaveFinished();
    // The bounded wait ran out. Public so tests can drive it instead of waiting on a timer.
    void expireGuard();

signals:
    void leaveRequested();

private:
    void closeNow();

    QWidget *m_window;
    QTimer *m_guard;
    Phase m_phase = Phase::Out;
};

} // namespace grapevine::ui
