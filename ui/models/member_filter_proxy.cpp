#include "ui/models/member_filter_proxy.h"

#include "ui/models/member_table_model.h"

namespace grapevine::ui {

MemberFilterProxy::MemberFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(MemberTableModel::SortRole);
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void MemberFilterProxy::setText(const QString &text)
{
    setFilterFixedString(text);
}

} // namespace grapevine::ui
