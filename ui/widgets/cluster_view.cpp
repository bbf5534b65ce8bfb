#include "ui/widgets/cluster_view.h"

#include "ui/models/display_format.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QtMath>

namespace grapevine::ui {

namespace {
constexpr int kLabelLimit = 40;  // beyond this many members names would overlap
constexpr int kShootMs = 220;    // time for an arrow to reach its target
constexpr int kMaxLabelPx = 130; // longer names are elided in the middle (tooltip: whole)
constexpr double kLabelGap = 3;
constexpr double kLegendMargin = 8;
const QColor kValueColor(0x8e, 0x44, 0xad);

QColor colorOfPacket(const PacketTrace &trace)
{
    if (!trace.error.isEmpty())
        return stateColor(MemberState::Dead);
    for (const TracedMessage &m : trace.messages) {
        switch (m.type) {
        case wire::MessageType::User:
            return kValueColor; // a value travelling
        case wire::MessageType::Suspect:
            return stateColor(MemberState::Suspect);
        case wire::MessageType::Dead:
            return stateColor(MemberState::Dead);
        case wire::MessageType::PushPull:
            return QColor(0x16, 0xa0, 0x85);
        default:
            break; // the first part that says more decides
        }
    }
    return QColor(0x2b, 0x6c, 0xc4);
}

QString stateToolTip(MemberState state)
{
    switch (state) {
    case MemberState::Alive:
        return ClusterView::tr("Alive: answering probes (directly or through other members).");
    case MemberState::Suspect:
        return ClusterView::tr("Suspect: a probe went unanswered; the member is declared dead "
                               "unless it refutes before its suspicion timeout.");
    case MemberState::Dead:
        return ClusterView::tr("Dead: the suspicion timed out without a refutation. Listed "
                               "until the cluster forgets it, then under Departed members.");
    case MemberState::Left:
        return ClusterView::tr("Left: the member said goodbye (a graceful leave).");
    }
    return {};
}

} // namespace

ClusterView::ClusterView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("clusterView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_clock.start();
    m_frame.setInterval(kFrameMs);
    connect(&m_frame, &QTimer::timeout, this, &ClusterView::onFrame);
    m_sceneTimer.setSingleShot(true);
    m_sceneTimer.setInterval(kSceneMs);
    connect(&m_sceneTimer, &QTimer::timeout, this, qOverload<>(&QWidget::update));
}

QString ClusterView::arrowColoursToolTip()
{
    return tr("<b>Arrows</b> are packets, from sender to receiver:<br>"
              "<span style='color:#2b6cc4'>■</span> blue — probes, acks and membership gossip<br>"
              "<span style='color:#8e44ad'>■</span> purple — the shared value travelling<br>"
              "<span style='color:#16a085'>■</span> teal — a push/pull (full state sync, TCP)<br>"
              "<span style='color:#e09b14'>■</span> orange — a suspicion<br>"
              "<span style='color:#d03b3b'>■</span> red — a death, or a malformed packet");
}

bool ClusterView::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    QToolTip::showText(help->globalPos(), toolTipAt(help->pos()), this);
    return true;
}

QString ClusterView::toolTipAt(const QPointF &pos)
{
    if (m_sceneDirty)
        renderScene();
    for (const LegendItem &item : std::as_const(m_legend))
        if (item.rect.contains(pos))
            return item.toolTip;
    const double r = dotRadius();
    for (const Dot &d : std::as_const(m_members)) {
        if (QLineF(d.pos, pos).length() <= r + ringPad())
            return tr("%1 — %2 at %3:%4")
                .arg(d.member.name, stateText(d.member.state), d.member.address,
                     QString::number(d.member.port));
    }
    return arrowColoursToolTip();
}

QRectF ClusterView::labelRectOf(const QString &name)
{
    if (m_sceneDirty)
        renderScene();
    const auto it = m_members.constFind(name);
    if (it == m_members.cend() || m_members.size() > kLabelLimit)
        return {};
    return labelRect(*it, dotRadius());
}

QRectF ClusterView::dotRectOf(const QString &name)
{
    if (m_sceneDirty)
        renderScene();
    const auto it = m_members.constFind(name);
    if (it == m_members.cend())
        return {};
    const double extent = dotRadius() + ringPad();
    return {it->pos - QPointF(extent, extent), QSizeF(2 * extent, 2 * extent)};
}

