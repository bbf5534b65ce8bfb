// member_timeline_model.h — one member's failure-detection steps as a table (the timeline
// under the "why" sentence): time, step, who else took part, and the step's numbers.
// Owns copies of TimelineEntry only. Bounded like the node's history (MemberTimelines):
// when full, the oldest row is removed (begin/endRemoveRows) before a new one is inserted.
// An optional kind filter lets the same model list only this node's health changes.
#pragma once

#include "core/node/timeline_entry.h"

#include <QAbstractTableModel>
#include <QList>

namespace grapevine::ui {

class MemberTimelineModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Time, Step, Peer, Detail, Count };
    static constexpr int kDefaultCapacity = 256;

    explicit MemberTimelineModel(QObject *parent = nullptr, int capacity = kDefaultCapacity);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // Shows `member`'s steps (a reset); later append()s about anyone else are ignored.
    void setMember(const QString &member, const QList<TimelineEntry> &entries);
    // Only these kinds are shown (empty: all). Takes effect at the next setMember().
    void setKinds(const QList<TimelineKind> &kinds);
    void append(const TimelineEntry &entry);
    void clear();

    [[nodiscard]] QString member() const { return m_member; }
    [[nodiscard]] const QList<TimelineEntry> &entries() const { return m_entries; }
    [[nodiscard]] static QString stepText(TimelineKind kind);
    [[nodiscard]] static QString detailText(const TimelineEntry &entry);
    [[nodiscard]] static QString causeText(HealthCause cause);

private:
    [[nodiscard]] bool shows(const TimelineEntry &entry) const;

    int m_capacity;
    QString m_member;
    QList<TimelineKind> m_kinds;
    QList<TimelineEntry> m_entries;
};

} // namespace grapevine::ui
