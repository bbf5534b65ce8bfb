// log_pane.h — the packet analyzer: a filter bar (type, peer, text, pause), the gossip log
// table and the details pane for the selected packet. Scrolls to the newest packet once
// per UI tick while the user is at the bottom; stays put when they scrolled up to read.
#pragma once

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
    void selectNewest(const QString &type);

signals:
    void pausedChanged(bool paused);

private:
    QWidget *buildFilterBar();
    void connectFilterBar();
    void buildTable();
    void showSelected();
    void afterFlush();
    void updateCount();

    GossipLogModel *m_model;
    GossipFilterProxy *m_filter;
    QTableView *m_table;
    PacketDetails *m_details;
    QComboBox *m_type = nullptr;
    QLineEdit *m_peer = nullptr;
    QLineEdit *m_text = nullptr;
    QToolButton *m_pause = nullptr;
    QLabel *m_count = nullptr;
    bool m_follow = true;
};

} // namespace grapevine::ui
