// member_table_model.h — the Members table: one row per member snapshot, upserted by name.
// Owns copies of MemberSnapshot only (never pointers into the Node). Emits exact
// begin/end calls and dataChanged only for the cells that changed; a 1 s tick refreshes
// the "in state" and suspicion countdown columns and nothing else.
#pragma once

#include "core/node/node_types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>
#include <functional>
#include <utility>

namespace grapevine::ui {

class MemberTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column {
        Name,
        Address,
        State,
        Incarnation,
        Rtt,
        Value,
        Meta,
        InState,
        Suspicion,
        Tags,         // Serf members: decoded tags
        EstimatedRtt, // Serf members: the RTT their Vivaldi coordinate estimates
        Count
    };
    enum Role { SortRole = Qt::UserRole + 1, NameRole, StateRole };
    using Clock = std::function<qint64()>; // wall clock in ms since epoch

    explicit MemberTableModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    void applyChange(MemberChange change, const MemberSnapshot &member);
    void upsert(const MemberSnapshot &member);
    void remove(const QString &name);
    void setLocalVersion(const ValueVersion &version);
    // The text of the local version, for the Value column's tooltip.
    void setLocalValue(const QString &value) { m_localValue = value; }
    void setClock(Clock clock);
    // Refreshes the time-dependent columns (InState, Suspicion); the 1 s timer calls it.
    void tick();

    [[nodiscard]] int rowOf(const QString &name) const;
    [[nodiscard]] const MemberSnapshot &memberAt(int row) const { return m_members.at(row); }
    [[nodiscard]] const QList<MemberSnapshot> &members() const { return m_members; }
    [[nodiscard]] int countInState(MemberState state) const;
    // Live (alive or suspect) members that advertise the local value's version.
    [[nodiscard]] int convergedCount() const;
    [[nodiscard]] static bool isLive(MemberState state);

    [[nodiscard]] static QString headerToolTip(Column column);

private:
    [[nodiscard]] QVariant displayData(const MemberSnapshot &m, Column column) const;
    [[nodiscard]] QVariant sortData(const MemberSnapshot &m, Column column) const;
    [[nodiscard]] QString valueText(const MemberSnapshot &m) const;
    [[nodiscard]] QString suspicionText(const MemberSnapshot &m) const;
    [[nodiscard]] QVariant toolTip(const MemberSnapshot &m, Column column) const;
    [[nodiscard]] QString metaText(const MemberSnapshot &m) const;
    void emitColumnChanged(Column column);
    // First and last column whose cells differ between two snapshots of one member; -1 if none.
    [[nodiscard]] static std::pair<int, int> changedSpan(const MemberSnapshot &a,
                                                         const MemberSnapshot &b);

    QList<MemberSnapshot> m_members;
    QHash<QString, int> m_rowByName;
    ValueVersion m_localVersion;
    QString m_localValue;
    Clock m_clock;
    QTimer m_tick;
};

} // namespace grapevine::ui
