#include "ui/widgets/elided_label.h"

#include <QPainter>
#include <QResizeEvent>

namespace grapevine::ui {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setWordWrap(false);
}

void ElidedLabel::setFullText(const QString &text)
{
    setText(text);
    setToolTip(text.size() > 40 || text.contains(QLatin1Char('\n')) ? text : QString());
    m_wasElided = isElided();
    emit elisionChanged(m_wasElided);
    update();
}

QString ElidedLabel::oneLine(const QString &text)
{
    QString line = text;
    line.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
    return line;
}

QString ElidedLabel::shownText() const
{
    const int width = contentsRect().width();
    return fontMetrics().elidedText(oneLine(text()), Qt::ElideRight, qMax(0, width));
}

QSize ElidedLabel::minimumSizeHint() const
{
    return {fontMetrics().horizontalAdvance(QStringLiteral("mmmm…")), fontMetrics().height() + 2};
}

QSize ElidedLabel::sizeHint() const
{
    return {qMin(fontMetrics().horizontalAdvance(oneLine(text())) + 4, 400),
            fontMetrics().height() + 2};
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setFont(font());
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(contentsRect(), Qt::AlignLeft | Qt::AlignVCenter, shownText());
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    if (const bool elided = isElided(); elided != m_wasElided) {
        m_wasElided = elided;
        emit elisionChanged(elided);
    }
}

} // namespace grapevine::ui
