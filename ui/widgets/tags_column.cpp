#include "ui/widgets/tags_column.h"

#include "ui/models/member_table_model.h"

#include <QHeaderView>
#include <QTableView>

#include <algorithm>
#include <memory>

namespace grapevine::ui {

namespace {

constexpr int kTagsWidth = 180;

bool anyTagged(const MemberTableModel &model)
{
    const QList<MemberSnapshot> &members = model.members();
    return std::any_of(members.begin(), members.end(),
                       [](const MemberSnapshot &m) { return m.hasTags; });
}

} // namespace

void placeTagsBesideState(QTableView *table)
{
    QHeaderView *header = table->horizontalHeader();
    const int tags = int(MemberTableModel::Column::Tags);
    const int state = header->visualIndex(int(MemberTableModel::Column::State));
    if (header->visualIndex(tags) != state + 1)
        header->moveSection(header->visualIndex(tags), state + 1);
    header->resizeSection(tags, kTagsWidth);
    // A Serf cluster keeps listing members memberlist reaped: "dead (reaped)" must fit (text,
    // the colour square and the margins).
    const int stateColumn = int(MemberTableModel::Column::State);
    const QFontMetrics metrics = table->fontMetrics();
    const int reapedWidth =
        metrics.horizontalAdvance(QStringLiteral("dead (reaped)")) + 3 * metrics.height();
    header->resizeSection(stateColumn, std::max(header->sectionSize(stateColumn), reapedWidth));
}

void placeTagsOnceSerfIsSeen(QTableView *table, MemberTableModel *model)
{
    if (anyTagged(*model)) {
        placeTagsBesideState(table);
        return;
    }
    // Rows come by insertion and by updates (a member's new alive may bring its tags).
    auto check = std::make_shared<QMetaObject::Connection>();
    auto inserted = std::make_shared<QMetaObject::Connection>();
    const auto placeIfTagged = [table, model, check, inserted] {
        if (!anyTagged(*model))
            return;
        QObject::disconnect(*check);
        QObject::disconnect(*inserted);
        placeTagsBesideState(table);
    };
    *check = QObject::connect(model, &QAbstractItemModel::dataChanged, table, placeIfTagged);
    *inserted = QObject::connect(model, &QAbstractItemModel::rowsInserted, table, placeIfTagged);
}

} // namespace grapevine::ui
