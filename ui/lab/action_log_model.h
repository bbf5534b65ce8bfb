// action_log_model.h — the lab run's recorded actions, one row each ("12.5 s", "crash n3"),
// those not yet applied (ahead of the clock after a scrub back) shown greyed.
// Appends are one beginInsertRows; any other change (a new future after a scrub) resets.
#pragma once

#include <QAbstractTableModel>
#include <QStringList>

namespace grapevine::ui {

class ActionLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Time, Action, Count };

    explicit ActionLogModel(QObject *parent = nullptr);

    // Lines as LabRunner sends them: "<seconds> s  <action>"; the first `applied` happened.
    void setActions(const QStringList &lines, int applied);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    QStringList m_lines;
    int m_applied = 0;
};

} // namespace grapevine::ui
