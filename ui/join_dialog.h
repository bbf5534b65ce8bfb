// join_dialog.h — "Join a cluster": host and port with validation shown in the dialog,
// recent peers, and an asynchronous join. The dialog only emits joinRequested; the window
// forwards it to the Node's thread and hands the JoinResult back through showResult, so
// nothing here ever blocks.
#pragma once

#include "core/node/node_types.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace grapevine::ui {

class JoinDialog : public QDialog {
    Q_OBJECT
public:
    explicit JoinDialog(const QStringList &recentPeers, QWidget *parent = nullptr);

    // On success *hostPort is "host:port" ("[v6]:port" for IPv6); otherwise *error says why.
    static bool validate(const QString &host, const QString &port, QString *hostPort,
                         QString *error);

    void showResult(const JoinResult &result);
    [[nodiscard]] bool isJoining() const { return m_joining; }
    [[nodiscard]] QString message() const;

signals:
    void joinRequested(const QString &hostPort);

private:
    void buildLayout();
    void connectSignals();
    void requestJoin();
    void pickRecent(QListWidgetItem *item);
    void showMessage(const QString &text, const QString &color);

    QLineEdit *m_host;
    QLineEdit *m_port;
    QLabel *m_message;
    QListWidget *m_recent;
    QPushButton *m_join;
    bool m_joining = false;
};

} // namespace grapevine::ui
