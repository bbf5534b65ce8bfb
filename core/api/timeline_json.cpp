// timeline_json.cpp — see the header.
#include "timeline_json.h"

namespace grapevine::api {

namespace {

void addSuspicion(QJsonObject &json, const TimelineEntry &e)
{
    json.insert(QStringLiteral("incarnation"), qint64(e.incarnation));
    json.insert(QStringLiteral("confirmations"), e.confirmations);
    json.insert(QStringLiteral("confirmations_wanted"), e.confirmationsWanted);
    json.insert(QStringLiteral("timeout_ms"), e.timeoutMs);
    json.insert(QStringLiteral("deadline_ms"), e.deadlineMs);
}

void addKindFields(QJsonObject &json, const TimelineEntry &e)
{
    switch (e.kind) {
    case TimelineKind::ProbeSent:
        json.insert(QStringLiteral("path"), probeRouteName(e.route));
        break;
    case TimelineKind::AckReceived:
        json.insert(QStringLiteral("path"), probeRouteName(e.route));
        json.insert(QStringLiteral("rtt_us"), e.rttUs);
        break;
    case TimelineKind::ProbeFailed:
        json.insert(QStringLiteral("nacks"), e.nacks);
        json.insert(QStringLiteral("relays_asked"), e.relaysAsked);
        break;
    case TimelineKind::SuspicionRaised:
    case TimelineKind::SuspicionConfirmed:
        addSuspicion(json, e);
        break;
    case TimelineKind::Refuted:
    case TimelineKind::Rejoined:
    case TimelineKind::DeclaredDead:
    case TimelineKind::Left:
        json.insert(QStringLiteral("incarnation"), qint64(e.incarnation));
        break;
    case TimelineKind::HealthChanged:
        json.insert(QStringLiteral("health"), e.health);
        json.insert(QStringLiteral("health_before"), e.healthBefore);
        json.insert(QStringLiteral("cause"), healthCauseName(e.cause));
        break;
    case TimelineKind::AckMissed:
    case TimelineKind::IndirectProbeSent:
    case TimelineKind::NackReceived:
        break;
    }
}

} // namespace

QJsonObject timelineEntryToJson(const TimelineEntry &entry)
{
    QJsonObject json{{QStringLiteral("t_ms"), entry.timeMs},
                     {QStringLiteral("ev"), timelineKindName(entry.kind)}};
    if (!entry.peer.isEmpty())
        json.insert(QStringLiteral("peer"), entry.peer);
    addKindFields(json, entry);
    return json;
}

QJsonArray timelineToJson(const QList<TimelineEntry> &entries)
{
    QJsonArray array;
    for (const TimelineEntry &entry : entries)
        array.append(timelineEntryToJson(entry));
    return array;
}

} // namespace grapevine::api
