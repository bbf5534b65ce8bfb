// gossip_filter_proxy.h — narrows the gossip log by message type, peer and free text.
// Keeps the log's order (no sorting), so inserts at the end stay cheap.
#pragma once

#include "core/wire/messages.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace grapevine::ui {

class GossipFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit GossipFilterProxy(QObject *parent = nullptr);

    void setTypeFilter(std::optional<wire::MessageType> type); // nullopt = any type
    void setPeerFilter(const QString &peer); // substring of name or address; empty = any
    void setTextFilter(const QString &text); // substring of peer, types and summaries

    [[nodiscard]] bool isFiltering() const;

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow,
                                        const QModelIndex &sourceParent) const override;

private:
    std::optional<wire::MessageType> m_type;
    QString m_peer;
    QString m_text;
};

} // namespace grapevine::ui
