// status_line.h — the window's status bar labels: own name and address, cluster size,
// Lifeguard health, the undecryptable-traffic warning and the drop counters. Shows the
// facts it is given; counting them is the window's job (on its status tick).
#pragma once

#include <QObject>
#include <QString>

class QLabel;
class QStatusBar;

namespace grapevine::ui {

class DecryptWarning;

class StatusLine : public QObject {
    Q_OBJECT
public:
    struct Facts {
        int members = 0; // rows in the members table, self included
        int alive = 0;
        int suspect = 0;
        int gone = 0; // dead or left, still listed
        int health = 0;
        qint64 malformed = 0;  // packets dropped as malformed (traced)
        qint64 logDropped = 0; // rows the gossip log's ring buffer let go
    };

    // Adds its labels to bar as permanent widgets (children of bar, so findChild sees them).
    explicit StatusLine(QStatusBar *bar);

    void showSelf(const QString &name, const QString &address);
    void showFacts(const Facts &facts);
    [[nodiscard]] DecryptWarning *decryptWarning() const { return m_decrypt; }
    [[nodiscard]] QString text() const; // the visible labels, joined with " | "
    // A passing message left of the labels. One longer than the room there is elided ("…")
    // instead of cut off under the labels, and shown whole as the bar's tooltip.
    void showMessage(const QString &message, int timeoutMs = 0);
    [[nodiscard]] int messageRoom() const; // pixels free for it at the bar's current width

private:
    QLabel *addLabel(QStatusBar *bar, const char *name);
    void showHealth(int score, bool hasPeers);

    QLabel *m_self;
    QLabel *m_size;
    QLabel *m_health;
    DecryptWarning *m_decrypt;
    QLabel *m_drops;
    QStatusBar *m_bar;
};

} // namespace grapevine::ui
