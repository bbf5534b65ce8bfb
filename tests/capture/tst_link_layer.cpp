// The link types and IP versions a capture can come in, and the frames that must be
// reported rather than guessed at.
#include "capture_fixtures.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::capture;
using namespace grapevine::capture::testing;

class TstLinkLayer : public QObject {
    Q_OBJECT
private slots:
    void everyLinkTypeYieldsTheUdpDatagram_data();
    void everyLinkTypeYieldsTheUdpDatagram();
    void vlanTagsAreSkipped();
    void ipv6ExtensionHeadersAreSkipped();
    void tcpSegmentKeepsSequenceAndFlags();
    void nonIpFramesAreNotOurs();
    void truncatedIpv4IsAnErrorNamingTheLayer();
    void ipFragmentsAreReportedNotGuessed();
    void snappedDatagramIsMarked();
    void unknownLinkTypeIsRefused();
};

void TstLinkLayer::everyLinkTypeYieldsTheUdpDatagram_data()
{
    QTest::addColumn<int>("linkType");
    QTest::addColumn<bool>("ipv6");
    for (int type : {kLinkEthernet, kLinkLinuxSll, kLinkLinuxSll2, kLinkNull, kLinkRaw, kDltRaw}) {
        QTest::addRow("link %d ipv4", type) << type << false;
        QTest::addRow("link %d ipv6", type) << type << true;
    }
}

void TstLinkLayer::everyLinkTypeYieldsTheUdpDatagram()
{
    QFETCH(int, linkType);
    QFETCH(bool, ipv6);
    const auto from = ipv6 ? endpoint6(1, 40000) : endpoint(1, 40000);
    const auto to = ipv6 ? endpoint6(2, 7946) : endpoint(2, 7946);
    const Segment sent = udp(from, to, wire::Bytes{1, 2, 3, 4, 5});
    auto parsed = parseFrame(frameOf(sent, linkType));
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
    QVERIFY(parsed->has_value());
    const Segment &got = **parsed;
    QCOMPARE(got.transport, Transport::Udp);
    QVERIFY(got.from == from);
    QVERIFY(got.to == to);
    QVERIFY(got.payload == sent.payload);
    QVERIFY(!got.snapped);
}

void TstLinkLayer::vlanTagsAreSkipped()
{
    CapturedFrame frame = frameOf(udp(endpoint(1, 1), endpoint(2, 7946), wire::Bytes{9}));
    const wire::Bytes tag{0x81, 0x00, 0x00, 0x2a};
    frame.bytes.insert(frame.bytes.begin() + 12, tag.begin(), tag.end());
    auto parsed = parseFrame(frame);
    QVERIFY(parsed.ok() && parsed->has_value());
    QCOMPARE((*parsed)->payload, wire::Bytes{9});
}

void TstLinkLayer::ipv6ExtensionHeadersAreSkipped()
{
    CapturedFrame frame =
        frameOf(udp(endpoint6(1, 1), endpoint6(2, 7946), wire::Bytes{7, 7}), kLinkRaw);
    // Insert an 8-byte hop-by-hop header: next header UDP (17), length 0.
    frame.bytes[6] = 0; // the IPv6 header now points at hop-by-hop
    const wire::Bytes hopByHop{17, 0, 1, 4, 0, 0, 0, 0};
    frame.bytes.insert(frame.bytes.begin() + 40, hopByHop.begin(), hopByHop.end());
    const std::size_t payload = frame.bytes.size() - 40;
    frame.bytes[4] = static_cast<std::uint8_t>(payload >> 8);
    frame.bytes[5] = static_cast<std::uint8_t>(payload);
    auto parsed = parseFrame(frame);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
    QVERIFY(parsed->has_value());
    QCOMPARE((*parsed)->payload, (wire::Bytes{7, 7}));
}

void TstLinkLayer::tcpSegmentKeepsSequenceAndFlags()
{
    const Segment sent =
        tcp(endpoint(1, 50000), endpoint(2, 7946), 0xfffffff0u, wire::Bytes{6, 1}, kTcpFin);
    auto parsed = parseFrame(frameOf(sent, kLinkLinuxSll));
    QVERIFY(parsed.ok() && parsed->has_value());
    QCOMPARE((*parsed)->transport, Transport::Tcp);
    QCOMPARE((*parsed)->seq, 0xfffffff0u);
    QVERIFY(((*parsed)->tcpFlags & kTcpFin) != 0);
    QCOMPARE((*parsed)->payload, (wire::Bytes{6, 1}));
}

void TstLinkLayer::nonIpFramesAreNotOurs()
{
    CapturedFrame arp;
    arp.linkType = kLinkEthernet;
    arp.bytes = wire::Bytes(12, 0xff);
    arp.bytes.insert(arp.bytes.end(), {0x08, 0x06, 0, 1, 8, 0, 6, 4});
    auto parsed = parseFrame(arp);
    QVERIFY(parsed.ok());
    QVERIFY(!parsed->has_value());
}

void TstLinkLayer::truncatedIpv4IsAnErrorNamingTheLayer()
{
    CapturedFrame frame = frameOf(udp(endpoint(1, 1), endpoint(2, 7946), wire::Bytes{1}));
    frame.bytes.resize(14 + 12);
    auto parsed = parseFrame(frame);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.starts_with("ipv4:"), parsed.error().message.c_str());
}

void TstLinkLayer::ipFragmentsAreReportedNotGuessed()
{
    CapturedFrame frame = frameOf(udp(endpoint(1, 1), endpoint(2, 7946), wire::Bytes{1}));
    frame.bytes[14 + 6] = 0x20; // more fragments
    auto parsed = parseFrame(frame);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.find("fragment") != std::string::npos,
             parsed.error().message.c_str());
}

void TstLinkLayer::snappedDatagramIsMarked()
{
    CapturedFrame frame = frameOf(udp(endpoint(1, 1), endpoint(2, 7946), wire::Bytes(100, 1)));
    frame.bytes.resize(frame.bytes.size() - 40);
    auto parsed = parseFrame(frame);
    QVERIFY(parsed.ok() && parsed->has_value());
    QVERIFY((*parsed)->snapped);
    QCOMPARE((*parsed)->payload.size(), std::size_t(60));
}

void TstLinkLayer::unknownLinkTypeIsRefused()
{
    QVERIFY(!supportedLinkType(105)); // 802.11
    CapturedFrame frame;
    frame.linkType = 105;
    frame.bytes = wire::Bytes(40, 0);
    auto parsed = parseFrame(frame);
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.error().message.find("not supported") != std::string::npos);
}

QTEST_APPLESS_MAIN(TstLinkLayer)
#include "tst_link_layer.moc"
