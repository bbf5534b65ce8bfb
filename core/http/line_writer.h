// line_writer.h — LineWriter: lines to a file descriptor (stdout) from a thread of its own,
// so a slow reader of the event log never blocks the node's event loop (gossip, timers,
// the HTTP API). Owns a bounded queue: a line that does not fit is dropped and counted,
// never waited for. Never: reorders lines, or splits one line between two writers' output
// (a line of up to PIPE_BUF bytes is one write).
#pragma once

#include <QByteArray>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

namespace grapevine::http {

class LineWriter {
public:
    // 1 MiB: some 5,000 events, several seconds of a busy 100-node cluster's event output.
    static constexpr std::size_t kDefaultCapacity = 1 << 20;

    explicit LineWriter(int fd, std::size_t capacityBytes = kDefaultCapacity);
    // Gives the queue up to a second to drain (a reader that keeps up loses nothing at exit),
    // then stops.
    ~LineWriter();
    LineWriter(const LineWriter &) = delete;
    LineWriter &operator=(const LineWriter &) = delete;

    // Queues the line; false (and counted in dropped()) when the queue is full.
    bool write(const QByteArray &line);
    // Waits until every queued line is written or `timeoutMs` passes; true if drained.
    bool drain(int timeoutMs);

    [[nodiscard]] std::uint64_t written() const { return m_written.load(); }
    [[nodiscard]] std::uint64_t dropped() const { return m_dropped.load(); }

private:
    void run();
    bool writeAll(const QByteArray &line); // false: stopping, or the descriptor failed

    int m_fd;
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QByteArray> m_queue;
    std::size_t m_queuedBytes = 0;
    bool m_busy = false; // a line taken off the queue is being written
    std::atomic<bool> m_stop{false};
    std::atomic<std::uint64_t> m_written{0}, m_dropped{0};
    std::thread m_thread; // last: starts once the rest exists
};

} // namespace grapevine::http
