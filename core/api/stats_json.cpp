// stats_json.cpp — see the header.
#include "stats_json.h"

namespace grapevine::api {

namespace {

qint64 count(quint64 n)
{
    return static_cast<qint64>(n);
}

QJsonObject sideToJson(const net::TrafficSide &side)
{
    QJsonObject types;
    for (auto it = side.messages.cbegin(); it != side.messages.cend(); ++it)
        types.insert(QString::fromLatin1(wire::messageTypeName(it.key())), count(it.value()));
    return {{QStringLiteral("packets"), count(side.packets)},
            {QStringLiteral("bytes"), count(side.bytes)},
            {QStringLiteral("messages"), types}};
}

QJsonObject countsToJson(const QMap<QString, quint64> &counts)
{
    QJsonObject object;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        object.insert(it.key(), count(it.value()));
    return object;
}

QJsonObject engineToJson(const EngineCounters &e)
{
    return {{QStringLiteral("probes"), count(e.probes)},
            {QStringLiteral("probe_failures"), count(e.probeFailures)},
            {QStringLiteral("suspicions_raised"), count(e.suspicionsRaised)},
            {QStringLiteral("refutations"), count(e.refutations)},
            {QStringLiteral("push_pulls"), count(e.pushPulls)},
            {QStringLiteral("broadcasts_queued"), count(e.broadcastsQueued)}};
}

} // namespace

QJsonObject trafficToJson(const net::TrafficCounters &traffic)
{
    const QJsonObject udp{{QStringLiteral("in"), sideToJson(traffic.udpIn)},
                          {QStringLiteral("out"), sideToJson(traffic.udpOut)}};
    const QJsonObject tcp{{QStringLiteral("in"), sideToJson(traffic.tcpIn)},
                          {QStringLiteral("out"), sideToJson(traffic.tcpOut)}};
    return {{QStringLiteral("udp"), udp},
            {QStringLiteral("tcp"), tcp},
            {QStringLiteral("malformed"), countsToJson(traffic.malformed)},
            {QStringLiteral("decrypt_failures"), countsToJson(traffic.decryptFailures)},
            {QStringLiteral("streams"), countsToJson(traffic.streams)}};
}

QJsonObject statsToJson(const NodeStats &stats)
{
    QJsonObject result = stats.traffic ? trafficToJson(*stats.traffic) : QJsonObject{};
    if (!stats.running)
        return result;
    const RunningStats &running = *stats.running;
    result.insert(QStringLiteral("engine"), engineToJson(running.engine));
    result.insert(QStringLiteral("health"), running.health);
    result.insert(QStringLiteral("members_alive"), running.membersAlive);
    result.insert(QStringLiteral("name"), running.name);
    return result;
}

} // namespace grapevine::api
