#include "ui/widgets/conflict_banner.h"

#include <QHBoxLayout>
#include <QLabel>

namespace grapevine::ui {

ConflictBanner::ConflictBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("conflictBanner"));
    m_text->setObjectName(QStringLiteral("conflictText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_text);
    hide();
}

void ConflictBanner::showConflict(const NameConflictReport &report)
{
    if (!report.active) {
        m_text->clear();
        hide();
        return;
    }
    const QString text =
        report.impostor
            ? tr("⚠ Name conflict: the cluster already knows a node named “%1” at %2, so it "
                 "ignores this window's node. Close this window and start it with another "
                 "name (Settings › Node name prefix, or --name).")
                  .arg(report.name, report.otherAddress)
            : tr("⚠ Name conflict: the node at %2 also calls itself “%1”. The members that "
                 "knew this node first keep it and ignore the other; give that node another "
                 "name.")
                  .arg(report.name, report.otherAddress);
    m_text->setText(text);
    m_text->setToolTip(report.message);
    const QString colour = report.impostor ? QStringLiteral("#f8d7d7") : QStringLiteral("#fdebc8");
    setStyleSheet(QStringLiteral("#conflictBanner { background: %1; border: 1px solid #c9a; "
                                 "border-radius: 3px; } #conflictText { color: #222; }")
                      .arg(colour));
    show();
}

QString ConflictBanner::text() const
{
    return m_text->text();
}

} // namespace grapevine::ui
