// Closing the window (✕, Ctrl+Q, the demo's SIGTERM) leaves the cluster first: the window
// asks its node to leave and stays open until the leave finished or the bounded wait ran out.
// The wait is driven by hand (GracefulClose::expireGuard), never by sleeping on the timer.
#include "synthetic.h"
#include "ui/graceful_close.h"
#include "ui/main_window.h"

#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

using namespace grapevine;
using namespace grapevine::ui;

class TestWindowClose : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("grapevine-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_window_close"));
    }
    void init()
    {
        m_window = std::make_unique<MainWindow>(AppSettings{});
        m_leave = std::make_unique<QSignalSpy>(m_window.get(), &MainWindow::leaveRequested);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_leave.reset();
        m_window.reset();
    }

    void closingLeavesTheClusterBeforeTheWindowCloses()
    {
        start();
        QVERIFY(!m_window->close()); // the close waits for the leave
        QCOMPARE(m_leave->count(), 1);
        QVERIFY(m_window->isVisible());
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("Leaving")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        m_window->onLeaveFinished();
        QVERIFY(!m_window->isVisible());
        QCOMPARE(m_leave->count(), 1);
    }

    void ctrlQLeavesLikeTheCloseButton()
    {
        start();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_Q, Qt::ControlModifier);
        QCOMPARE(m_leave->count(), 1);
        QVERIFY(m_window->isVisible());
        m_window->onLeaveFinished();
        QVERIFY(!m_window->isVisible());
    }

    void aLeaveThatNeverFinishesStillClosesAfterTheBoundedWait()
    {
        start();
        QVERIFY(!m_window->close());
        auto *guard = m_window->findChild<QTimer *>(QStringLiteral("leaveGuard"));
        QVERIFY(guard);
        QVERIFY(guard->isActive());
        QCOMPARE(guard->interval(), GracefulClose::kDefaultGuardMs);
        m_window->gracefulClose()->expireGuard();
        QVERIFY(!m_window->isVisible());
        QVERIFY(!guard->isActive());
    }

    void closingAgainWhileLeavingClosesAtOnce()
    {
        start();
        QVERIFY(!m_window->close());
        QVERIFY(m_window->close());
        QVERIFY(!m_window->isVisible());
        QCOMPARE(m_leave->count(), 1);
    }

    void aWindowWhoseNodeNeverStartedClosesAtOnce()
    {
        QVERIFY(m_window->close());
        QCOMPARE(m_leave->count(), 0);
    }

    void aWindowThatAlreadyLeftClosesAtOnce()
    {
        start();
        m_window->onLeaveFinished(); // Cluster › Leave finished earlier
        QVERIFY(m_window->isVisible());
        QVERIFY(m_window->close());
        QCOMPARE(m_leave->count(), 0);
    }

    void aLateLeaveFinishedAfterTheWaitChangesNothing()
    {
        start();
        QVERIFY(!m_window->close());
        m_window->gracefulClose()->expireGuard();
        m_window->onLeaveFinished();
        QVERIFY(!m_window->isVisible());
        QCOMPARE(m_window->gracefulClose()->phase(), GracefulClose::Phase::Closing);
    }

private:
    void start()
    {
        m_window->onStarted(QStringLiteral("me"), QStringLiteral("127.0.0.1:7946"));
        m_window->onMemberChanged(
            MemberChange::Joined,
            testing::makeMember(QStringLiteral("me"), 7946, MemberState::Alive, true));
    }

    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QSignalSpy> m_leave;
};

QTEST_MAIN(TestWindowClose)
#include "tst_window_close.moc"
