// value_history_model.h — the values this window has seen, newest first: the text, its
// version (Lamport@origin: who set it), and when it was applied here. Bounded; one row per
// version, however often it arrives. Feeds the "Value history" window, which can set an
// old value again.
#pragma once

#include "core/node/node_types.h"

#include <QAbstractTableModel>
#include <QList>

namespace grapevine::ui {

class ValueHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Value, SetBy, Version, Applied, Count };
    static constexpr int kCapacity = 200;

    explicit ValueHistoryModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // A value the node applied; repeats of a version already listed are ignored.
    void record(const ValueSnapshot &value);
    [[nodiscard]] const ValueSnapshot &valueAt(int row) const { return m_values.at(row); }

private:
    QList<ValueSnapshot> m_values; // newest first
};

} // namespace grapevine::ui
