#include "reach_chart.h"

#include "core/lab/rumor_story.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace grapevine::ui {

namespace {
constexpr int kMargin = 36;
} // namespace

ReachChart::ReachChart(QWidget *parent)
    : QWidget(parent)
{
}

void ReachChart::setRumor(const LabRumor &rumor)
{
    m_rumor = rumor;
    update();
}

void ReachChart::setModel(int liveNodes, double intervalS, int fanout, double loss)
{
    if (liveNodes == m_live && intervalS == m_intervalS && fanout == m_fanout && loss == m_loss)
        return;
    m_live = liveNodes;
    m_intervalS = intervalS;
    m_fanout = fanout;
    m_loss = loss;
    update();
}

double ReachChart::modelSecondsTo(double fraction) const
{
    return lab::serfModelSecondsTo(fraction, m_live, m_intervalS, m_fanout, m_loss);
}

double ReachChart::spanSeconds() const
{
    double span = modelSecondsTo(0.999);
    if (!m_rumor.infections.isEmpty())
        span = std::max(span, double(m_rumor.infections.back().atNs - m_rumor.startedNs) / 1e9);
    return std::max(span * 1.1, 0.05);
}

QString ReachChart::summary() const
{
    if (m_rumor.infections.isEmpty())
        return m_rumor.membership
                   ? tr("No membership rumor about this member yet: crash, stall or cut it off.")
                   : tr("No value set yet: set one on any node to see its story.");
    const QString model = tr("Serf's model for %1 nodes: 99.9 % after %2 ms")
                              .arg(m_live)
                              .arg(modelSecondsTo(0.999) * 1000, 0, 'f', 0);
    if (m_rumor.completeNs < 0)
        return tr("“%1”: %2 nodes hold it so far. %3")
            .arg(m_rumor.value, QString::number(m_rumor.infections.size()), model);
    return tr("“%1”: every live node held it after %2 ms. %3")
        .arg(m_rumor.value,
             QString::number(double(m_rumor.completeNs - m_rumor.startedNs) / 1e6, 'f', 1), model);
}

void ReachChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QRectF plot = QRectF(rect()).adjusted(kMargin, 10, -10, -kMargin + 6);
    p.setPen(palette().text().color());
    p.drawRect(plot);
    const double span = spanSeconds();
    const auto at = [&](double s, double f) {
        return QPointF(plot.left() + plot.width() * s / span, plot.bottom() - plot.height() * f);
    };
    p.drawText(QPointF(plot.left(), plot.bottom() + 14), QStringLiteral("0"));
    p.drawText(QPointF(plot.right() - 60, plot.bottom() + 14),
               tr("%1 ms").arg(span * 1000, 0, 'f', 0));
    p.drawText(QPointF(4, plot.top() + 10), QStringLiteral("100%"));
    p.drawText(QPointF(plot.left() + 4, plot.bottom() + 28), summary());

    QPainterPath model;
    model.moveTo(at(0, lab::serfModelFraction(m_live, 0, m_intervalS, m_fanout, m_loss)));
    for (int i = 1; i <= 200; ++i) {
        const double s = span * i / 200;
        model.lineTo(at(s, lab::serfModelFraction(m_live, s, m_intervalS, m_fanout, m_loss)));
    }
    p.setPen(QPen(QColor(0x88, 0x88, 0x88), 1.5, Qt::DashLine));
    p.drawPath(model);

    if (m_rumor.infections.isEmpty() || m_live <= 0)
        return;
    QPainterPath reach;
    reach.moveTo(at(0, 0));
    int count = 0;
    for (const LabInfection &i : m_rumor.infections) {
        const double s = double(i.atNs - m_rumor.startedNs) / 1e9;
        reach.lineTo(at(s, double(count) / m_live));
        reach.lineTo(at(s, double(++count) / m_live));
    }
    p.setPen(QPen(QColor(0x2e, 0x9d, 0x4f), 2));
    p.drawPath(reach);
}

} // namespace grapevine::ui
