// join_dialog.h — "Join a cluster": one or several addresses as people write them
// ("127.0.0.1:7946", "[::1]:7946", a bare host with the default port, a host name, a pasted
// list), recent peers with the node names they led to, an asynchronous join that can be
// cancelled, and a result in plain words (joined, this node itself, a name conflict, why not).
// The dialog only emits requests; the window forwards them to the Node's thread and hands the
// JoinResult back through showResult, so nothing here ever blocks.
#pragma once

#include "core/node/node_types.h"

#include <QDialog>
#include <QMap>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace grapevine::ui {

class JoinDialog : public QDialog {
    Q_OBJECT
public:
    // names: target -> the node names it led to last time ("node1, node2").
    explicit JoinDialog(const QStringList &recentPeers, const QMap<QString, QString> &names = {},
                        QWidget *parent = nullptr);

    void showResult(const JoinResult &result);
    [[nodiscard]] bool isJoining() const { return m_joining; }
    [[nodiscard]] QString message() const;

signals:
    void joinRequested(const QStringList &targets);
    void cancelRequested();

private:
    void buildLayout();
    void connectSignals();
    void requestJoin();
    void requestCancel();
    void pickRecent(QListWidgetItem *item);
    void setJoining(bool joining);
    void showMessage(const QString &text, const QString &color);
    [[nodiscard]] static QString resultText(const JoinResult &result, QString *color);

    QLineEdit *m_host;
    QLineEdit *m_port;
    QLabel *m_message;
    QListWidget *m_recent;
    QPushButton *m_join;
    QPushButton *m_cancel;
    bool m_joining = false;
};

} // namespace grapevine::ui
