// Packets and bytes per second by leading message type: whole seconds only, silent seconds
// as zeros, bounded to the last TrafficRates::kSeconds.
#include "synthetic.h"
#include "ui/models/traffic_rates.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using grapevine::testing::makeTrace;
using Type = grapevine::wire::MessageType;

namespace {

PacketTrace at(qint64 ms, const QList<Type> &types, int bytes)
{
    PacketTrace trace = makeTrace(QStringLiteral("n2"), types);
    trace.timeNs = ms * 1'000'000;
    trace.raw = QByteArray(bytes, 'x');
    return trace;
}

} // namespace

class TestTrafficRates : public QObject {
    Q_OBJECT
private slots:
    void countsEachPacketUnderItsLeadingType()
    {
        TrafficRates rates;
        rates.add(at(10'100, {Type::Ping, Type::Alive, Type::Alive}, 200));
        rates.add(at(10'900, {Type::Ping}, 30));
        rates.add(at(11'200, {Type::Ack}, 20));
        rates.add(at(13'000, {Type::Ping}, 30));
        QCOMPARE(rates.types(), (QStringList{"ack", "ping"}));
        QCOMPARE(rates.packetsPerSecond("ping", 13'500),
                 (QList<QPointF>{{10'000, 2}, {11'000, 0}, {12'000, 0}}));
        QCOMPARE(rates.bytesPerSecond("ping", 14'000),
                 (QList<QPointF>{{10'000, 230}, {11'000, 0}, {12'000, 0}, {13'000, 30}}));
        QCOMPARE(rates.packetsPerSecond("ack", 12'000), (QList<QPointF>{{10'000, 0}, {11'000, 1}}));
    }

    void keepsOnlyTheLastSeconds()
    {
        TrafficRates rates;
        rates.add(at(1'000, {Type::Ping}, 10));
        rates.add(at((1 + TrafficRates::kSeconds) * 1000, {Type::Ping}, 10));
        const QList<QPointF> points =
            rates.packetsPerSecond("ping", (2 + TrafficRates::kSeconds) * 1000);
        QCOMPARE(points.size(), TrafficRates::kSeconds);
        QCOMPARE(points.first().y(), 0.0); // the first second fell out of the window
        QCOMPARE(points.last().y(), 1.0);
    }

    void malformedPacketsHaveTheirOwnType()
    {
        PacketTrace bad = at(1'000, {}, 5);
        bad.error = QStringLiteral("bad crc");
        QCOMPARE(TrafficRates::leadingType(bad), QStringLiteral("malformed"));
    }
};

QTEST_MAIN(TestTrafficRates)
#include "tst_traffic_rates.moc"
