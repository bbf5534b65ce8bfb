// node_clock.h — the Node's monotonic clock (the engine's TimePoint = ns since start) and
// the conversion of those time points to wall-clock milliseconds for snapshots.
// Never: used below core/node; the engine only ever sees the TimePoints.
#pragma once

#include "core/protocol/config.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace grapevine {

class NodeClock {
public:
    NodeClock()
    {
        m_elapsed.start();
        m_wallAtStartMs = QDateTime::currentMSecsSinceEpoch();
    }
    [[nodiscard]] protocol::TimePoint now() const
    {
        return protocol::TimePoint(m_elapsed.nsecsElapsed());
    }
    // Not static: a node reads both its clocks from its NodeClock.
    // NOLINTNEXTLINE(readability-convert-member-functions-to-static)
    [[nodiscard]] qint64 wallMs() const { return QDateTime::currentMSecsSinceEpoch(); }
    [[nodiscard]] qint64 toWallMs(protocol::TimePoint t) const
    {
        return m_wallAtStartMs + std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
    }

private:
    QElapsedTimer m_elapsed;
    qint64 m_wallAtStartMs = 0;
};

} // namespace grapevine
