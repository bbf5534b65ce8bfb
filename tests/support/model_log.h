// model_log.h — a model's structural signals as short strings, in the order they came, so one
// comparison checks both which rows changed and the order of the begin/end calls:
// "ins 0-0", "rm 1-1" (rows about to be removed, or removed), "chg 2-2:0-8", "reset".
// Each test names the signals it watches; the others stay out of the log.
#pragma once

#include <QObject>
#include <QStringList>

#include <initializer_list>

class QAbstractItemModel;

namespace grapevine::testing {

enum class ModelEvent { RowsInserted, RowsAboutToBeRemoved, RowsRemoved, DataChanged, Reset };

class ModelLog : public QObject {
public:
    ModelLog(QAbstractItemModel *model, std::initializer_list<ModelEvent> events);

    QStringList lines;

private:
    void watch(QAbstractItemModel *model, ModelEvent event);
};

} // namespace grapevine::testing
