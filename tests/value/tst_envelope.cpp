// The envelope, the push/pull state and the metadata: roundtrips, the plain-text rule, and
// bad input that must give an error (never a crash, never a value).
#include "core/value/envelope.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::value;

namespace {

wire::Bytes bytesOf(const QByteArray &a)
{
    return wire::Bytes(a.begin(), a.end());
}

const Entry kEntry{"hello, w\xc3\xb6rld", Version{0x0102030405060708ull, "node-1"}, 0};

} // namespace

class TestEnvelope : public QObject {
    Q_OBJECT
private slots:
    void envelopeRoundtripsEveryField()
    {
        const wire::Bytes bytes = encodeEnvelope(kEntry);
        const UserPayload decoded = decodeUserPayload(bytes, 777);
        const Entry *e = std::get_if<Entry>(&decoded);
        QVERIFY(e);
        QCOMPARE(e->value, kEntry.value);
        QCOMPARE(e->version, kEntry.version);
        QCOMPARE(e->updatedMs, 777); // stamped on arrival, never carried
    }

    void envelopeBytesAreAsDocumented()
    {
        const Entry e{"hi", Version{5, "n1"}, 0};
        QCOMPARE(wire::toHex(encodeEnvelope(e)),
                 std::string("c1 47 56 01 00 00 00 00 00 00 00 05 00 02 6e 31 00 02 68 69"));
    }

    void emptyValueRoundtrips()
    {
        const Entry e{"", Version{1, "n"}, 0};
        const UserPayload d = decodeUserPayload(encodeEnvelope(e), 0);
        QVERIFY(std::holds_alternative<Entry>(d));
        QCOMPARE(std::get<Entry>(d).value, std::string());
    }

    void trailingBytesAreIgnoredForAppendedFields()
    {
        wire::Bytes b = encodeEnvelope(kEntry);
        b.push_back(0x99);
        QVERIFY(std::holds_alternative<Entry>(decodeUserPayload(b, 0)));
    }

