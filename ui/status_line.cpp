#include "status_line.h"

#include "decrypt_warning.h"

#include <QLabel>
#include <QStatusBar>

namespace grapevine::ui {

namespace {
constexpr int kMaxHealth = 7; // Lifeguard: AwarenessMaxMultiplier (8) - 1
} // namespace

StatusLine::StatusLine(QStatusBar *bar)
    : QObject(bar)
    , m_self(addLabel(bar, "selfLabel"))
    , m_size(addLabel(bar, "sizeLabel"))
    , m_health(addLabel(bar, "healthLabel"))
    , m_decrypt(new DecryptWarning(bar))
    , m_drops(nullptr)
{
    bar->addPermanentWidget(m_decrypt);
    m_drops = addLabel(bar, "dropsLabel");
    m_health->setToolTip(tr("Lifeguard local health: 0 is healthy; higher means this node "
                            "is missing acks and slows its own failure detector."));
    m_self->setText(tr("starting…"));
    showFacts({});
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

void StatusLine::showFacts(const Facts &f)
{
    m_size->setText(
        f.suspect > 0
            ? tr("cluster %1 (%2 alive, %3 suspect)").arg(f.members).arg(f.alive).arg(f.suspect)
            : tr("cluster %1 (%2 alive)").arg(f.members).arg(f.alive));
    m_health->setText(tr("health %1/%2").arg(f.health).arg(kMaxHealth));
    m_health->setStyleSheet(f.health > 0 ? QStringLiteral("color: #e09b14;") : QString());
    m_drops->setText(tr("drops: %1 malformed · %2 log").arg(f.malformed).arg(f.logDropped));
}

QString StatusLine::text() const
{
    QStringList parts{m_self->text(), m_size->text(), m_health->text()};
    if (m_decrypt->total() > 0)
        parts << m_decrypt->text();
    parts << m_drops->text();
    return parts.join(QStringLiteral(" | "));
}

} // namespace grapevine::ui