QRectF ClusterView::legendRect()
{
    if (m_sceneDirty)
        renderScene();
    QRectF all;
    for (const LegendItem &item : std::as_const(m_legend))
        all = all.united(item.rect);
    return all;
}

void ClusterView::markSceneDirty()
{
    m_sceneDirty = true;
    if (!m_sceneTimer.isActive())
        m_sceneTimer.start();
}

void ClusterView::resizeEvent(QResizeEvent *event)
{
    m_sceneDirty = true;
    QWidget::resizeEvent(event);
}

void ClusterView::applyChange(MemberChange change, const MemberSnapshot &member)
{
    const QString address =
        QStringLiteral("%1:%2").arg(member.address, QString::number(member.port));
    if (change == MemberChange::Removed) {
        m_members.remove(member.name);
        m_nameByAddress.remove(address);
    } else {
        m_members[member.name].member = member;
        m_nameByAddress.insert(address, member.name);
    }
    if (member.isSelf)
        m_selfName = member.name;
    markSceneDirty();
}

void ClusterView::setLocalVersion(const ValueVersion &version)
{
    m_localVersion = version;
    markSceneDirty();
}

void ClusterView::clear()
{
    m_members.clear();
    m_nameByAddress.clear();
    m_arrows.clear();
    m_frame.stop();
    markSceneDirty();
}

QString ClusterView::keyOfPeer(const PacketTrace &trace) const
{
    if (!trace.peerName.isEmpty() && m_members.contains(trace.peerName))
        return trace.peerName;
    return m_nameByAddress.value(trace.peer);
}

void ClusterView::addPacket(const PacketTrace &trace)
{
    const QString peer = keyOfPeer(trace);
    if (peer.isEmpty() || m_selfName.isEmpty() || peer == m_selfName)
        return;
    Arrow arrow;
    arrow.from = trace.direction == Direction::Out ? m_selfName : peer;
    arrow.to = trace.direction == Direction::Out ? peer : m_selfName;
    arrow.bornMs = m_clock.elapsed();
    arrow.color = colorOfPacket(trace);
    m_arrows.push_back(std::move(arrow));
    while (int(m_arrows.size()) > kMaxArrows)
        m_arrows.pop_front();
    if (!m_frame.isActive())
        m_frame.start();
}

void ClusterView::onFrame()
{
    const qint64 now = m_clock.elapsed();
    while (!m_arrows.empty() && now - m_arrows.front().bornMs >= kArrowLifeMs)
        m_arrows.pop_front();
    if (m_arrows.empty())
        m_frame.stop();
    markSceneDirty();
}

ValueVersion ClusterView::newestVersion() const
{
    ValueVersion newest = m_localVersion;
    for (const Dot &d : m_members) {
        if (d.member.heldVersion > newest)
            newest = d.member.heldVersion;
    }
    return newest;
}

double ClusterView::dotRadius() const
{
    const int n = qMax(1, int(m_members.size()));
    const double byCount = n <= 12 ? 16.0 : qMax(2.5, 16.0 * std::sqrt(12.0 / n));
    if (n < 2 || m_radius <= 0)
        return byCount;
    // In a small view, neighbours on a small ring must not overlap: a dot and its value ring
    // take at most ~60 % of the gap to the next one.
    return qMax(2.5, qMin(byCount, 0.6 * m_radius * std::sin(M_PI / n)));
}

void ClusterView::layoutDots()
{
    const bool labels = m_members.size() <= kLabelLimit;
    const QRectF legend = layoutLegend();
    const QRectF area(0, legend.bottom() + 2, width(), height() - legend.bottom() - 2);
    // Room around the ring for a dot, its value ring and its name, so no label leaves the
    // view or sits on a neighbour's ring.
    m_radius = 0; // the dots' size by count alone, to leave room for them
    const double rim = dotRadius() + ringPad() + kLabelGap;
    const QSizeF label = labels ? maxLabelSize() : QSizeF(0, 0);
    m_center = area.center();
    m_radius = qMax(10.0, qMin(area.width() / 2 - rim - label.width(),
                               area.height() / 2 - rim - label.height()));
    // Self sits at the top; the others follow clockwise in name order.
    QStringList order;
    if (m_members.contains(m_selfName))
        order << m_selfName;
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it) {
        if (it.key() != m_selfName)
            order << it.key();
    }
    const int n = int(order.size());
    for (int i = 0; i < n; ++i) {
        const double angle = -M_PI / 2 + 2 * M_PI * i / qMax(1, n);
        m_members[order.at(i)].pos =
            m_center + QPointF(std::cos(angle), std::sin(angle)) * m_radius;
    }
}

