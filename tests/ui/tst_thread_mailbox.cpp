// ThreadMailbox: work posted from other threads runs in the mailbox's thread, in the order it
// was posted, a burst costs one wake-up, a function that spins a nested event loop keeps the
// order, and call() returns only after the work ran, with what it wrote visible.
#include "ui/thread_mailbox.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <thread>
#include <vector>

using namespace grapevine::ui;

class TestThreadMailbox : public QObject {
    Q_OBJECT
private slots:
    void postsFromAnotherThreadRunHereInOrder()
    {
        ThreadMailbox mailbox;
        std::vector<int> ran;
        bool allHere = true;
        QThread *const here = QThread::currentThread();
        std::thread poster([&] {
            for (int i = 0; i < 1000; ++i)
                mailbox.post([&, i] {
                    ran.push_back(i);
                    allHere = allHere && QThread::currentThread() == here;
                });
        });
        poster.join();
        QTRY_COMPARE(ran.size(), std::size_t(1000));
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(ran[std::size_t(i)], i);
        QVERIFY(allHere);
    }

    void aBurstWakesOnce()
    {
        ThreadMailbox mailbox;
        QSignalSpy wakes(&mailbox, &ThreadMailbox::wake);
        int ran = 0;
        for (int i = 0; i < 50; ++i)
            mailbox.post([&ran] { ++ran; });
        QCOMPARE(wakes.count(), 1);
        QTRY_COMPARE(ran, 50);
        mailbox.post([&ran] { ++ran; }); // drained: the next post wakes again
        QCOMPARE(wakes.count(), 2);
        QTRY_COMPARE(ran, 51);
    }

    void aNestedEventLoopKeepsTheOrder()
    {
        ThreadMailbox mailbox;
        QStringList ran;
        mailbox.post([&] {
            ran << QStringLiteral("first");
            mailbox.post([&ran] { ran << QStringLiteral("third"); });
            QEventLoop loop; // as a modal dialog would
            QTimer::singleShot(20, &loop, &QEventLoop::quit);
            loop.exec();
        });
        mailbox.post([&ran] { ran << QStringLiteral("second"); });
        QTRY_COMPARE(ran.size(), 3);
        QCOMPARE(ran, (QStringList{QStringLiteral("first"), QStringLiteral("second"),
                                   QStringLiteral("third")}));
    }

    void callWaitsForTheWorkInTheMailboxThread()
    {
        QThread thread;
        auto *mailbox = new ThreadMailbox;
        mailbox->moveToThread(&thread);
        connect(&thread, &QThread::finished, mailbox, &QObject::deleteLater);
        thread.start();
        QThread *ranIn = nullptr;
        QString written;
        mailbox->call([&] {
            ranIn = QThread::currentThread();
            written = QStringLiteral("from the mailbox's thread");
        });
        QCOMPARE(ranIn, &thread);
        QCOMPARE(written, QStringLiteral("from the mailbox's thread"));
        thread.quit();
        thread.wait();
    }
};

QTEST_GUILESS_MAIN(TestThreadMailbox)
#include "tst_thread_mailbox.moc"
