#include "ui/models/gossip_filter_proxy.h"

#include "ui/models/gossip_log_model.h"

namespace grapevine::ui {

GossipFilterProxy::GossipFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void GossipFilterProxy::setTypeFilter(std::optional<wire::MessageType> type)
{
    m_type = type;
    invalidateRowsFilter();
}

void GossipFilterProxy::setPeerFilter(const QString &peer)
{
    m_peer = peer.trimmed();
    invalidateRowsFilter();
}

void GossipFilterProxy::setTextFilter(const QString &text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

bool GossipFilterProxy::isFiltering() const
{
    return m_type.has_value() || !m_peer.isEmpty() || !m_text.isEmpty();
}

bool GossipFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!isFiltering())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_type && !GossipLogModel::typesAt(index).contains(*m_type))
        return false;
    if (!m_peer.isEmpty() &&
        !index.data(GossipLogModel::PeerRole).toString().contains(m_peer, Qt::CaseInsensitive))
        return false;
    return m_text.isEmpty() ||
           index.data(GossipLogModel::SearchRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace grapevine::ui
