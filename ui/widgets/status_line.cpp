#include "ui/widgets/status_line.h"

#include "ui/widgets/decrypt_warning.h"

#include <QLabel>
#include <QStatusBar>

namespace grapevine::ui {

namespace {
constexpr int kMaxHealth = 7; // Lifeguard: AwarenessMaxMultiplier (8) - 1
constexpr int kMessageMarginPx = 6;
} // namespace

StatusLine::StatusLine(QStatusBar *bar)
    : QObject(bar)
    , m_self(addLabel(bar, "selfLabel"))
    , m_size(addLabel(bar, "sizeLabel"))
    , m_health(addLabel(bar, "healthLabel"))
    , m_decrypt(new DecryptWarning(bar))
    , m_drops(nullptr)
    , m_bar(bar)
{
    bar->addPermanentWidget(m_decrypt);
    m_drops = addLabel(bar, "dropsLabel");
    m_size->setToolTip(tr("Live members (alive or suspect, this node included); members "
                          "that died or left are listed until the cluster forgets them and "
                          "counted as gone."));
    m_self->setText(tr("starting…"));
    m_drops->setToolTip(tr("Packets dropped as malformed, and log rows the gossip log let go "
                           "(it keeps the newest rows); shown once either is above zero."));
    connect(bar, &QStatusBar::messageChanged, this, [this](const QString &message) {
        if (message.isEmpty())
            m_bar->setToolTip({});
    });
    showFacts({});
}

void StatusLine::showMessage(const QString &message, int timeoutMs)
{
    // Before the bar is laid out there is no room to measure: keep the message whole.
    const QString shown =
        m_bar->isVisible() ? m_bar->fontMetrics().elidedText(message, Qt::ElideRight, messageRoom())
                           : message;
    m_bar->showMessage(shown, timeoutMs);
    m_bar->setToolTip(shown == message ? QString() : message);
}

// The message is painted from the bar's left edge up to the first permanent label.
int StatusLine::messageRoom() const
{
    int right = m_bar->width() - 16; // the size grip
    for (QWidget *label : {static_cast<QWidget *>(m_self), static_cast<QWidget *>(m_size),
                           static_cast<QWidget *>(m_health), static_cast<QWidget *>(m_decrypt),
                           static_cast<QWidget *>(m_drops)}) {
        if (label->isVisible())
            right = qMin(right, label->x());
    }
    return qMax(0, right - 2 * kMessageMarginPx);
}

QLabel *StatusLine::addLabel(QStatusBar *bar, const char *name)
{
    auto *label = new QLabel(bar);
    label->setObjectName(QLatin1String(name));
    bar->addPermanentWidget(label);
    return label;
}

void StatusLine::showSelf(const QString &name, const QString &address)
{
    m_self->setText(tr("%1 · %2").arg(name, address));
}

// The cluster is its live members (alive or suspect, this node included); dead and left
// members are still listed for a while but are not counted in it.
void StatusLine::showFacts(const Facts &f)
{
    const int live = f.alive + f.suspect;
    QString size =
        f.suspect > 0
            ? tr("cluster %1 (%2 alive, %3 suspect)").arg(live).arg(f.alive).arg(f.suspect)
            : tr("cluster %1 (%2 alive)").arg(live).arg(f.alive);
    if (f.gone > 0)
        size += tr(" · %1 gone").arg(f.gone);
    m_size->setText(size);
    showHealth(f.health, live > 1);
    m_drops->setText(tr("drops: %1 malformed · %2 log").arg(f.malformed).arg(f.logDropped));
    // Zero drops is the normal case: room for messages at 900 px instead of a line of zeros.
    m_drops->setVisible(f.malformed > 0 || f.logDropped > 0);
}

// Lifeguard's score only falls when probes are answered: a node left alone keeps its last
// score with nobody to probe. It is not unhealthy then; say so instead of showing orange.
void StatusLine::showHealth(int score, bool hasPeers)
{
    if (!hasPeers) {
        m_health->setText(tr("health — (no peers)"));
        m_health->setStyleSheet(QStringLiteral("color: palette(mid);"));
        m_health->setToolTip(tr("Lifeguard local health needs peers to probe; with none, there "
                                "is nothing to measure."));
        return;
    }
    m_health->setText(tr("health %1/%2").arg(score).arg(kMaxHealth));
    m_health->setStyleSheet(score > 0 ? QStringLiteral("color: #e09b14;") : QString());
    m_health->setToolTip(tr("Lifeguard local health, %1 of %2: 0 is healthy; higher means this "
                            "node is missing acks and slows its own failure detector (its probes "
                            "and suspicion timeouts are multiplied by score + 1).")
                             .arg(score)
                             .arg(kMaxHealth));
}

QString StatusLine::text() const
{
    QStringList parts{m_self->text(), m_size->text(), m_health->text()};
    if (m_decrypt->total() > 0)
        parts << m_decrypt->text();
    if (m_drops->isVisibleTo(m_bar))
        parts << m_drops->text();
    return parts.join(QStringLiteral(" | "));
}

} // namespace grapevine::ui
