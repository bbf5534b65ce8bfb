// The cluster view: arrows only between known members, capped, and the animation timer
// running only while arrows are alive.
#include "synthetic.h"
#include "ui/widgets/cluster_view.h"

#include <QImage>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using grapevine::testing::makeMember;
using grapevine::testing::makeTrace;
using Type = grapevine::wire::MessageType;

class TestClusterView : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_view = std::make_unique<ClusterView>();
        m_view->resize(400, 400);
        m_view->applyChange(MemberChange::Joined,
                            makeMember(QStringLiteral("me"), 7946, MemberState::Alive, true));
        m_view->applyChange(MemberChange::Joined, makeMember(QStringLiteral("n2"), 7947));
    }
    void cleanup() { m_view.reset(); }

    void idleViewDoesNotAnimate()
    {
        QCOMPARE(m_view->memberCount(), 2);
        QVERIFY(!m_view->isAnimating());
    }

    void packetAnimatesThenStops()
    {
        m_view->addPacket(makeTrace(QStringLiteral("n2"), {Type::Ping}, Direction::Out));
        QCOMPARE(m_view->arrowCount(), 1);
        QVERIFY(m_view->isAnimating());
        QTRY_VERIFY2_WITH_TIMEOUT(
            !m_view->isAnimating(),
            qPrintable(QStringLiteral("%1 arrows still animated").arg(m_view->arrowCount())), 5000);
        QCOMPARE(m_view->arrowCount(), 0);
    }

    void packetFromAnUnknownPeerDrawsNothing()
    {
        PacketTrace trace = makeTrace(QString(), {Type::Ping});
        trace.peer = QStringLiteral("10.9.9.9:1");
        m_view->addPacket(trace);
        QCOMPARE(m_view->arrowCount(), 0);
        QVERIFY(!m_view->isAnimating());
    }

    void peerIsFoundByAddressWhenNameIsUnknown()
    {
        m_view->addPacket(makeTrace(QString(), {Type::Ack})); // 127.0.0.1:7947 is n2
        QCOMPARE(m_view->arrowCount(), 1);
    }

    void arrowsAreCapped()
    {
        for (int i = 0; i < ClusterView::kMaxArrows * 3; ++i)
            m_view->addPacket(makeTrace(QStringLiteral("n2"), {Type::Ping}));
        QCOMPARE(m_view->arrowCount(), ClusterView::kMaxArrows);
    }

    void paintsManyMembersWithoutLabels()
    {
        for (int i = 0; i < 1000; ++i)
            m_view->applyChange(MemberChange::Joined,
                                makeMember(QStringLiteral("m%1").arg(i), quint16(10000 + i)));
        m_view->addPacket(makeTrace(QStringLiteral("m5"), {Type::User}, Direction::Out));
        QImage image(m_view->size(), QImage::Format_ARGB32);
        m_view->render(&image);
        QCOMPARE(m_view->memberCount(), 1002);
        m_view->applyChange(MemberChange::Removed, makeMember(QStringLiteral("m5"), 10005));
        QCOMPARE(m_view->memberCount(), 1001);
    }

private:
    std::unique_ptr<ClusterView> m_view;
};

QTEST_MAIN(TestClusterView)
#include "tst_cluster_view.moc"
