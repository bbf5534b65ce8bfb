// signal_watcher.h — SignalWatcher: SIGINT/SIGTERM delivered to the Qt event loop.
// The POSIX handler only writes the signal number to a socketpair (async-signal-safe); a
// QSocketNotifier reads it in the event loop and emits `received`. One instance per process.
#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <memory>

namespace grapevine::agent {

class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    // Installs the handlers; false (with *error) if the socketpair cannot be made.
    bool watch(std::initializer_list<int> signalNumbers, QString *error);

signals:
    void received(int signal);

private:
    void onReadable();

    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace grapevine::agent
