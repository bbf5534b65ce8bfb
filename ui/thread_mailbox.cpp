#include "ui/thread_mailbox.h"

#include <condition_variable>

namespace grapevine::ui {

ThreadMailbox::ThreadMailbox(QObject *parent)
    : QObject(parent)
{
    connect(this, &ThreadMailbox::wake, this, &ThreadMailbox::drain, Qt::QueuedConnection);
}

ThreadMailbox::~ThreadMailbox()
{
    // Taken once more so ThreadSanitizer sees every post and drain, made by a thread that may
    // have ended since (QThread::wait is invisible to it), happen before this destruction.
    const std::lock_guard lock(m_mutex);
    m_queue.clear(); // functions never run: their thread is gone or stopping
}

void ThreadMailbox::post(std::function<void()> work)
{
    // The wake-up is sent under the lock too: emitting reads this object, and whoever
    // destroys the mailbox takes the lock first, so that read is seen to come before.
    // No deadlock: the connection is queued, drain() runs later from the event loop.
    const std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_queue.empty();
    m_queue.push_back(std::move(work));
    if (wasEmpty)
        emit wake(); // a drain already pending takes this one too
}

void ThreadMailbox::call(const std::function<void()> &work)
{
    std::mutex mutex;
    std::condition_variable doneChanged;
    bool done = false;
    post([&] {
        work();
        const std::lock_guard lock(mutex);
        done = true;
        doneChanged.notify_one();
    });
    std::unique_lock lock(mutex);
    doneChanged.wait(lock, [&done] { return done; });
}

void ThreadMailbox::drain()
{
    // One at a time: a function that spins a nested event loop (a modal dialog) drains the
    // rest from inside it, and the order stays the order of posting.
    for (;;) {
        std::function<void()> work;
        {
            const std::lock_guard lock(m_mutex);
            if (m_queue.empty())
                return;
            work = std::move(m_queue.front());
            m_queue.pop_front();
        }
        work();
    }
}

} // namespace grapevine::ui
