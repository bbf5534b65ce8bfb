// wait_until.h — bounded waiting that keeps the event loop running (process output,
// sockets), the way QTRY_VERIFY_WITH_TIMEOUT does. Never a fixed sleep: the wait ends as
// soon as the condition holds.
#pragma once

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <functional>

namespace grapevine::testing {

// Runs the event loop for up to `ms` (returns early if something quits it).
inline void pumpEvents(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Polls `condition` every `pollMs` until it holds (true) or `timeoutMs` passes (false).
// The last pump ends at the deadline, so a short wait is never rounded up to a whole poll.
inline bool waitUntil(const std::function<bool()> &condition, int timeoutMs, int pollMs = 100)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        pumpEvents(int(std::min<qint64>(pollMs, std::max<qint64>(1, deadline.remainingTime()))));
    }
    return true;
}

} // namespace grapevine::testing