void ClusterView::paintEvent(QPaintEvent *)
{
    if (m_sceneDirty || m_scene.size() != size() * devicePixelRatio())
        renderScene();
    QPainter p(this);
    p.drawPixmap(0, 0, m_scene);
    p.setRenderHint(QPainter::Antialiasing);
    paintArrows(p);
}

void ClusterView::renderScene()
{
    m_sceneDirty = false;
    m_scene = QPixmap(size() * devicePixelRatio());
    m_scene.setDevicePixelRatio(devicePixelRatio());
    QPainter p(&m_scene);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    layoutDots();
    paintRing(p);
    paintDots(p);
    paintLegend(p);
}

void ClusterView::paintRing(QPainter &p) const
{
    p.setPen(QPen(palette().mid().color(), 1, Qt::DotLine));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(m_center, m_radius, m_radius);
    if (m_members.isEmpty()) {
        p.setPen(palette().text().color());
        p.drawText(rect(), Qt::AlignCenter, tr("Not started"));
    }
}

void ClusterView::paintArrows(QPainter &p) const
{
    const qint64 now = m_clock.elapsed();
    const double r = dotRadius();
    for (const Arrow &a : m_arrows) {
        const auto from = m_members.constFind(a.from);
        const auto to = m_members.constFind(a.to);
        if (from == m_members.cend() || to == m_members.cend())
            continue;
        const qint64 age = now - a.bornMs;
        const QLineF full(from->pos, to->pos);
        if (full.length() < 2 * r + 1)
            continue;
        const QPointF unit = (full.p2() - full.p1()) / full.length();
        const QPointF start = full.p1() + unit * (r + 2);
        const double travel = (full.length() - 2 * r - 4) * qMin(1.0, double(age) / kShootMs);
        const QPointF tip = start + unit * travel;
        QColor c = a.color;
        c.setAlphaF(float(qBound(0.0, 1.0 - double(age) / kArrowLifeMs, 1.0)));
        p.setPen(QPen(c, 2, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(start, tip);
        const QPointF normal(-unit.y(), unit.x());
        QPainterPath head;
        head.moveTo(tip);
        head.lineTo(tip - unit * 9 + normal * 4.5);
        head.lineTo(tip - unit * 9 - normal * 4.5);
        head.closeSubpath();
        p.fillPath(head, c);
    }
}

void ClusterView::paintDots(QPainter &p)
{
    const double r = dotRadius();
    const ValueVersion newest = newestVersion();
    const bool labels = m_members.size() <= kLabelLimit;
    for (const Dot &d : m_members) {
        const MemberSnapshot &m = d.member;
        const bool ringed = !newest.isNull() && m.heldVersion == newest;
        if (!labels) {
            // Large clusters: blit one pre-drawn sprite per look instead of path-filling.
            const QPixmap &s = sprite(m, ringed, r);
            p.drawPixmap(d.pos - QPointF(s.width(), s.height()) / (2 * s.devicePixelRatio()), s);
            continue;
        }
        if (ringed) {
            p.setPen(QPen(kValueColor, qMax(1.5, r / 5)));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(d.pos, r + qMax(3.0, r / 3), r + qMax(3.0, r / 3));
        }
        p.setPen(m.isSelf ? QPen(palette().text().color(), 3) : QPen(Qt::white, 1.5));
        p.setBrush(stateColor(m.state));
        p.drawEllipse(d.pos, r, r);
        if (!labels)
            continue;
        QFont f = font();
        f.setBold(m.isSelf);
        p.setFont(f);
        p.setPen(palette().text().color());
        p.drawText(labelRect(d, r), Qt::AlignCenter, labelText(m));
    }
}

QString ClusterView::labelText(const MemberSnapshot &m) const
{
    const QString text = m.isSelf ? tr("%1 (you)").arg(m.name) : m.name;
    QFont bold = font();
    bold.setBold(true);
    return QFontMetrics(bold).elidedText(text, Qt::ElideMiddle, kMaxLabelPx);
}

QSizeF ClusterView::maxLabelSize() const
{
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    double widest = 0;
    for (const Dot &d : m_members)
        widest = qMax(widest, double(metrics.horizontalAdvance(labelText(d.member))));
    return {widest + 2, double(metrics.height())};
}

// The label sits just outside the dot's value ring, pushed away from the centre by half its
// own size, so it never covers the dot, its ring or the ring line.
QRectF ClusterView::labelRect(const Dot &d, double r) const
{
    const QPointF out = (d.pos - m_center) / qMax(1.0, m_radius);
    QFont bold = font();
    bold.setBold(true);
    const QSizeF size(QFontMetrics(bold).horizontalAdvance(labelText(d.member)) + 2,
                      QFontMetrics(bold).height());
    const QPointF edge = d.pos + out * (r + ringPad() + kLabelGap);
    const QPointF centre = edge + QPointF(out.x() * size.width() / 2, out.y() * size.height() / 2);
    return {centre - QPointF(size.width() / 2, size.height() / 2), size};
}

double ClusterView::ringPad() const
{
    return qMax(3.0, dotRadius() / 3) + 2;
}

QPixmap ClusterView::sprite(const MemberSnapshot &m, bool ringed, double r)
{
    if (r != m_spriteRadius) {
        m_sprites.clear();
        m_spriteRadius = r;
    }
    const int key = int(m.state) | (ringed ? 0x10 : 0) | (m.isSelf ? 0x20 : 0);
    const auto it = m_sprites.constFind(key);
    if (it != m_sprites.cend())
        return *it;
    const double ring = ringed ? qMax(2.5, r / 3) + 2 : 1.5;
    const int side = int(std::ceil(2 * (r + ring))) + 2;
    QPixmap pixmap(QSize(side, side) * devicePixelRatio());
    pixmap.setDevicePixelRatio(devicePixelRatio());
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QPointF c(side / 2.0, side / 2.0);
    if (ringed) {
        p.setPen(QPen(kValueColor, 1.5));
        p.drawEllipse(c, r + ring - 1, r + ring - 1);
    }
    p.setPen(m.isSelf ? QPen(palette().text().color(), 2) : Qt::NoPen);
    p.setBrush(stateColor(m.state));
    p.drawEllipse(c, r, r);
    p.end();
    m_sprites.insert(key, pixmap);
    return pixmap;
}

QList<ClusterView::LegendItem> ClusterView::legendItems() const
{
    QList<LegendItem> items;
    for (MemberState s :
         {MemberState::Alive, MemberState::Suspect, MemberState::Dead, MemberState::Left})
        items.append({stateText(s), stateColor(s), false, stateToolTip(s), {}});
    items.append({tr("holds newest value"),
                  kValueColor,
                  true,
                  tr("Ringed members advertise (in their metadata) the newest value version "
                     "this node knows of; watch the ring spread after a set."),
                  {}});
    return items;
}

// Items flow left to right and wrap onto a second line in a narrow view.
QRectF ClusterView::layoutLegend()
{
    m_legend = legendItems();
    const QFontMetrics metrics(legendFont());
    const double lineHeight = metrics.height() + 4;
    double x = kLegendMargin;
    double y = 4;
    for (LegendItem &item : m_legend) {
        const double w = 14 + metrics.horizontalAdvance(item.text);
        if (x > kLegendMargin && x + w > width() - kLegendMargin) {
            x = kLegendMargin;
            y += lineHeight;
        }
        item.rect = QRectF(x, y, w, lineHeight);
        x += w + 10;
    }
    return {0, 0, double(width()), y + lineHeight};
}

QFont ClusterView::legendFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    return f;
}

void ClusterView::paintLegend(QPainter &p) const
{
    p.setFont(legendFont());
    for (const LegendItem &item : m_legend) {
        const QPointF dot(item.rect.left() + 5, item.rect.center().y());
        p.setPen(item.ringOnly ? QPen(item.color, 2) : QPen(Qt::NoPen));
        p.setBrush(item.ringOnly ? QBrush(Qt::NoBrush) : QBrush(item.color));
        p.drawEllipse(dot, 5, 5);
        p.setPen(palette().text().color());
        p.drawText(item.rect.adjusted(14, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, item.text);
    }
}

} // namespace grapevine::ui
