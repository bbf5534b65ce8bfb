// Register ordering and the Lamport clock: every node must pick the same winner.
#include "core/value/value_register.h"

#include <QTest>
#include <limits>

using grapevine::value::ValueRegister;
using grapevine::value::Version;
using Entry = ValueRegister::Entry;

class TestValueRegister : public QObject {
    Q_OBJECT
private slots:
    void versionsOrderByLamportThenOrigin_data()
    {
        QTest::addColumn<quint64>("lamportA");
        QTest::addColumn<QByteArray>("originA");
        QTest::addColumn<quint64>("lamportB");
        QTest::addColumn<QByteArray>("originB");
        QTest::addColumn<int>("expected"); // sign of a <=> b
        QTest::newRow("higher lamport wins over name")
            << 5ull << QByteArray("a") << 4ull << QByteArray("z") << 1;
        QTest::newRow("same lamport: name breaks tie")
            << 7ull << QByteArray("n1") << 7ull << QByteArray("n2") << -1;
        QTest::newRow("equal") << 3ull << QByteArray("x") << 3ull << QByteArray("x") << 0;
        QTest::newRow("names compare as unsigned bytes")
            << 2ull << QByteArray("\xc3\xa9") << 2ull << QByteArray("z") << 1;
        QTest::newRow("prefix is smaller")
            << 2ull << QByteArray("n") << 2ull << QByteArray("n1") << -1;
    }
    void versionsOrderByLamportThenOrigin()
    {
        QFETCH(quint64, lamportA);
        QFETCH(QByteArray, originA);
        QFETCH(quint64, lamportB);
        QFETCH(QByteArray, originB);
        QFETCH(int, expected);
        const Version a{lamportA, originA.toStdString()};
        const Version b{lamportB, originB.toStdString()};
        const auto c = a <=> b;
        QCOMPARE(c < 0 ? -1 : (c > 0 ? 1 : 0), expected);
        const auto r = b <=> a;
        QCOMPARE(r < 0 ? -1 : (r > 0 ? 1 : 0), -expected);
    }

    void newRegisterHoldsNullVersion()
    {
        ValueRegister r;
        QVERIFY(r.current().version.isNull());
        QCOMPARE(r.clock(), 0ull);
    }

    void setTakesMaxSeenPlusOne()
    {
        ValueRegister r;
        QCOMPARE(r.set("a", "n1", 10).lamport, 1ull);
        r.observe(41);
        const Version v = r.set("b", "n1", 20);
        QCOMPARE(v.lamport, 42ull);
        QCOMPARE(v.origin, std::string("n1"));
        QCOMPARE(r.current().value, std::string("b"));
        QCOMPARE(r.current().updatedMs, 20);
        QCOMPARE(r.clock(), 42ull);
    }

    void applyTakesOnlyStrictlyNewer()
    {
        ValueRegister r;
        QVERIFY(r.apply(Entry{"x", {5, "n2"}, 1}));
        QVERIFY(!r.apply(Entry{"dup", {5, "n2"}, 2})); // equal: keep
        QVERIFY(!r.apply(Entry{"old", {5, "n1"}, 3})); // tie lost on name
        QVERIFY(!r.apply(Entry{"older", {4, "z"}, 4}));
        QCOMPARE(r.current().value, std::string("x"));
        QVERIFY(r.apply(Entry{"y", {5, "n3"}, 5})); // tie won on name
        QCOMPARE(r.current().value, std::string("y"));
    }

    void applyObservesClockEvenWhenOlder()
    {
        ValueRegister r;
        r.set("mine", "n9", 0); // (1, n9)
        QVERIFY(r.apply(Entry{"far", {100, "a"}, 0}));
        QVERIFY(!r.apply(Entry{"old", {50, "a"}, 0}));
        QCOMPARE(r.clock(), 100ull);
        QCOMPARE(r.set("next", "n9", 0).lamport, 101ull); // a set after beats what we saw
    }

    void concurrentSetsConvergeWhateverTheOrder()
    {
        const Entry a{"A", {3, "n1"}, 0}, b{"B", {3, "n2"}, 0}, c{"C", {2, "n9"}, 0};
        ValueRegister x, y;
        for (const Entry &e : {a, b, c})
            x.apply(e);
        for (const Entry &e : {c, b, a})
            y.apply(e);
        QCOMPARE(x.current().value, std::string("B"));
        QCOMPARE(y.current(), x.current());
    }

    void clockSaturatesInsteadOfWrapping()
    {
        ValueRegister r;
        r.observe(std::numeric_limits<std::uint64_t>::max());
        QCOMPARE(r.set("v", "n1", 0).lamport, std::numeric_limits<std::uint64_t>::max());
    }

    void restoreNeverLowersClockBelowEntry()
    {
        ValueRegister r;
        r.restore(Entry{"kept", {9, "n1"}, 5}, 3);
        QCOMPARE(r.clock(), 9ull);
        QCOMPARE(r.current().value, std::string("kept"));
        QCOMPARE(r.set("n", "n1", 6).lamport, 10ull);
    }
};

QTEST_APPLESS_MAIN(TestValueRegister)
#include "tst_value_register.moc"
