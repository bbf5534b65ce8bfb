// Vivaldi coordinates: Serf's ack payload decodes and re-encodes byte for byte, distances
// follow Serf's formula, and two clients that ping each other settle near the real RTT.
#include "core/serf/coordinate.h"
#include "core/serf/serf_describe.h"
#include "core/serf/vivaldi_client.h"
#include "serf_vectors.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::serf;
using namespace std::chrono_literals;

class TestSerfCoordinate : public QObject {
    Q_OBJECT
private slots:
    void ackPayloadMatchesSerfBytes()
    {
        const wire::Bytes bytes = wire::fromHex(vectors::kAckCoordinate);
        const wire::Result<Coordinate> c = decodeAckPayload(bytes);
        QVERIFY(c.ok());
        QCOMPARE(c->vec.size(), std::size_t(8));
        QCOMPARE(c->vec[0], 0.001);
        QCOMPARE(c->error, 1.5);
        QCOMPARE(c->adjustment, -0.0002);
        QCOMPARE(c->height, 10.0e-6);
        QCOMPARE(encodeAckPayload(*c), bytes);
    }

    void wrongPingVersionIsRefused()
    {
        wire::Bytes bytes = wire::fromHex(vectors::kAckCoordinate);
        bytes[0] = 2;
        QVERIFY(!decodeAckPayload(bytes).ok());
        QVERIFY(!decodeAckPayload({}).ok());
        QVERIFY(!decodeAckPayload(wire::Bytes{1, 0x84}).ok());
    }

    void distanceAddsHeightsAndAdjustments()
    {
        Coordinate a = Coordinate::origin({});
        Coordinate b = Coordinate::origin({});
        b.vec[0] = 0.003;
        b.vec[1] = 0.004; // |a - b| = 5 ms
        a.adjustment = 0.001;
        // Seconds as doubles, truncated to nanoseconds: equal within one nanosecond.
        const auto near = [](std::chrono::nanoseconds got, std::int64_t want) {
            return std::abs(got.count() - want) <= 1;
        };
        QVERIFY(near(a.distanceTo(b), 5000000 + 20000 + 1000000));
        a.adjustment = -1.0; // would make it negative: ignored
        QVERIFY(near(a.distanceTo(b), 5000000 + 20000));
    }

    void twoClientsSettleNearTheirRtt()
    {
        VivaldiClient a(1), b(2);
        for (int i = 0; i < 200; ++i) {
            const Coordinate ca = a.coordinate();
            QVERIFY(a.update("b", b.coordinate(), 10ms).empty());
            QVERIFY(b.update("a", ca, 10ms).empty());
        }
        const double estimate =
            std::chrono::duration<double, std::milli>(a.coordinate().distanceTo(b.coordinate()))
                .count();
        QVERIFY2(estimate > 8.0 && estimate < 12.0, QByteArray::number(estimate));
        QVERIFY(a.coordinate().error < 0.5);
    }

    void badObservationsAreRejected()
    {
        VivaldiClient a(1);
        Coordinate other = Coordinate::origin({});
        QVERIFY(!a.update("b", other, 11s).empty());
        QVERIFY(!a.update("b", other, -1ms).empty());
        other.vec.resize(3);
        QVERIFY(!a.update("b", other, 1ms).empty());
        other = Coordinate::origin({});
        other.error = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(!a.update("b", other, 1ms).empty());
        QCOMPARE(a.coordinate(), Coordinate::origin({}));
    }

    void ackPayloadDescribesTheCoordinate()
    {
        const auto text = describeAckPayload(wire::fromHex(vectors::kAckCoordinate));
        QVERIFY(text);
        QVERIFY(text->starts_with("Coordinate=vivaldi Vec(ms)=[1,0,0,0,0,0,0,0] Error=1.5"));
        QVERIFY(text->find(' ', text->find("Vec")) > text->find(']'));
    }
};

QTEST_APPLESS_MAIN(TestSerfCoordinate)
#include "tst_serf_coordinate.moc"
