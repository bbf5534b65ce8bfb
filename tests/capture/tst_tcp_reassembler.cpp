// TCP reassembly as a capture needs it: order restored, repeats trimmed, holes reported.
#include "capture_fixtures.h"

#include "core/capture/tcp_reassembler.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::capture;
using namespace grapevine::capture::testing;

namespace {

const wire::Endpoint kDialler = endpoint(1, 50000);
const wire::Endpoint kServer = endpoint(2, 7946);

wire::Bytes bytesOf(const std::vector<StreamChunk> &chunks)
{
    wire::Bytes all;
    for (const StreamChunk &chunk : chunks)
        all.insert(all.end(), chunk.bytes.begin(), chunk.bytes.end());
    return all;
}

Segment data(std::uint32_t seq, wire::Bytes bytes, std::uint8_t flags = 0)
{
    return tcp(kDialler, kServer, seq, std::move(bytes), flags);
}

} // namespace

class TstTcpReassembler : public QObject {
    Q_OBJECT
private slots:
    void inOrderBytesComeStraightThrough();
    void outOfOrderSegmentsAreHeldUntilTheHoleFills();
    void retransmissionsAndOverlapsAreTrimmed();
    void sequenceNumbersWrapAround();
    void holeAtCloseIsReportedAsMissingBytes();
    void synStartsTheDirectionOver();
    void captureStartedMidStreamStartsAtFirstData();
    void heldBytesAreBounded();
    void directionsThatNeverEndAreBounded();
};

void TstTcpReassembler::inOrderBytesComeStraightThrough()
{
    TcpReassembler r;
    std::vector<StreamChunk> all = r.handleSegment(data(100, {}, kTcpSyn));
    QCOMPARE(all.size(), std::size_t(1));
    QVERIFY(all[0].opened);
    for (const auto &chunk : r.handleSegment(data(101, {1, 2})))
        all.push_back(chunk);
    for (const auto &chunk : r.handleSegment(data(103, {3})))
        all.push_back(chunk);
    QCOMPARE(bytesOf(all), (wire::Bytes{1, 2, 3}));
}

void TstTcpReassembler::outOfOrderSegmentsAreHeldUntilTheHoleFills()
{
    TcpReassembler r;
    r.handleSegment(data(0, {}, kTcpSyn));
    QVERIFY(r.handleSegment(data(3, {3, 4})).empty());
    QVERIFY(r.handleSegment(data(5, {5})).empty());
    const auto chunks = r.handleSegment(data(1, {1, 2}));
    QCOMPARE(bytesOf(chunks), (wire::Bytes{1, 2, 3, 4, 5}));
    QCOMPARE(chunks[0].missingBefore, std::uint64_t(0));
}

void TstTcpReassembler::retransmissionsAndOverlapsAreTrimmed()
{
    TcpReassembler r;
    r.handleSegment(data(0, {}, kTcpSyn));
    auto first = r.handleSegment(data(1, {1, 2, 3}));
    QVERIFY(r.handleSegment(data(1, {1, 2, 3})).empty()); // a plain retransmission
    auto overlap = r.handleSegment(data(2, {2, 3, 4, 5}));
    QCOMPARE(bytesOf(first), (wire::Bytes{1, 2, 3}));
    QCOMPARE(bytesOf(overlap), (wire::Bytes{4, 5}));
}

void TstTcpReassembler::sequenceNumbersWrapAround()
{
    TcpReassembler r;
    r.handleSegment(data(0xfffffffdu, {}, kTcpSyn));
    QVERIFY(r.handleSegment(data(0x00000000u, {3, 4})).empty()); // past the wrap, early
    const auto chunks = r.handleSegment(data(0xfffffffeu, {1, 2}));
    QCOMPARE(bytesOf(chunks), (wire::Bytes{1, 2, 3, 4}));
}

