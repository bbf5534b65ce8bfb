#include "cluster_view.h"

#include "display_format.h"

#include <QPainter>
#include <QPainterPath>
#include <QtMath>

namespace grapevine::ui {

namespace {
constexpr int kLabelLimit = 40; // beyond this many members names would overlap
constexpr int kShootMs = 220;   // time for an arrow to reach its target

QColor colorOfPacket(const PacketTrace &trace)
{
    if (!trace.error.isEmpty())
        return stateColor(MemberState::Dead);
    for (const TracedMessage &m : trace.messages) {
        if (m.type == QLatin1String("user"))
            return QColor(0x8e, 0x44, 0xad); // a value travelling
        if (m.type == QLatin1String("suspect"))
            return stateColor(MemberState::Suspect);
        if (m.type == QLatin1String("dead"))
            return stateColor(MemberState::Dead);
        if (m.type == QLatin1String("push-pull"))
            return QColor(0x16, 0xa0, 0x85);
    }
    return QColor(0x2b, 0x6c, 0xc4);
}

bool newer(const ValueVersion &a, const ValueVersion &b)
{
    return a.lamport != b.lamport ? a.lamport > b.lamport : a.origin > b.origin;
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
    const QString address = QStringLiteral("%1:%2").arg(member.address).arg(member.port);
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
        if (newer(d.member.heldVersion, newest))
            newest = d.member.heldVersion;
    }
    return newest;
}

double ClusterView::dotRadius() const
{
    const int n = qMax(1, int(m_members.size()));
    return n <= 12 ? 16.0 : qMax(2.5, 16.0 * std::sqrt(12.0 / n));
}

void ClusterView::layoutDots()
{
    const bool labels = m_members.size() <= kLabelLimit;
    m_center = QPointF(width() / 2.0, height() / 2.0 + 8);
    m_radius = qMax(10.0, qMin(width(), height()) / 2.0 - (labels ? 62.0 : 24.0));
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
            p.setPen(QPen(QColor(0x8e, 0x44, 0xad), qMax(1.5, r / 5)));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(d.pos, r + qMax(3.0, r / 3), r + qMax(3.0, r / 3));
        }
        p.setPen(m.isSelf ? QPen(palette().text().color(), 3) : QPen(Qt::white, 1.5));
        p.setBrush(stateColor(m.state));
        p.drawEllipse(d.pos, r, r);
        if (!labels)
            continue;
        const QPointF out = (d.pos - m_center) / qMax(1.0, m_radius);
        const QPointF anchor = d.pos + out * (r + 18);
        const QRectF box(anchor.x() - 60, anchor.y() - 9, 120, 18);
        QFont f = font();
        f.setBold(m.isSelf);
        p.setFont(f);
        p.setPen(palette().text().color());
        p.drawText(box, Qt::AlignCenter, m.isSelf ? tr("%1 (you)").arg(m.name) : m.name);
    }
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
        p.setPen(QPen(QColor(0x8e, 0x44, 0xad), 1.5));
        p.drawEllipse(c, r + ring - 1, r + ring - 1);
    }
    p.setPen(m.isSelf ? QPen(palette().text().color(), 2) : Qt::NoPen);
    p.setBrush(stateColor(m.state));
    p.drawEllipse(c, r, r);
    p.end();
    m_sprites.insert(key, pixmap);
    return pixmap;
}

void ClusterView::paintLegend(QPainter &p) const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    p.setFont(f);
    const QList<MemberState> states{MemberState::Alive, MemberState::Suspect, MemberState::Dead,
                                    MemberState::Left};
    qreal x = 10;
    for (MemberState s : states) {
        p.setPen(Qt::NoPen);
        p.setBrush(stateColor(s));
        p.drawEllipse(QPointF(x + 5, 14), 5, 5);
        p.setPen(palette().text().color());
        const QString text = stateText(s);
        p.drawText(QPointF(x + 14, 18), text);
        x += 24 + p.fontMetrics().horizontalAdvance(text);
    }
    p.setPen(QPen(QColor(0x8e, 0x44, 0xad), 2));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(x + 5, 14), 5, 5);
    p.setPen(palette().text().color());
    p.drawText(QPointF(x + 14, 18), tr("holds newest value"));
}

} // namespace grapevine::ui
