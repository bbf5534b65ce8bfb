// gossip_log_model.h — the gossip log: a fixed-capacity ring buffer of packet traces.
// Follows qBittorrent's log model (drop the oldest row with begin/endRemoveRows before
// inserting) and Wireshark's packet list (new rows are buffered and inserted once per UI
// tick, so a burst of gossip costs one beginInsertRows, not one per datagram).
// Memory is bounded: at most capacity rows plus capacity pending traces.
#pragma once

#include "core/node/node_types.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>
#include <vector>

class QIODevice;

namespace grapevine::ui {

class GossipLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Time, Direction, Peer, Channel, Types, Size, Count };
    // TypesRole: the row's message types (QList<wire::MessageType>, Compound for a compound
    // packet). CopyRole: a cell as "Copy rows" writes it (the peer with its address).
    enum Role { TypesRole = Qt::UserRole + 1, PeerRole, SearchRole, TraceRole, CopyRole };
    static constexpr int kDefaultCapacity = 10'000;
    static constexpr int kTickMs = 50;

    explicit GossipLogModel(int capacity = kDefaultCapacity, QObject *parent = nullptr);
    // The TypesRole of `index` (of this model or a proxy over it).
    [[nodiscard]] static QList<wire::MessageType> typesAt(const QModelIndex &index);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // Buffers the trace; it becomes a row on the next flush (UI tick).
    void append(const PacketTrace &trace);
    // Inserts every buffered trace at once (no-op while paused).
    void flush();
    void setPaused(bool paused);
    void clear();
    // One JSON object per row (trace_json.h), oldest first; only `rows` (model rows, in
    // order) when given. Returns false if the device refused a write.
    bool exportJsonLines(QIODevice *device, const QList<int> &rows = {}) const;

    [[nodiscard]] bool isPaused() const { return m_paused; }
    [[nodiscard]] int capacity() const { return m_capacity; }
    [[nodiscard]] int pendingCount() const { return int(m_pending.size()); }
    [[nodiscard]] qint64 totalAppended() const { return m_totalAppended; }
    [[nodiscard]] qint64 droppedCount() const { return m_dropped; } // pushed out by the bound
    [[nodiscard]] const PacketTrace &traceAt(int row) const;
    [[nodiscard]] QTimer &tickTimer() { return m_tick; }
    [[nodiscard]] static QString headerToolTip(Column column);

signals:
    // After a flush that inserted rows: lets views scroll once per tick.
    void flushed(int inserted);

private:
    [[nodiscard]] int slotOf(int row) const { return (m_head + row) % m_capacity; }
    [[nodiscard]] QVariant displayData(const PacketTrace &t, Column column) const;
    [[nodiscard]] static QString searchText(const PacketTrace &t);
    [[nodiscard]] static QString typesWithValue(const PacketTrace &t);
    void removeOldest(int count);

    int m_capacity;
    std::vector<PacketTrace> m_ring; // grows to m_capacity, then wraps
    int m_head = 0;                  // slot of row 0 (the oldest)
    int m_count = 0;
    QList<PacketTrace> m_pending;
    bool m_paused = false;
    qint64 m_totalAppended = 0;
    qint64 m_dropped = 0;
    QTimer m_tick;
};

} // namespace grapevine::ui
