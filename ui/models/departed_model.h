// departed_model.h — members the cluster has forgotten, so they do not vanish without a
// trace: memberlist reaps a dead or left member after GossipToTheDeadTime (30 s on LAN) and
// the Members table drops it then. Each departure is one row, newest first: who, where, how
// it went (dead or left) and when, and when the cluster forgot it. Bounded (the oldest row
// goes first); cleared only by the user.
#pragma once

#include "core/node/node_types.h"

#include <QAbstractTableModel>
#include <QList>

#include <functional>

namespace grapevine::ui {

class DepartedModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Name, Address, How, Forgotten, Count };
    static constexpr int kCapacity = 500;
    using Clock = std::function<qint64()>; // wall clock in ms since epoch

    explicit DepartedModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    void setClock(Clock clock) { m_clock = std::move(clock); }
    // A member removed from the cluster's list. Only dead and left members depart: the
    // members a leave of our own takes off the list were alive, not gone.
    void record(const MemberSnapshot &member);
    void clear();

private:
    struct Departure {
        MemberSnapshot member;
        qint64 forgottenMs = 0;
    };
    [[nodiscard]] QVariant displayData(const Departure &d, Column column) const;

    QList<Departure> m_rows; // newest first
    Clock m_clock;
};

} // namespace grapevine::ui
