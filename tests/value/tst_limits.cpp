// The value limits: exactly at the limit is fine, one byte over or bad UTF-8 is refused.
#include "core/value/envelope.h"
#include "core/value/limits.h"

#include <QTest>

using namespace grapevine::value;

class TestLimits : public QObject {
    Q_OBJECT
private slots:
    void valueAtTheLimitIsAccepted()
    {
        QVERIFY(!validateValue(std::string(kMaxValueBytes, 'a')));
        // Multi-byte characters count in bytes: 149 × 3-byte "€" + 1 = 448 bytes.
        std::string euros;
        for (int i = 0; i < 149; ++i)
            euros += "\xe2\x82\xac";
        euros += "x";
        QCOMPARE(euros.size(), kMaxValueBytes);
        QVERIFY(!validateValue(euros));
    }
    void valueOneByteOverIsRefusedWithItsSize()
    {
        const auto err = validateValue(std::string(kMaxValueBytes + 1, 'a'));
        QVERIFY(err);
        QVERIFY2(err->find("449 bytes") != std::string::npos, err->c_str());
        QVERIFY2(err->find("448") != std::string::npos, err->c_str());
    }
    void emptyValueIsAccepted() { QVERIFY(!validateValue("")); }

    void invalidUtf8IsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("lone continuation") << QByteArray("ab\x80");
        QTest::newRow("C1 lead (our envelope)") << QByteArray("\xc1GV");
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf");
        QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80");
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
        QTest::newRow("truncated") << QByteArray("ok\xe2\x82");
        QTest::newRow("F5") << QByteArray("\xf5\x80\x80\x80");
    }
    void invalidUtf8IsRefused()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!isValidUtf8(bytes.toStdString()));
        const auto err = validateValue(bytes.toStdString());
        QVERIFY(err);
        QVERIFY2(err->find("UTF-8") != std::string::npos, err->c_str());
    }

    void validUtf8IsAccepted_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("ascii") << QByteArray("hello");
        QTest::newRow("2-byte") << QByteArray("caf\xc3\xa9");
        QTest::newRow("3-byte max BMP") << QByteArray("\xef\xbf\xbf");
        QTest::newRow("4-byte emoji") << QByteArray("\xf0\x9f\x8d\x87");
        QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf");
    }
    void validUtf8IsAccepted()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(isValidUtf8(bytes.toStdString()));
    }

    void originLimitIsEnforced()
    {
        QVERIFY(!validateOrigin(std::string(kMaxOriginBytes, 'n')));
        QVERIFY(validateOrigin(std::string(kMaxOriginBytes + 1, 'n')));
        QVERIFY(validateOrigin(""));
    }

    // docs/protocol.md "Limits": the largest envelope leaves >= 512 bytes of a gossip packet.
    void largestEnvelopeLeavesRoomForMembership()
    {
        const Entry e{std::string(kMaxValueBytes, 'v'),
                      Version{~0ull, std::string(kMaxOriginBytes, 'o')}, 0};
        const std::size_t envelope = encodeEnvelope(e).size();
        QCOMPARE(envelope, kMaxEnvelopeBytes);
        const int udp = 1400, label = 2 + 255, encryption = 29, compoundHeader = 2;
        const int userPart = 1 + int(envelope) + 2; // type byte, envelope, part length
        const int room = udp - compoundHeader - label - encryption - userPart;
        QVERIFY2(room >= 512, qPrintable(QString::number(room)));
    }
};

QTEST_APPLESS_MAIN(TestLimits)
#include "tst_limits.moc"
