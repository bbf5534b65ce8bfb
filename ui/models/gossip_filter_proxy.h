// gossip_filter_proxy.h — narrows the gossip log by message type, peer and free text.
// Keeps the log's order (no sorting), so inserts at the end stay cheap.
#pragma once

#include <QSortFilterProxyModel>

namespace grapevine::ui {

class GossipFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit GossipFilterProxy(QObject *parent = nullptr);

    void setTypeFilter(const QString &type); // exact message type ("ping"); empty = any
    void setPeerFilter(const QString &peer); // substring of name or address; empty = any
    void setTextFilter(const QString &text); // substring of peer, types and summaries

    [[nodiscard]] bool isFiltering() const;

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow,
                                        const QModelIndex &sourceParent) const override;

private:
    QString m_type;
    QString m_peer;
    QString m_text;
};

} // namespace grapevine::ui
