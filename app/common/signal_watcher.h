// signal_watcher.h — SignalWatcher: SIGINT/SIGTERM delivered to the Qt event loop.
// The POSIX handler only writes the signal number to a socketpair (async-signal-safe); a
// QSocketNotifier reads it in the event loop and emits `received`. One instance per process.
// Shared by grapevine-agent and the grapevine window: both leave the cluster on a signal.
#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <memory>

namespace grapevine::app {

class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    // Installs the handlers; false (with *error) if the socketpair cannot be made. A signal
    // this process inherited as ignored stays ignored: a shell starts background jobs with
    // SIGINT ignored so that Ctrl-C reaches only the script, which then stops its children
    // itself (scripts/demo.sh sends SIGTERM); catching it too would count as a second signal.
    bool watch(std::initializer_list<int> signalNumbers, QString *error);

signals:
    void received(int signal);

private:
    void onReadable();

    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace grapevine::app
