// departed_model.cpp — see the header.
#include "ui/models/departed_model.h"

#include "ui/models/display_format.h"

#include <QBrush>
#include <QDateTime>
#include <QPalette>

namespace grapevine::ui {

namespace {
QString clockText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}
} // namespace

DepartedModel::DepartedModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

int DepartedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DepartedModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant DepartedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Departure &d = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(d, Column(index.column()));
    case Qt::ForegroundRole:
        return QBrush(stateColor(d.member.state));
    case Qt::ToolTipRole:
        return tr("%1 was %2 at %3; the cluster forgot it at %4 and it left the Members list.")
            .arg(d.member.name, stateText(d.member.state), clockText(d.member.stateSinceMs),
                 clockText(d.forgottenMs));
    default:
        return {};
    }
}

QVariant DepartedModel::displayData(const Departure &d, Column column) const
{
    switch (column) {
    case Column::Name:
        return d.member.name;
    case Column::Address:
        return QStringLiteral("%1:%2").arg(d.member.address, QString::number(d.member.port));
    case Column::How:
        return tr("gone (%1 at %2)")
            .arg(stateText(d.member.state), clockText(d.member.stateSinceMs));
    case Column::Forgotten:
        return clockText(d.forgottenMs);
    case Column::Count:
        break;
    }
    return {};
}

QVariant DepartedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Column::How:
            return tr("How it went: dead (failure detection declared it) or left (it said "
                      "goodbye), and when");
        case Column::Forgotten:
            return tr("When the cluster forgot it (memberlist reaps dead and left members "
                      "after GossipToTheDeadTime, 30 s on LAN)");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Address:
        return tr("Address");
    case Column::How:
        return tr("State");
    case Column::Forgotten:
        return tr("Forgotten");
    case Column::Count:
        break;
    }
    return {};
}

void DepartedModel::record(const MemberSnapshot &member)
{
    if (member.isSelf || (member.state != MemberState::Dead && member.state != MemberState::Left))
        return;
    if (m_rows.size() >= kCapacity) {
        const int last = int(m_rows.size()) - 1;
        beginRemoveRows({}, last, last);
        m_rows.removeLast();
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend({member, m_clock()});
    endInsertRows();
}

void DepartedModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

} // namespace grapevine::ui
