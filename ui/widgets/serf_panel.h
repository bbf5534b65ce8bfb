// serf_panel.h — the window's Serf side (Serf mode only): which mode the node is in, its
// tags with an editor, the keyring as `serf keys` leaves it (updated live), the selected
// member's tags, Vivaldi coordinate and estimated RTT, and Serf's other user events and
// queries as they arrive. Knows only node_types.h; commands leave as signals.
#pragma once

#include "core/node/node_types.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QListWidget;
class QTableWidget;
class QPushButton;

namespace grapevine::ui {

class SerfPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxEvents = 500; // oldest dropped first

    explicit SerfPanel(QWidget *parent = nullptr);

    void setTags(const QMap<QString, QString> &tags);
    void setKeyring(const QStringList &keys); // base64, the primary first
    void addNotice(const grapevine::SerfNoticeInfo &notice);
    void showMember(const grapevine::MemberSnapshot &member);
    [[nodiscard]] QMap<QString, QString> editedTags() const;
    [[nodiscard]] QString memberName() const { return m_memberName; }

signals:
    void tagsChangeRequested(const QMap<QString, QString> &tags);

private:
    QWidget *buildTagEditor();
    void addTagRow(const QString &key, const QString &value);

    QTableWidget *m_tags;
    QListWidget *m_keys;
    QLabel *m_member;
    QListWidget *m_events;
    QString m_memberName;
};

// "role=web, dc=lab" — the Tags column and tooltips.
QString tagsText(const QMap<QString, QString> &tags);

} // namespace grapevine::ui
