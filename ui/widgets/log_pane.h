// log_pane.h — the packet analyzer: a filter bar (type, peer, text, pause, follow), the
// gossip log table and the details pane for the selected packet. Follows the newest packet
// once per UI tick while "Follow" is on; scrolling up or picking a row to read turns it off,
// and "Follow" (or End) jumps back to the newest. Ctrl+C copies whole rows.
#pragma once

#include "core/node/node_types.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace grapevine::ui {

class GossipFilterProxy;
class GossipLogModel;
class PacketDetails;

class LogPane : public QWidget {
    Q_OBJECT
public:
    explicit LogPane(GossipLogModel *model, QWidget *parent = nullptr);

    [[nodiscard]] GossipFilterProxy *filter() const { return m_filter; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    void setPaused(bool paused);
    // Puts text in the search field (the user sees, and can clear, what narrowed the log).
    void searchFor(const QString &text);
    // Selects the newest row carrying a message of `type` (else the newest row), so the
    // details pane shows it; used for screenshots.
    void selectNewest(wire::MessageType type);
    // The packet the details pane shows, if any.
    [[nodiscard]] const PacketTrace *selectedTrace() const;
    // Model rows that pass the filter, oldest first (for "export the filtered rows").
    [[nodiscard]] QList<int> filteredRows() const;
    // The selected rows as tab-separated text, one line each, as the table shows them.
    [[nodiscard]] QString selectedRowsText() const;
    void copySelectedRows() const;
    void setFollowing(bool follow);
    [[nodiscard]] bool isFollowing() const { return m_follow; }
    void focusSearch();

signals:
    void pausedChanged(bool paused);

private:
    QWidget *buildFilterBar();
    void connectFilterBar();
    void buildTable();
    void showSelected();
    void afterFlush();
    void scrollToNewest();
    void updateCount();

    GossipLogModel *m_model;
    GossipFilterProxy *m_filter;
    QTableView *m_table;
    PacketDetails *m_details;
    QComboBox *m_type = nullptr;
    QLineEdit *m_peer = nullptr;
    QLineEdit *m_text = nullptr;
    QToolButton *m_pause = nullptr;
    QToolButton *m_followButton = nullptr;
    QLabel *m_count = nullptr;
    bool m_follow = true;
    bool m_scrolling = false;
};

} // namespace grapevine::ui
