// member_timeline_model.cpp — see the header.
#include "ui/models/member_timeline_model.h"

#include "ui/models/display_format.h"
#include "ui/models/why_sentence.h"

#include <QColor>
#include <QDateTime>

namespace grapevine::ui {

MemberTimelineModel::MemberTimelineModel(QObject *parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{
}

int MemberTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int MemberTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant MemberTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEntry &e = m_entries.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == int(Column::Step)) {
        switch (e.kind) {
        case TimelineKind::AckMissed:
        case TimelineKind::ProbeFailed:
        case TimelineKind::SuspicionRaised:
        case TimelineKind::SuspicionConfirmed:
            return QColor(0xe0, 0x9b, 0x14);
        case TimelineKind::DeclaredDead:
            return QColor(0xc0, 0x39, 0x2b);
        case TimelineKind::Refuted:
        case TimelineKind::Rejoined:
            return QColor(0x27, 0x8e, 0x43);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Column::Time:
        return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    case Column::Step:
        return stepText(e.kind);
    case Column::Peer:
        return e.peer;
    case Column::Detail:
        return detailText(e);
    case Column::Count:
        break;
    }
    return {};
}

QVariant MemberTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Step:
        return tr("Step");
    case Column::Peer:
        return tr("Via / by");
    case Column::Detail:
        return tr("Detail");
    case Column::Count:
        break;
    }
    return {};
}

void MemberTimelineModel::setMember(const QString &member, const QList<TimelineEntry> &entries)
{
    beginResetModel();
    m_member = member;
    m_entries.clear();
    for (const TimelineEntry &e : entries)
        if (shows(e))
            m_entries.append(e);
    if (m_entries.size() > m_capacity)
        m_entries.remove(0, m_entries.size() - m_capacity);
    endResetModel();
}

void MemberTimelineModel::setKinds(const QList<TimelineKind> &kinds)
{
    m_kinds = kinds;
}

void MemberTimelineModel::append(const TimelineEntry &entry)
{
    if (m_member.isEmpty() || entry.member != m_member || !shows(entry))
        return;
    if (m_entries.size() >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

void MemberTimelineModel::clear()
{
    setMember({}, {});
}

bool MemberTimelineModel::shows(const TimelineEntry &entry) const
{
    return m_kinds.isEmpty() || m_kinds.contains(entry.kind);
}

QString MemberTimelineModel::stepText(TimelineKind kind)
{
    switch (kind) {
    case TimelineKind::ProbeSent:
        return tr("probe sent");
    case TimelineKind::AckReceived:
        return tr("ack");
    case TimelineKind::AckMissed:
        return tr("ack missed");
    case TimelineKind::IndirectProbeSent:
        return tr("indirect probe");
    case TimelineKind::NackReceived:
        return tr("nack");
    case TimelineKind::ProbeFailed:
        return tr("probe failed");
    case TimelineKind::SuspicionRaised:
        return tr("suspected");
    case TimelineKind::SuspicionConfirmed:
        return tr("confirmed");
    case TimelineKind::Refuted:
        return tr("refuted");
    case TimelineKind::Rejoined:
        return tr("rejoined");
    case TimelineKind::DeclaredDead:
        return tr("declared dead");
    case TimelineKind::Left:
        return tr("left");
    case TimelineKind::HealthChanged:
        return tr("health");
    }
    return {};
}

QString MemberTimelineModel::detailText(const TimelineEntry &e)
{
    switch (e.kind) {
    case TimelineKind::ProbeSent:
        return e.route == ProbeRoute::Tcp ? tr("TCP fallback") : tr("direct UDP ping");
    case TimelineKind::AckReceived:
        return tr("%1, round trip %2").arg(probeRouteName(e.route), elapsedText(e.rttUs));
    case TimelineKind::ProbeFailed:
        return tr("%1 of %2 relays sent a nack").arg(e.nacks).arg(e.relaysAsked);
    case TimelineKind::SuspicionRaised:
    case TimelineKind::SuspicionConfirmed:
        return tr("incarnation %1, %2 of %3 confirmations, timeout %4, dead at %5")
            .arg(e.incarnation)
            .arg(e.confirmations)
            .arg(e.confirmationsWanted)
            .arg(secondsText(e.timeoutMs), clockText(e.deadlineMs));
    case TimelineKind::Refuted:
    case TimelineKind::Rejoined:
    case TimelineKind::DeclaredDead:
    case TimelineKind::Left:
        return tr("incarnation %1").arg(e.incarnation);
    case TimelineKind::HealthChanged:
        return tr("score %1 → %2: %3").arg(e.healthBefore).arg(e.health).arg(causeText(e.cause));
    case TimelineKind::AckMissed:
        return tr("no direct ack in time: asking others");
    case TimelineKind::IndirectProbeSent:
        return tr("asked to ping it for us");
    case TimelineKind::NackReceived:
        return tr("the relay could not reach it either");
    }
    return {};
}

QString MemberTimelineModel::causeText(HealthCause cause)
{
    switch (cause) {
    case HealthCause::ProbeAcked:
        return tr("a probe was answered");
    case HealthCause::ProbeFailed:
        return tr("a probe failed with no relay to ask");
    case HealthCause::MissedNacks:
        return tr("relays sent fewer nacks than expected");
    case HealthCause::Refuting:
        return tr("had to refute a suspicion about itself");
    case HealthCause::None:
        break;
    }
    return {};
}

} // namespace grapevine::ui
