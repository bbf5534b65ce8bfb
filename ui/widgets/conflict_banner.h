// conflict_banner.h — the warning across the top of the window while another node uses this
// node's name: word-wrapped (never cut off), red when the cluster ignores this node (it was
// second), orange when this node keeps the name; hidden again when the conflict ends.
#pragma once

#include "core/node/node_types.h"

#include <QFrame>

class QLabel;

namespace grapevine::ui {

class ConflictBanner : public QFrame {
    Q_OBJECT
public:
    explicit ConflictBanner(QWidget *parent = nullptr);

    void showConflict(const NameConflictReport &report);
    [[nodiscard]] QString text() const;

private:
    QLabel *m_text;
};

} // namespace grapevine::ui
