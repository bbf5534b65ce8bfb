// line_writer.cpp — see the header.
#include "line_writer.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <poll.h>
#include <unistd.h>

namespace grapevine::http {

namespace {
// How often a writer waiting for a full pipe checks whether it should stop.
constexpr int kPollMs = 100;
constexpr int kDrainAtExitMs = 1000;
} // namespace

LineWriter::LineWriter(int fd, std::size_t capacityBytes)
    : m_fd(fd)
    , m_capacity(capacityBytes)
    , m_thread([this] { run(); })
{
}

LineWriter::~LineWriter()
{
    drain(kDrainAtExitMs);
    m_stop = true;
    m_changed.notify_all();
    m_thread.join();
}

bool LineWriter::write(const QByteArray &line)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_queuedBytes + std::size_t(line.size()) > m_capacity) {
            ++m_dropped;
            return false;
        }
        m_queuedBytes += std::size_t(line.size());
        m_queue.push_back(line);
    }
    m_changed.notify_all();
    return true;
}

bool LineWriter::drain(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                              [this] { return m_queue.empty() && !m_busy; });
}

void LineWriter::run()
{
    for (;;) {
        QByteArray line;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                return;
            line = std::move(m_queue.front());
            m_queue.pop_front();
            m_queuedBytes -= std::size_t(line.size());
            m_busy = true;
        }
        if (writeAll(line))
            ++m_written;
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
        }
        m_changed.notify_all();
    }
}

bool LineWriter::writeAll(const QByteArray &line)
{
    const char *data = line.constData();
    auto left = static_cast<std::size_t>(line.size());
    while (left > 0) {
        // Wait for room without blocking in write(), so a stop is noticed even while the
        // reader never reads; then write at most PIPE_BUF bytes, which a pipe that polled
        // writable takes whole.
        pollfd pfd{m_fd, POLLOUT, 0};
        const int ready = ::poll(&pfd, 1, kPollMs);
        if (m_stop)
            return false;
        if (ready < 0 && errno != EINTR)
            return false;
        if (ready <= 0)
            continue;
        if (pfd.revents & (POLLERR | POLLNVAL))
            return false;
        const ssize_t n = ::write(m_fd, data, std::min<std::size_t>(left, PIPE_BUF));
        if (n < 0 && errno != EINTR && errno != EAGAIN)
            return false;
        if (n > 0) {
            data += n;
            left -= std::size_t(n);
        }
    }
    return true;
}

} // namespace grapevine::http
