// thread_mailbox.h — hands work to the thread an object lives in, through a synchronisation
// ThreadSanitizer can see. Why not a queued signal with arguments or an invokeMethod lambda:
// the sending thread copies those arguments into Qt's event and the receiver reads them;
// the hand-over is Qt's own (uninstrumented) mutex, invisible to TSan, so every value that
// crosses threads would read as a race and real races would drown among them.
// Owns: a FIFO of functions under a std::mutex. post() from any thread; the functions run in
// the mailbox's thread, in the order they were posted. The wake-up is a queued signal with no
// arguments (it carries nothing of ours), emitted only when the queue was empty, so a burst
// of posts costs one event.
// Never: runs a function in the posting thread. Callers never call() from the mailbox's own
// thread (it would wait for itself) and never delete the mailbox from a posted function.
#pragma once

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <mutex>
#include <type_traits>

namespace grapevine::ui {

class ThreadMailbox : public QObject {
    Q_OBJECT
public:
    explicit ThreadMailbox(QObject *parent = nullptr);
    ~ThreadMailbox() override;

    // Any thread: `work` runs later in this object's thread.
    void post(std::function<void()> work);
    // Any other thread: runs `work` in this object's thread and waits until it returned.
    // Everything it wrote is visible to the caller afterwards (the wait is a std::mutex).
    void call(const std::function<void()> &work);

signals:
    void wake(); // no arguments on purpose (see the header comment)

private:
    void drain();

    std::mutex m_mutex;
    std::deque<std::function<void()>> m_queue;
};

// Calls `slot` in `mailbox`'s thread with copies of each `signal`'s arguments, while
// `context` lives: the signal is caught in the sender's thread (a direct connection) and only
// the mailbox carries the copies. Connect in the sender's thread or before that thread runs,
// so the connection itself is published through an edge ThreadSanitizer sees too.
template <typename Sender, typename... SignalArgs, typename Slot>
void relay(Sender *sender, void (Sender::*signal)(SignalArgs...), ThreadMailbox *mailbox,
           QObject *context, Slot slot)
{
    QObject::connect(
        sender, signal, sender,
        [mailbox, guard = QPointer<QObject>(context), slot](SignalArgs... args) {
            mailbox->post([guard, slot, ... values = std::decay_t<SignalArgs>(args)] {
                if (guard)
                    slot(values...);
            });
        },
        Qt::DirectConnection);
}

} // namespace grapevine::ui
