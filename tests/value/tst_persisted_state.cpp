// The state file that keeps the value and the clock across a restart.
#include "core/value/persisted_state.h"

#include <QTest>

using namespace grapevine::value;

class TestPersistedState : public QObject {
    Q_OBJECT
private slots:
    void roundtripKeepsValueVersionAndClock()
    {
        const ValueRegister::Entry e{"multi\nline \\ value\r\xc3\xa9", Version{17, "n 1"},
                                     1764581234567};
        const auto parsed = parsePersisted(serializePersisted(e, 40));
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->entry, e);
        QCOMPARE(parsed->clock, 40ull);
    }

    void emptyRegisterRoundtrips()
    {
        const auto parsed = parsePersisted(serializePersisted({}, 0));
        QVERIFY(parsed.ok());
        QVERIFY(parsed->entry.version.isNull());
    }

    void clockIsNeverBelowTheEntry()
    {
        const std::string text = "grapevine-state 1\nclock 2\nlamport 9\norigin n\n"
                                 "updated_ms 0\nvalue v\n";
        const auto parsed = parsePersisted(text);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->clock, 9ull);
    }

    void unknownLinesAreIgnored()
    {
        const std::string text = "grapevine-state 1\nclock 3\nlamport 2\norigin n\n"
                                 "updated_ms 0\nvalue v\nfuture-field x\n";
        QVERIFY(parsePersisted(text).ok());
    }

    void corruptFileIsAnError_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("foreign") << QByteArray("{\"value\":\"x\"}\n");
        QTest::newRow("missing value")
            << QByteArray("grapevine-state 1\nclock 1\nlamport 1\norigin n\nupdated_ms 0\n");
        QTest::newRow("bad number") << QByteArray(
            "grapevine-state 1\nclock x\nlamport 1\norigin n\nupdated_ms 0\nvalue v\n");
        QTest::newRow("negative clock") << QByteArray(
            "grapevine-state 1\nclock -1\nlamport 1\norigin n\nupdated_ms 0\nvalue v\n");
        QTest::newRow("bad escape") << QByteArray(
            "grapevine-state 1\nclock 1\nlamport 1\norigin n\nupdated_ms 0\nvalue \\q\n");
        QTest::newRow("line without key") << QByteArray("grapevine-state 1\nclock\n");
        QTest::newRow("invalid utf-8") << QByteArray(
            "grapevine-state 1\nclock 1\nlamport 1\norigin n\nupdated_ms 0\nvalue \xff\n");
        QTest::newRow("truncated") << QByteArray("grapevine-state 1\nclock 1\nlamp");
        // Found by fuzz_state_file: limits no node could have set a value beyond.
        QTest::newRow("value over the limit")
            << QByteArray("grapevine-state 1\nclock 1\nlamport 1\norigin n\nupdated_ms 0\nvalue ") +
                   QByteArray(449, 'v') + "\n";
        QTest::newRow("origin over the limit")
            << QByteArray("grapevine-state 1\nclock 1\nlamport 1\nupdated_ms 0\nvalue v\norigin ") +
                   QByteArray(129, 'n') + "\n";
    }
    void corruptFileIsAnError()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!parsePersisted(text.toStdString()).ok());
    }
};

QTEST_APPLESS_MAIN(TestPersistedState)
#include "tst_persisted_state.moc"