    void plainTextIsAPlainValue_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("ascii") << QByteArray("hello");
        QTest::newRow("utf-8") << QByteArray("gr\xc3\xa4pe");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("looks like magic but ascii") << QByteArray("GV\x01");
    }
    void plainTextIsAPlainValue()
    {
        QFETCH(QByteArray, bytes);
        const UserPayload d = decodeUserPayload(bytesOf(bytes), 0);
        const auto *plain = std::get_if<PlainValue>(&d);
        QVERIFY(plain);
        QCOMPARE(QByteArray::fromStdString(plain->text), bytes);
    }

    void badPayloadIsAnError_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("C1 but not our magic") << QByteArray("\xc1xyz") << "UTF-8";
        QTest::newRow("invalid utf-8") << QByteArray("ab\xff") << "UTF-8";
        QTest::newRow("header only") << QByteArray("\xc1GV\x01") << "lamport";
        QTest::newRow("short magic") << QByteArray("\xc1GV") << "UTF-8";
        QTest::newRow("unknown format") << QByteArray("\xc1GV\x03", 4) << "format";
        QTest::newRow("meta is not a message") << QByteArray("\xc1GV\x81", 4) << "format";
        QTest::newRow("origin runs past end")
            << QByteArray("\xc1GV\x01\0\0\0\0\0\0\0\x01\0\x09n1", 16) << "origin";
        QTest::newRow("value missing")
            << QByteArray("\xc1GV\x01\0\0\0\0\0\0\0\x01\0\x02n1", 16) << "value";
        QTest::newRow("lamport zero")
            << QByteArray("\xc1GV\x01\0\0\0\0\0\0\0\0\0\x02n1\0\0", 18) << "lamport";
        QTest::newRow("empty origin")
            << QByteArray("\xc1GV\x01\0\0\0\0\0\0\0\x01\0\0\0\0", 16) << "origin";
        QTest::newRow("value not utf-8")
            << QByteArray("\xc1GV\x01\0\0\0\0\0\0\0\x01\0\x01n\0\x01\xff", 18) << "UTF-8";
    }
    void badPayloadIsAnError()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const UserPayload d = decodeUserPayload(bytesOf(bytes), 0);
        const auto *err = std::get_if<wire::Error>(&d);
        QVERIFY(err);
        QVERIFY2(QString::fromStdString(err->message).contains(expected), err->message.c_str());
    }

    void overLimitValueInEnvelopeIsRefused()
    {
        const Entry big{std::string(kMaxValueBytes + 1, 'x'), Version{1, "n"}, 0};
        QVERIFY(std::holds_alternative<wire::Error>(decodeUserPayload(encodeEnvelope(big), 0)));
    }

    void everyTruncationIsAnErrorNotACrash()
    {
        const wire::Bytes full = encodeEnvelope(kEntry);
        for (std::size_t n = 0; n < full.size(); ++n) {
            const wire::ByteView cut(full.data(), n);
            const UserPayload d = decodeUserPayload(cut, 0);
            QVERIFY2(!std::holds_alternative<Entry>(d), qPrintable(QString::number(n)));
        }
    }

    void heldNoticeRoundtripsAndIsNotAValue()
    {
        const Version v{9, "n3"};
        const wire::Bytes bytes = encodeHeldNotice(v);
        QCOMPARE(wire::toHex(bytes),
                 std::string("c1 47 56 02 00 00 00 00 00 00 00 09 00 02 6e 33"));
        const UserPayload d = decodeUserPayload(bytes, 0);
        QVERIFY(std::holds_alternative<HeldNotice>(d));
        QCOMPARE(std::get<HeldNotice>(d).version, v);
        QVERIFY(!decodeState(bytes, 0).ok());
        QVERIFY(!decodeMeta(bytes));
        const wire::ByteView cut(bytes.data(), bytes.size() - 1);
        QVERIFY(std::holds_alternative<wire::Error>(decodeUserPayload(cut, 0)));
    }

    void stateRoundtripsAndEmptyMeansNothing()
    {
        const auto got = decodeState(encodeState(kEntry), 5);
        QVERIFY(got.ok());
        QVERIFY(got->has_value());
        QCOMPARE((*got)->version, kEntry.version);
        QCOMPARE((*got)->value, kEntry.value);

        QVERIFY(encodeState(Entry{}).empty()); // nothing set: plain programs' form
        const auto none = decodeState({}, 0);
        QVERIFY(none.ok());
        QVERIFY(!none->has_value());
    }

    void foreignStateIsAnError()
    {
        QVERIFY(!decodeState(bytesOf(QByteArray("{\"k\":\"v\"}")), 0).ok());
        QVERIFY(!decodeState(bytesOf(QByteArray("\xc1GV\x01\0", 5)), 0).ok());
    }

    void metaRoundtripsIncludingNull()
    {
        const Version v{42, "n7"};
        const wire::Bytes meta = encodeMeta(v);
        QVERIFY(meta.size() <= 512);
        QCOMPARE(decodeMeta(meta), std::optional<Version>(v));
        QCOMPARE(decodeMeta(encodeMeta(Version{})), std::optional<Version>(Version{}));
        const Version longest{~0ull, std::string(kMaxOriginBytes, 'o')};
        QVERIFY(encodeMeta(longest).size() <= 512);
        QCOMPARE(decodeMeta(encodeMeta(longest)), std::optional<Version>(longest));
    }

    void foreignMetaIsNotOurs_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        // Consul/Serf tags: a msgpack map {"role":"node"}.
        QTest::newRow("consul tags") << QByteArray("\x81\xa4role\xa4node");
        QTest::newRow("text") << QByteArray("zone=a");
        QTest::newRow("our value envelope")
            << QByteArray("\xc1GV\x01\0\0\0\0\0\0\0\x01\0\x01n", 15);
        QTest::newRow("truncated meta") << QByteArray("\xc1GV\x81\0\0", 6);
        QTest::newRow("origin past end") << QByteArray("\xc1GV\x81\0\0\0\0\0\0\0\x01\0\x05n", 15);
    }
    void foreignMetaIsNotOurs()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!decodeMeta(bytesOf(bytes)).has_value());
    }
};

QTEST_APPLESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
