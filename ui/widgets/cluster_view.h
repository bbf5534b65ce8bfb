// cluster_view.h — the cluster drawn as a ring: members on a circle in state colours,
// self highlighted, members holding the newest value ringed (so a value's spread shows hop
// by hop), and each traced packet as a short arrow that shoots from sender to receiver and
// fades. The animation timer runs only while arrows exist; arrows are capped in number.
#pragma once

#include "core/node/node_types.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMap>
#include <QPixmap>
#include <QPointF>
#include <QTimer>
#include <QWidget>
#include <deque>

namespace grapevine::ui {

class ClusterView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxArrows = 150;
    static constexpr int kArrowLifeMs = 600;
    static constexpr int kFrameMs = 16;
    static constexpr int kSceneMs = 100;

    explicit ClusterView(QWidget *parent = nullptr);

    void applyChange(MemberChange change, const MemberSnapshot &member);
    void setLocalVersion(const ValueVersion &version);
    void addPacket(const PacketTrace &trace);
    void clear();

    [[nodiscard]] int memberCount() const { return int(m_members.size()); }
    [[nodiscard]] int arrowCount() const { return int(m_arrows.size()); }
    [[nodiscard]] bool isAnimating() const { return m_frame.isActive(); }
    [[nodiscard]] QSize sizeHint() const override { return {420, 380}; }
    [[nodiscard]] QSize minimumSizeHint() const override { return {200, 150}; }
    // What the view explains under the pointer: a legend entry, a member, or else what the
    // arrow colours mean (the tooltip).
    [[nodiscard]] QString toolTipAt(const QPointF &pos);
    // Where a member's name is drawn (empty when names are not drawn), for layout tests.
    [[nodiscard]] QRectF labelRectOf(const QString &name);
    [[nodiscard]] QRectF dotRectOf(const QString &name); // the dot with its value ring
    [[nodiscard]] QRectF legendRect();
    [[nodiscard]] static QString arrowColoursToolTip();

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Dot {
        MemberSnapshot member;
        QPointF pos;
    };
    struct LegendItem {
        QString text;
        QColor color;
        bool ringOnly = false;
        QString toolTip;
        QRectF rect;
    };
    struct Arrow {
        QString from;
        QString to;
        qint64 bornMs = 0;
        QColor color;
    };

    void onFrame();
    // Membership changes redraw the static scene (ring, dots, labels) at most every
    // kSceneMs into a pixmap; animation frames only blit it and draw the arrows.
    void markSceneDirty();
    void renderScene();
    void layoutDots();
    [[nodiscard]] QPixmap sprite(const MemberSnapshot &m, bool ringed, double r);
    [[nodiscard]] QString keyOfPeer(const PacketTrace &trace) const;
    [[nodiscard]] ValueVersion newestVersion() const;
    [[nodiscard]] double dotRadius() const;
    void paintRing(QPainter &p) const;
    void paintArrows(QPainter &p) const;
    void paintDots(QPainter &p);
    void paintLegend(QPainter &p) const;
    [[nodiscard]] QList<LegendItem> legendItems() const;
    QRectF layoutLegend();
    [[nodiscard]] QFont legendFont() const;
    [[nodiscard]] QString labelText(const MemberSnapshot &m) const;
    [[nodiscard]] QSizeF maxLabelSize() const;
    [[nodiscard]] QRectF labelRect(const Dot &d, double r) const;
    [[nodiscard]] double ringPad() const;

    QMap<QString, Dot> m_members;            // by name
    QHash<QString, QString> m_nameByAddress; // "host:port" -> name, for traces without a name
    QString m_selfName;
    ValueVersion m_localVersion;
    std::deque<Arrow> m_arrows;
    QElapsedTimer m_clock;
    QTimer m_frame;
    QTimer m_sceneTimer;
    QPixmap m_scene;
    bool m_sceneDirty = true;
    QList<LegendItem> m_legend;    // laid out with the scene
    QHash<int, QPixmap> m_sprites; // by state/ring/self, for large clusters
    double m_spriteRadius = 0;
    QPointF m_center;
    double m_radius = 0;
};

} // namespace grapevine::ui
