// infection_model.h — a rumor's infection tree: each node under the node it first heard the
// value from, with the path (eager push, gossip, push/pull) and how long after the set.
// Rows only ever append while one rumor spreads (one beginInsertRows per new node); a
// newer value or membership rumor resets the model. The same model shows either kind. Owns copies
// of LabInfection only.
#pragma once

#include "lab_frame.h"

#include <QAbstractItemModel>
#include <QHash>

namespace grapevine::ui {

class InfectionModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class Column { Node, From, Path, After, Count };

    explicit InfectionModel(QObject *parent = nullptr);

    void setRumor(const LabRumor &rumor);

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    [[nodiscard]] int infectionCount() const { return int(m_items.size()); }
    // How deep the tree goes (the origin is hop 0): the longest chain of relays.
    [[nodiscard]] int maxHops() const { return m_maxHops; }

private:
    struct Item {
        LabInfection infection;
        int parent = -1; // item index; -1: a root
        int row = 0;     // among its parent's children (or the roots)
        int hops = 0;
        QList<int> children;
    };
    void append(const LabInfection &infection);
    [[nodiscard]] QModelIndex indexOfItem(int item, int column) const;

    QList<Item> m_items;
    QList<int> m_roots;
    QHash<int, int> m_itemOfNode;
    ValueVersion m_version;
    QString m_story; // the rumor's name (a value's text, or "n5 suspect at incarnation 1")
    bool m_membership = false;
    qint64 m_startedNs = 0;
    int m_maxHops = 0;
};

} // namespace grapevine::ui
