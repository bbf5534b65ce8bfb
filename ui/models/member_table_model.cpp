#include "ui/models/member_table_model.h"

#include "ui/widgets/serf_panel.h"

#include "ui/models/display_format.h"

#include <QDateTime>
#include <QFont>

namespace grapevine::ui {

MemberTableModel::MemberTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &MemberTableModel::tick);
    m_tick.start();
}

int MemberTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int MemberTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant MemberTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MemberSnapshot &m = m_members.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(m, column);
    case SortRole:
        return sortData(m, column);
    case NameRole:
        return m.name;
    case StateRole:
        return int(m.state);
    case Qt::ForegroundRole:
        if (column == Column::State)
            return stateColor(m.state);
        if (column == Column::Value && !m.heldVersion.isNull() && m.heldVersion == m_localVersion)
            return stateColor(MemberState::Alive);
        return {};
    case Qt::DecorationRole:
        return column == Column::State ? QVariant(stateColor(m.state)) : QVariant();
    case Qt::FontRole:
        if (m.isSelf && column == Column::Name) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(m, column);
    case Qt::TextAlignmentRole:
        if (column == Column::Incarnation || column == Column::Rtt)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant MemberTableModel::displayData(const MemberSnapshot &m, Column column) const
{
    switch (column) {
    case Column::Name:
        return m.isSelf ? tr("%1 (you)").arg(m.name) : m.name;
    case Column::Address:
        return QStringLiteral("%1:%2").arg(m.address, QString::number(m.port));
    case Column::State:
        return m.reaped ? tr("%1 (reaped)").arg(stateText(m.state)) : stateText(m.state);
    case Column::Incarnation:
        return m.incarnation;
    case Column::Rtt:
        // A dead or departed member's last RTT is history, not a measurement.
        if (m.isSelf || m.rttUs < 0 || !isLive(m.state))
            return QStringLiteral("—");
        return elapsedText(m.rttUs);
    case Column::Value:
        return valueText(m);
    case Column::Meta:
        return metaText(m);
    case Column::InState:
        return durationText(m_clock() - m.stateSinceMs);
    case Column::Suspicion:
        return suspicionText(m);
    case Column::Tags:
        return m.hasTags ? tagsText(m.tags) : QString();
    case Column::EstimatedRtt:
        return m.estimatedRttUs < 0 ? QStringLiteral("—") : elapsedText(m.estimatedRttUs);
    case Column::Count:
        break;
    }
    return {};
}

QVariant MemberTableModel::sortData(const MemberSnapshot &m, Column column) const
{
    switch (column) {
    case Column::State:
        return int(m.state);
    case Column::Incarnation:
        return m.incarnation;
    case Column::Rtt:
        return m.rttUs;
    case Column::Value:
        return m.heldVersion.lamport;
    case Column::InState:
        return m.stateSinceMs;
    case Column::Suspicion:
        return m.suspicionDeadlineMs;
    case Column::EstimatedRtt:
        return m.estimatedRttUs;
    default:
        return displayData(m, column);
    }
}

QString MemberTableModel::valueText(const MemberSnapshot &m) const
{
    if (m.heldVersion.isNull())
        return m_localVersion.isNull() ? tr("no value yet") : tr("none");
    if (m.heldVersion == m_localVersion)
        return tr("✓ converged");
    const bool behind = m.heldVersion < m_localVersion;
    return behind ? tr("behind (%1)").arg(versionText(m.heldVersion))
                  : tr("ahead (%1)").arg(versionText(m.heldVersion));
}

QVariant MemberTableModel::toolTip(const MemberSnapshot &m, Column column) const
{
    if (column == Column::Meta)
        return QString::fromLatin1(m.meta.toHex(' '));
    if (column == Column::Tags && m.hasTags)
        return tagsText(m.tags).replace(QStringLiteral(", "), QStringLiteral("\n"));
    if (column == Column::State && m.reaped)
        return tr("memberlist has reaped this member; Serf keeps listing it as %1 until its "
                  "own reaper drops it (24 h by default), so a late force-leave still shows")
            .arg(m.state == MemberState::Left ? tr("left") : tr("failed"));
    if (column != Column::Value || m.heldVersion.isNull())
        return {};
    // Members advertise only the version they hold; its text is known when it is ours.
    if (m.heldVersion == m_localVersion && !m_localValue.isNull())
        return tr("Holds version %1: “%2”").arg(versionText(m.heldVersion), m_localValue);
    return tr("Holds version %1").arg(versionText(m.heldVersion));
}

QString MemberTableModel::suspicionText(const MemberSnapshot &m) const
{
    if (m.state != MemberState::Suspect)
        return {};
    const qint64 leftMs = qMax<qint64>(0, m.suspicionDeadlineMs - m_clock());
    return tr("%1 s left, %2/%3 confirmations")
        .arg(double(leftMs) / 1000.0, 0, 'f', 1)
        .arg(m.confirmations)
        .arg(m.confirmationsWanted);
}

QString MemberTableModel::metaText(const MemberSnapshot &m) const
{
    if (m.meta.isEmpty())
        return {};
    if (m.hasTags) // Serf tags: decoded in the Tags column
        return tr("Serf tags (%1 bytes)").arg(m.meta.size());
    // Our own metadata is text; other programs' may be binary.
    const QString text = QString::fromUtf8(m.meta);
    for (const QChar c : text) {
        if (!c.isPrint())
            return tr("%1 bytes").arg(m.meta.size());
    }
    return text;
}