void TstTcpReassembler::holeAtCloseIsReportedAsMissingBytes()
{
    TcpReassembler r;
    r.handleSegment(data(0, {}, kTcpSyn));
    r.handleSegment(data(1, {1}));
    r.handleSegment(data(5, {5, 6})); // bytes at 2..4 were never captured
    const auto chunks = r.handleSegment(data(7, {}, kTcpFin));
    QCOMPARE(chunks.size(), std::size_t(1));
    QCOMPARE(chunks[0].missingBefore, std::uint64_t(3));
    QCOMPARE(chunks[0].bytes, (wire::Bytes{5, 6}));
    QVERIFY(chunks[0].closed);
    QCOMPARE(r.openDirections(), std::size_t(0));
}

void TstTcpReassembler::synStartsTheDirectionOver()
{
    TcpReassembler r;
    r.handleSegment(data(0, {}, kTcpSyn));
    r.handleSegment(data(1, {1}));
    const auto reopened = r.handleSegment(data(5000, {}, kTcpSyn));
    QVERIFY(reopened.at(0).opened);
    QCOMPARE(bytesOf(r.handleSegment(data(5001, {9}))), wire::Bytes{9});
}

void TstTcpReassembler::captureStartedMidStreamStartsAtFirstData()
{
    TcpReassembler r;
    QVERIFY(r.handleSegment(data(777, {})).empty()); // a bare ACK says nothing
    const auto chunks = r.handleSegment(data(900, {4, 2}));
    QCOMPARE(bytesOf(chunks), (wire::Bytes{4, 2}));
    QVERIFY(!chunks[0].opened);
}

void TstTcpReassembler::heldBytesAreBounded()
{
    TcpReassembler r;
    r.handleSegment(data(0, {}, kTcpSyn));
    const wire::Bytes block(64 * 1024, 1);
    std::vector<StreamChunk> out;
    // A hole at 1 that never fills: after the bound the hole is given up as a gap.
    for (std::uint32_t i = 0; i < 20; ++i)
        for (auto &chunk : r.handleSegment(data(2 + i * std::uint32_t(block.size()), block)))
            out.push_back(chunk);
    QVERIFY(!out.empty());
    QCOMPARE(out.front().missingBefore, std::uint64_t(1));
    QVERIFY(bytesOf(out).size() > TcpReassembler::kMaxPendingBytes);
}

// Connections the capture never sees close: past the bound the longest idle one is closed
// (its held bytes after their gap), never dropped silently, and the count stays bounded.
void TstTcpReassembler::directionsThatNeverEndAreBounded()
{
    TcpReassembler r;
    const auto dialler = [](std::size_t i) {
        return endpoint(std::uint8_t(1 + i / 60000), std::uint16_t(1024 + i % 60000));
    };
    for (std::size_t i = 0; i < TcpReassembler::kMaxOpenDirections; ++i) {
        Segment s = tcp(dialler(i), kServer, 100, {7, 7}, 0);
        s.timeNs = std::int64_t(i + 1);
        QCOMPARE(r.handleSegment(s).size(), std::size_t(1));
    }
    Segment held = tcp(dialler(0), kServer, 105, {9}, 0); // out of order: held back
    held.timeNs = 1;
    QVERIFY(r.handleSegment(held).empty());
    QCOMPARE(r.openDirections(), TcpReassembler::kMaxOpenDirections);
    Segment next = tcp(endpoint(9, 40000), kServer, 1, {5}, 0);
    next.timeNs = 1'000'000;
    const auto chunks = r.handleSegment(next);
    QCOMPARE(r.openDirections(), TcpReassembler::kMaxOpenDirections);
    QCOMPARE(chunks.size(), std::size_t(2));
    QCOMPARE(chunks[0].flow.from, dialler(0)); // the idlest, closed after its gap
    QVERIFY(chunks[0].closed);
    QCOMPARE(chunks[0].missingBefore, std::uint64_t(3));
    QCOMPARE(chunks[0].bytes, (wire::Bytes{9}));
    QCOMPARE(chunks[1].flow.from, endpoint(9, 40000));
}

QTEST_APPLESS_MAIN(TstTcpReassembler)
#include "tst_tcp_reassembler.moc"
