#include "infection_model.h"

namespace grapevine::ui {

InfectionModel::InfectionModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void InfectionModel::setRumor(const LabRumor &rumor)
{
    const bool sameStory = rumor.membership == m_membership && rumor.version == m_version &&
                           rumor.value == m_story && rumor.startedNs == m_startedNs &&
                           rumor.infections.size() >= m_items.size();
    if (!sameStory) {
        beginResetModel();
        m_items.clear();
        m_roots.clear();
        m_itemOfNode.clear();
        m_maxHops = 0;
        m_version = rumor.version;
        m_story = rumor.value;
        m_membership = rumor.membership;
        m_startedNs = rumor.startedNs;
        endResetModel();
    }
    for (qsizetype i = m_items.size(); i < rumor.infections.size(); ++i)
        append(rumor.infections[i]);
}

void InfectionModel::append(const LabInfection &infection)
{
    Item item;
    item.infection = infection;
    item.parent = m_itemOfNode.value(infection.from, -1);
    QList<int> &siblings = item.parent < 0 ? m_roots : m_items[item.parent].children;
    item.row = int(siblings.size());
    item.hops = item.parent < 0 ? 0 : m_items[item.parent].hops + 1;
    const int index = int(m_items.size());
    beginInsertRows(item.parent < 0 ? QModelIndex() : indexOfItem(item.parent, 0), item.row,
                    item.row);
    m_maxHops = std::max(m_maxHops, item.hops);
    m_itemOfNode.insert(infection.node, index);
    m_items.append(item);
    (item.parent < 0 ? m_roots : m_items[item.parent].children).append(index);
    endInsertRows();
}

QModelIndex InfectionModel::indexOfItem(int item, int column) const
{
    return createIndex(m_items[item].row, column, quintptr(item + 1));
}

QModelIndex InfectionModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= int(Column::Count))
        return {};
    if (!parent.isValid())
        return row < m_roots.size() ? indexOfItem(m_roots[row], column) : QModelIndex();
    if (parent.column() != 0)
        return {};
    const QList<int> &children = m_items[int(parent.internalId()) - 1].children;
    return row < children.size() ? indexOfItem(children[row], column) : QModelIndex();
}

QModelIndex InfectionModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_items[int(child.internalId()) - 1].parent;
    return p < 0 ? QModelIndex() : indexOfItem(p, 0);
}

int InfectionModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    return int(m_items[int(parent.internalId()) - 1].children.size());
}

int InfectionModel::columnCount(const QModelIndex &) const
{
    return int(Column::Count);
}

QVariant InfectionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || role != Qt::DisplayRole)
        return {};
    const LabInfection &i = m_items[int(index.internalId()) - 1].infection;
    switch (Column(index.column())) {
    case Column::Node:
        return QStringLiteral("n%1").arg(i.node);
    case Column::From:
        return i.from < 0 ? QString() : QStringLiteral("n%1").arg(i.from);
    case Column::Path:
        return i.path;
    case Column::After:
        return tr("%1 ms").arg(double(i.atNs - m_startedNs) / 1e6, 0, 'f', 1);
    case Column::Count:
        break;
    }
    return {};
}

QVariant InfectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Node:
        return tr("Node");
    case Column::From:
        return tr("Heard from");
    case Column::Path:
        return tr("Path");
    case Column::After:
        return m_membership ? tr("After it began") : tr("After the set");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace grapevine::ui
