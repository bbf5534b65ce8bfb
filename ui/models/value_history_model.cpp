#include "ui/models/value_history_model.h"

#include "ui/models/display_format.h"

#include <QDateTime>

namespace grapevine::ui {

ValueHistoryModel::ValueHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ValueHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_values.size());
}

int ValueHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant ValueHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ValueSnapshot &v = m_values.at(index.row());
    if (role == Qt::ToolTipRole && Column(index.column()) == Column::Value)
        return v.value;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Column::Value: {
        QString line = v.value;
        return line.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
    }
    case Column::SetBy:
        return v.version.origin;
    case Column::Version:
        return versionText(v.version);
    case Column::Applied:
        return QDateTime::fromMSecsSinceEpoch(v.updatedMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    case Column::Count:
        break;
    }
    return {};
}

QVariant ValueHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Value:
        return tr("Value");
    case Column::SetBy:
        return tr("Set by");
    case Column::Version:
        return tr("Version");
    case Column::Applied:
        return tr("Applied here");
    case Column::Count:
        break;
    }
    return {};
}

void ValueHistoryModel::record(const ValueSnapshot &value)
{
    if (value.version.isNull())
        return;
    for (const ValueSnapshot &seen : std::as_const(m_values)) {
        if (seen.version == value.version)
            return;
    }
    if (m_values.size() >= kCapacity) {
        const int last = int(m_values.size()) - 1;
        beginRemoveRows({}, last, last);
        m_values.removeLast();
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    m_values.prepend(value);
    endInsertRows();
}

} // namespace grapevine::ui
