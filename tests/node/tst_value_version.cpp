// ValueVersion, the version the window shows, ranks two versions exactly as every node's
// register does (core/value's Version): the window must never call "behind" what the
// cluster keeps as the winner.
#include "core/node/node_types.h"
#include "core/value/version.h"

#include <QTest>

#include <limits>

using grapevine::ValueVersion;

namespace {

ValueVersion version(quint64 lamport, const QString &origin)
{
    return ValueVersion{lamport, origin};
}

grapevine::value::Version registerVersion(const ValueVersion &v)
{
    return {v.lamport, v.origin.toStdString()};
}

} // namespace

class TstValueVersion : public QObject {
    Q_OBJECT
private slots:
    void higherLamportWins();
    void sameLamportOrdersByOrigin();
    void originsCompareAsUtf8BytesNotUtf16();
    void agreesWithTheRegisterEverywhere();
};

void TstValueVersion::higherLamportWins()
{
    QVERIFY(version(7, QStringLiteral("a")) > version(6, QStringLiteral("z")));
    QVERIFY(version(6, QStringLiteral("z")) < version(7, QStringLiteral("a")));
}

void TstValueVersion::sameLamportOrdersByOrigin()
{
    QVERIFY(version(7, QStringLiteral("n2")) > version(7, QStringLiteral("n1")));
    QVERIFY(version(7, QStringLiteral("n1")) == version(7, QStringLiteral("n1")));
    QVERIFY(!(version(7, QStringLiteral("n1")) < version(7, QStringLiteral("n1"))));
}

// U+FF21 is EF BC A1 in UTF-8 but 0xFF21 in UTF-16; U+1F600 is F0 9F 98 80 but the
// surrogate 0xD83D first: the two encodings order them oppositely. The wire carries UTF-8.
void TstValueVersion::originsCompareAsUtf8BytesNotUtf16()
{
    const QString fullwidthA = QString::fromUtf8("\xEF\xBC\xA1");
    const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80");
    QVERIFY(emoji < fullwidthA); // QString's own order (UTF-16 code units)
    QVERIFY(version(3, emoji) > version(3, fullwidthA));
}

void TstValueVersion::agreesWithTheRegisterEverywhere()
{
    const QList<ValueVersion> versions{
        version(0, {}),
        version(1, QStringLiteral("a")),
        version(1, QStringLiteral("b")),
        version(2, QStringLiteral("a")),
        version(2, QString::fromUtf8("\xC3\xA9")),         // é
        version(2, QString::fromUtf8("\xF0\x9F\x98\x80")), // 😀
        version(2, QString::fromUtf8("\xEF\xBC\xA1")),     // Ａ
        version(std::numeric_limits<quint64>::max(), QStringLiteral("n")),
    };
    for (const ValueVersion &a : versions) {
        for (const ValueVersion &b : versions) {
            const bool windowSaysNewer = a > b;
            const bool registerSaysNewer = registerVersion(a) > registerVersion(b);
            QVERIFY2(windowSaysNewer == registerSaysNewer,
                     qPrintable(QStringLiteral("(%1,%2) vs (%3,%4)")
                                    .arg(a.lamport)
                                    .arg(a.origin)
                                    .arg(b.lamport)
                                    .arg(b.origin)));
        }
    }
}

QTEST_GUILESS_MAIN(TstValueVersion)
#include "tst_value_version.moc"
