// tst_formulas.cpp — memberlist's formulas against the Go values in Appendix A.6.
#include "core/protocol/formulas.h"

#include <QTest>

using namespace grapevine::protocol;
using namespace std::chrono_literals;

class TstFormulas : public QObject {
    Q_OBJECT
private slots:
    void retransmitLimitMatchesGo_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("limit");
        for (int n : {1, 5, 9})
            QTest::addRow("n=%d", n) << n << 4;
        for (int n : {10, 50, 99})
            QTest::addRow("n=%d", n) << n << 8;
        QTest::newRow("n=100") << 100 << 12;
        QTest::newRow("n=999") << 999 << 12;
        QTest::newRow("n=1000") << 1000 << 16;
        QTest::newRow("n=0") << 0 << 0;
    }
    void retransmitLimitMatchesGo()
    {
        QFETCH(int, n);
        QFETCH(int, limit);
        QCOMPARE(retransmitLimit(4, n), limit);
    }

    void suspicionTimeoutTruncatesToThousandths_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("n=1") << 1 << qint64(4000);
        QTest::newRow("n=10") << 10 << qint64(4000);
        QTest::newRow("n=11") << 11 << qint64(4164);
        QTest::newRow("n=50") << 50 << qint64(6792);
        QTest::newRow("n=100") << 100 << qint64(8000);
        QTest::newRow("n=1000") << 1000 << qint64(12000);
    }
    void suspicionTimeoutTruncatesToThousandths()
    {
        QFETCH(int, n);
        QFETCH(qint64, ms);
        QCOMPARE(suspicionTimeout(4, n, 1s), Duration(std::chrono::milliseconds(ms)));
    }

    void pushPullScaleGrowsWithLog2_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("seconds");
        QTest::newRow("n=32") << 32 << 30;
        QTest::newRow("n=33") << 33 << 60;
        QTest::newRow("n=64") << 64 << 60;
        QTest::newRow("n=65") << 65 << 90;
        QTest::newRow("n=128") << 128 << 90;
        QTest::newRow("n=129") << 129 << 120;
        QTest::newRow("n=256") << 256 << 120;
        QTest::newRow("n=1000") << 1000 << 180;
    }
    void pushPullScaleGrowsWithLog2()
    {
        QFETCH(int, n);
        QFETCH(int, seconds);
        QCOMPARE(pushPullScale(30s, n), Duration(std::chrono::seconds(seconds)));
    }

    void remainingSuspicionShrinksWithConfirmations_data()
    {
        QTest::addColumn<int>("confirmations");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("0") << 0 << qint64(24000);
        QTest::newRow("1") << 1 << qint64(14000);
        QTest::newRow("2") << 2 << qint64(8150);
        QTest::newRow("3") << 3 << qint64(4000);
    }
    void remainingSuspicionShrinksWithConfirmations()
    {
        QFETCH(int, confirmations);
        QFETCH(qint64, ms);
        QCOMPARE(remainingSuspicionTime(confirmations, 3, 0s, 4s, 24s),
                 Duration(std::chrono::milliseconds(ms)));
    }

    void remainingSuspicionSubtractsElapsedTime()
    {
        QCOMPARE(remainingSuspicionTime(1, 3, 10s, 4s, 24s), Duration(4s));
        QVERIFY(remainingSuspicionTime(3, 3, 5s, 4s, 24s) < Duration::zero());
    }
};

QTEST_APPLESS_MAIN(TstFormulas)
#include "tst_formulas.moc"
