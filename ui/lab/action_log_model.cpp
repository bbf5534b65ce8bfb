#include "action_log_model.h"

#include <QBrush>
#include <QPalette>

namespace grapevine::ui {

ActionLogModel::ActionLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ActionLogModel::setActions(const QStringList &lines, int applied)
{
    const bool appended = lines.size() >= m_lines.size() && lines.mid(0, m_lines.size()) == m_lines;
    if (!appended) {
        beginResetModel();
        m_lines = lines;
        m_applied = applied;
        endResetModel();
        return;
    }
    if (lines.size() > m_lines.size()) {
        beginInsertRows({}, int(m_lines.size()), int(lines.size()) - 1);
        m_lines = lines;
        endInsertRows();
    }
    if (applied != m_applied && !m_lines.isEmpty()) {
        const int first = std::clamp(std::min(applied, m_applied), 0, int(m_lines.size()) - 1);
        const int last = std::clamp(std::max(applied, m_applied), 0, int(m_lines.size()) - 1);
        m_applied = applied;
        emit dataChanged(index(first, 0), index(last, int(Column::Count) - 1),
                         {Qt::ForegroundRole});
    }
    m_applied = applied;
}

int ActionLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int ActionLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant ActionLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    if (role == Qt::ForegroundRole && index.row() >= m_applied)
        return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
    if (role != Qt::DisplayRole)
        return {};
    const QString &line = m_lines[index.row()];
    const qsizetype split = line.indexOf(QStringLiteral("  "));
    if (Column(index.column()) == Column::Time)
        return line.left(split);
    return line.mid(split + 2);
}

QVariant ActionLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return Column(section) == Column::Time ? tr("Time") : tr("Action");
}

} // namespace grapevine::ui
