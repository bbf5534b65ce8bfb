// traffic_rates.cpp — see the header.
#include "ui/models/traffic_rates.h"

#include <QSet>

#include <algorithm>

namespace grapevine::ui {

QString TrafficRates::leadingType(const PacketTrace &trace)
{
    if (!trace.error.isEmpty())
        return QStringLiteral("malformed");
    return trace.messages.isEmpty() ? QStringLiteral("unknown") : typeLabel(trace.messages.first());
}

void TrafficRates::add(const PacketTrace &trace)
{
    const qint64 second = trace.timeNs / 1'000'000'000;
    if (m_seconds.empty() || second > m_seconds.back().second + kSeconds) {
        m_seconds.clear(); // the first packet, or a long silence: start over
        m_seconds.push_back(Second{second, {}});
    }
    while (m_seconds.back().second < second) // seconds without traffic count as zero
        m_seconds.push_back(Second{m_seconds.back().second + 1, {}});
    while (m_seconds.size() > std::size_t(kSeconds))
        m_seconds.pop_front();
    const qint64 index = second - m_seconds.front().second;
    if (index < 0)
        return; // older than the window
    Count &count = m_seconds[std::size_t(index)].byType[leadingType(trace)];
    ++count.packets;
    count.bytes += trace.raw.size();
}

QStringList TrafficRates::types() const
{
    QSet<QString> seen;
    for (const Second &s : m_seconds)
        for (auto it = s.byType.cbegin(); it != s.byType.cend(); ++it)
            seen.insert(it.key());
    QStringList sorted(seen.begin(), seen.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

QList<QPointF> TrafficRates::packetsPerSecond(const QString &type, qint64 nowMs) const
{
    return series(type, false, nowMs);
}

QList<QPointF> TrafficRates::bytesPerSecond(const QString &type, qint64 nowMs) const
{
    return series(type, true, nowMs);
}

QList<QPointF> TrafficRates::series(const QString &type, bool bytes, qint64 nowMs) const
{
    QList<QPointF> points;
    const qint64 now = nowMs / 1000; // the second under way is not whole yet
    const qint64 first =
        std::max(now - kSeconds, m_seconds.empty() ? now : m_seconds.front().second);
    for (qint64 second = first; second < now; ++second) {
        Count count;
        if (!m_seconds.empty() && second >= m_seconds.front().second &&
            second <= m_seconds.back().second)
            count = m_seconds[std::size_t(second - m_seconds.front().second)].byType.value(type);
        points << QPointF(qreal(second) * 1000.0, qreal(bytes ? count.bytes : count.packets));
    }
    return points;
}

} // namespace grapevine::ui
