// model_log.cpp — see the header.
#include "tests/support/model_log.h"

#include <QAbstractItemModel>

namespace grapevine::testing {

ModelLog::ModelLog(QAbstractItemModel *model, std::initializer_list<ModelEvent> events)
{
    for (ModelEvent event : events)
        watch(model, event);
}

void ModelLog::watch(QAbstractItemModel *model, ModelEvent event)
{
    const auto rows = [this](const char *what) {
        return [this, what](const QModelIndex &, int a, int b) {
            lines << QStringLiteral("%1 %2-%3").arg(QLatin1String(what)).arg(a).arg(b);
        };
    };
    switch (event) {
    case ModelEvent::RowsInserted:
        connect(model, &QAbstractItemModel::rowsInserted, this, rows("ins"));
        break;
    case ModelEvent::RowsAboutToBeRemoved:
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, rows("rm"));
        break;
    case ModelEvent::RowsRemoved:
        connect(model, &QAbstractItemModel::rowsRemoved, this, rows("rm"));
        break;
    case ModelEvent::DataChanged:
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &tl, const QModelIndex &br) {
                    lines << QStringLiteral("chg %1-%2:%3-%4")
                                 .arg(tl.row())
                                 .arg(br.row())
                                 .arg(tl.column())
                                 .arg(br.column());
                });
        break;
    case ModelEvent::Reset:
        connect(model, &QAbstractItemModel::modelReset, this,
                [this] { lines << QStringLiteral("reset"); });
        break;
    }
}

} // namespace grapevine::testing
