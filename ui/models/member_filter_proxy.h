// member_filter_proxy.h — sorting (by typed values, not display text) and free-text
// filtering of the Members table.
#pragma once

#include <QSortFilterProxyModel>

namespace grapevine::ui {

class MemberFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit MemberFilterProxy(QObject *parent = nullptr);

    void setText(const QString &text); // matches name, address, state, value, metadata
};

} // namespace grapevine::ui
