// TransportStats: the reasons malformed input is filed under, and the bounded per-sender
// table of decrypt failures (no sockets: plain counters).
#include "core/net/transport_stats.h"

#include <QTest>

using grapevine::net::malformedReason;
using grapevine::net::TrafficCounters;
using grapevine::net::TransportStats;

class TestTransportStats : public QObject {
    Q_OBJECT
private slots:
    void errorsAreFiledByLayer_data();
    void errorsAreFiledByLayer();
    void decryptFailuresAreCountedPerSender();
    void decryptTableStopsGrowingAtTheCap();
};

void TestTransportStats::errorsAreFiledByLayer_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("reason");
    QTest::newRow("wrong key") << "decrypt: no installed key could decrypt the message"
                               << "decrypt";
    QTest::newRow("plain frame to a keyed node")
        << "encrypt: encryption is configured but the frame is not encrypted"
        << "decrypt";
    QTest::newRow("encrypted frame to a keyless node")
        << "encrypt: encrypted frame but no keyring is configured"
        << "decrypt";
    QTest::newRow("oversized encrypted frame")
        << "encrypt: frame of 30000000 bytes exceeds the 20 MiB limit"
        << "frame";
    QTest::newRow("crc") << "crc: checksum mismatch"
                         << "crc";
    QTest::newRow("label") << "label: mismatch"
                           << "label";
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("msgpack") << "msgpack: truncated map"
                             << "decode";
}

void TestTransportStats::errorsAreFiledByLayer()
{
    QFETCH(QString, error);
    QFETCH(QString, reason);
    QCOMPARE(malformedReason(error.toStdString()), reason);
}

void TestTransportStats::decryptFailuresAreCountedPerSender()
{
    TransportStats stats;
    stats.countDecryptFailure(QStringLiteral("127.0.0.1:7950"));
    stats.countDecryptFailure(QStringLiteral("127.0.0.1:7950"));
    stats.countDecryptFailure(QStringLiteral("10.0.0.2:7946"));
    QCOMPARE(stats.decryptFailures(QStringLiteral("127.0.0.1:7950")), 2u);
    QCOMPARE(stats.decryptFailures(QStringLiteral("10.0.0.2:7946")), 1u);
    const TrafficCounters snapshot = stats.snapshot();
    QCOMPARE(snapshot.decryptFailures.value(QStringLiteral("127.0.0.1:7950")), 2u);
}

void TestTransportStats::decryptTableStopsGrowingAtTheCap()
{
    TransportStats stats;
    const int senders = TransportStats::kMaxDecryptPeers + 1000;
    for (int i = 0; i < senders; ++i)
        stats.countDecryptFailure(QStringLiteral("10.0.%1.%2:7946").arg(i / 250).arg(i % 250));
    stats.countDecryptFailure(QStringLiteral("10.0.0.0:7946")); // an early sender keeps its row
    QCOMPARE(stats.decryptPeerCount(), TransportStats::kMaxDecryptPeers + 1);
    QCOMPARE(stats.decryptFailures(QStringLiteral("10.0.0.0:7946")), 2u);
    const auto other = QString::fromLatin1(TransportStats::kOtherPeers);
    QCOMPARE(stats.decryptFailures(other),
             std::uint64_t(senders - TransportStats::kMaxDecryptPeers));
}

QTEST_GUILESS_MAIN(TestTransportStats)
#include "tst_transport_stats.moc"