QVariant MemberTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return headerToolTip(Column(section));
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Address:
        return tr("Address");
    case Column::State:
        return tr("State");
    case Column::Incarnation:
        return tr("Inc.");
    case Column::Rtt:
        return tr("RTT");
    case Column::Value:
        return tr("Value");
    case Column::Meta:
        return tr("Metadata");
    case Column::Tags:
        return tr("Tags");
    case Column::EstimatedRtt:
        return tr("Est. RTT");
    case Column::InState:
        return tr("In state");
    case Column::Suspicion:
        return tr("Suspicion");
    case Column::Count:
        break;
    }
    return {};
}

QString MemberTableModel::headerToolTip(Column column)
{
    switch (column) {
    case Column::Name:
        return tr("The member's node name (unique in a cluster); bold is this node");
    case Column::Address:
        return tr("The gossip address it advertises (UDP and TCP, IP:port)");
    case Column::State:
        return tr("alive, suspect (a probe went unanswered), dead (suspicion timed out) or "
                  "left (said goodbye), as this node sees it");
    case Column::Incarnation:
        return tr("Incarnation: the member's own counter; it raises it to refute a suspicion, "
                  "and the higher one wins");
    case Column::Rtt:
        return tr("Round-trip time of this node's last direct probe to it (ping to ack)");
    case Column::Value:
        return tr("The shared value version the member advertises in its metadata: "
                  "✓ converged when it is the one this node holds");
    case Column::Meta:
        return tr("The member's metadata (at most 512 bytes), decoded when it is Grapevine's");
    case Column::Tags:
        return tr("Serf mode: the member's tags (Serf's metadata), key=value");
    case Column::EstimatedRtt:
        return tr("Serf mode: the round-trip time the member's Vivaldi network coordinate "
                  "predicts from this node's own coordinate");
    case Column::InState:
        return tr("How long it has been in its current state");
    case Column::Suspicion:
        return tr("While suspect: time left before it is declared dead, and the independent "
                  "confirmations received (each one shortens the timeout, Lifeguard)");
    case Column::Count:
        break;
    }
    return {};
}

void MemberTableModel::applyChange(MemberChange change, const MemberSnapshot &member)
{
    if (change == MemberChange::Removed)
        remove(member.name);
    else
        upsert(member);
}

void MemberTableModel::upsert(const MemberSnapshot &member)
{
    const auto it = m_rowByName.constFind(member.name);
    if (it == m_rowByName.cend()) {
        const int row = int(m_members.size());
        beginInsertRows({}, row, row);
        m_members.append(member);
        m_rowByName.insert(member.name, row);
        endInsertRows();
        return;
    }
    // Only the changed span: a sorted proxy re-sorts a row only when its sort column changed.
    const auto [first, last] = changedSpan(m_members.at(*it), member);
    m_members[*it] = member;
    if (first >= 0)
        emit dataChanged(index(*it, first), index(*it, last));
}

std::pair<int, int> MemberTableModel::changedSpan(const MemberSnapshot &a, const MemberSnapshot &b)
{
    const bool changed[int(Column::Count)] = {
        a.name != b.name || a.isSelf != b.isSelf,
        a.address != b.address || a.port != b.port,
        a.state != b.state || a.reaped != b.reaped,
        a.incarnation != b.incarnation,
        a.rttUs != b.rttUs,
        a.heldVersion != b.heldVersion,
        a.meta != b.meta,
        a.stateSinceMs != b.stateSinceMs,
        a.state != b.state || a.confirmations != b.confirmations ||
            a.confirmationsWanted != b.confirmationsWanted ||
            a.suspicionDeadlineMs != b.suspicionDeadlineMs,
        a.tags != b.tags || a.hasTags != b.hasTags,
        a.estimatedRttUs != b.estimatedRttUs,
    };
    int first = -1;
    int last = -1;
    for (int c = 0; c < int(Column::Count); ++c) {
        if (!changed[c])
            continue;
        if (first < 0)
            first = c;
        last = c;
    }
    return {first, last};
}

void MemberTableModel::remove(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_members.removeAt(row);
    m_rowByName.remove(name);
    for (int r = row; r < m_members.size(); ++r)
        m_rowByName[m_members.at(r).name] = r;
    endRemoveRows();
}

void MemberTableModel::setLocalVersion(const ValueVersion &version)
{
    if (version == m_localVersion)
        return;
    m_localVersion = version;
    emitColumnChanged(Column::Value);
}

void MemberTableModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    tick();
}

void MemberTableModel::tick()
{
    emitColumnChanged(Column::InState);
    if (countInState(MemberState::Suspect) > 0)
        emitColumnChanged(Column::Suspicion);
}

void MemberTableModel::emitColumnChanged(Column column)
{
    if (m_members.isEmpty())
        return;
    const int c = int(column);
    emit dataChanged(index(0, c), index(int(m_members.size()) - 1, c), {Qt::DisplayRole});
}

int MemberTableModel::rowOf(const QString &name) const
{
    return m_rowByName.value(name, -1);
}

bool MemberTableModel::isLive(MemberState state)
{
    return state == MemberState::Alive || state == MemberState::Suspect;
}

int MemberTableModel::countInState(MemberState state) const
{
    return int(std::count_if(m_members.cbegin(), m_members.cend(),
                             [state](const MemberSnapshot &m) { return m.state == state; }));
}

int MemberTableModel::convergedCount() const
{
    return int(std::count_if(m_members.cbegin(), m_members.cend(), [this](const MemberSnapshot &m) {
        return isLive(m.state) && m.heldVersion == m_localVersion;
    }));
}

} // namespace grapevine::ui
