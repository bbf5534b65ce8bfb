// Tests wire::SmallBytes: inline up to 16 bytes, on the heap beyond, value semantics across
// that boundary in every direction, and the codec keeping any length it decodes.
#include "core/wire/messages.h"
#include "core/wire/small_bytes.h"

#include <QTest>

#include <array>
#include <list>
#include <numeric>
#include <utility>

using namespace grapevine::wire;

namespace {

Bytes counting(std::size_t n, std::uint8_t first = 1)
{
    Bytes b(n);
    std::iota(b.begin(), b.end(), first);
    return b;
}

// Sizes on both sides of the inline limit.
void addSizes()
{
    QTest::addColumn<int>("size");
    for (int n : {0, 1, 4, 6, 15, 16, 17, 32, 1000})
        QTest::addRow("%d", n) << n;
}

} // namespace

class TestSmallBytes : public QObject {
    Q_OBJECT

private slots:
    void isNoLargerThanBytesAndMovesWithoutThrowing()
    {
        QCOMPARE(sizeof(SmallBytes), sizeof(Bytes));
        QVERIFY(std::is_nothrow_move_constructible_v<SmallBytes>);
        QVERIFY(std::is_nothrow_move_assignable_v<SmallBytes>);
    }

    void emptyByDefault()
    {
        const SmallBytes b;
        QVERIFY(b.empty());
        QCOMPARE(b.size(), std::size_t(0));
        QVERIFY(b.begin() == b.end());
        QVERIFY(b == Bytes{});
        QVERIFY(!b.spilled());
    }

    void keepsEveryLengthExactly_data() { addSizes(); }
    void keepsEveryLengthExactly()
    {
        QFETCH(int, size);
        const Bytes source = counting(std::size_t(size));
        const SmallBytes b(source);
        QCOMPARE(b.size(), source.size());
        QCOMPARE(b.toBytes(), source);
        QVERIFY(b == source);
        QCOMPARE(b.spilled(), source.size() > SmallBytes::kInline);
        // Inline bytes live inside the object, spilled ones outside it.
        const auto *self = reinterpret_cast<const std::uint8_t *>(&b);
        const bool inside = b.data() >= self && b.data() < self + sizeof(b);
        QCOMPARE(inside, !b.spilled());
    }

    void exactlySixteenStaysInlineAndSeventeenSpills()
    {
        const SmallBytes sixteen(counting(16));
        QVERIFY(!sixteen.spilled());
        QCOMPARE(sixteen[15], std::uint8_t(16));
        const SmallBytes seventeen(counting(17));
        QVERIFY(seventeen.spilled());
        QCOMPARE(seventeen[16], std::uint8_t(17));
    }

    void buildsFromListsRangesAndViews()
    {
        const SmallBytes list{127, 0, 0, 1};
        QVERIFY(list == (Bytes{127, 0, 0, 1}));
        const std::array<std::uint8_t, 6> vsn{1, 5, 2, 0, 0, 0};
        QVERIFY(SmallBytes(vsn.begin(), vsn.end()) == (Bytes{1, 5, 2, 0, 0, 0}));
        const std::list<int> ints{9, 8, 7};
        QVERIFY(SmallBytes(ints.begin(), ints.end()) == (Bytes{9, 8, 7}));
        const Bytes big = counting(40);
        QVERIFY(SmallBytes(ByteView(big)) == big);
        QVERIFY(SmallBytes(big.begin(), big.end()) == big);
        const ByteView asView = SmallBytes(big).view();
        QCOMPARE(asView.size(), big.size());
    }

    void copiesAcrossTheBoundary_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        for (int from : {0, 4, 16, 17, 64})
            for (int to : {0, 6, 16, 17, 100})
                QTest::addRow("%d-over-%d", from, to) << from << to;
    }
    void copiesAcrossTheBoundary()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        const Bytes source = counting(std::size_t(from), 3);
        const SmallBytes original(source);
        SmallBytes target(counting(std::size_t(to), 200));
        target = original;
        QVERIFY(target == original);
        QVERIFY(target == source);
        QVERIFY(original == source); // the source is untouched
        if (from > 0)
            QVERIFY(target.data() != original.data());
        const SmallBytes constructed(original);
        QVERIFY(constructed == source);
    }

    void movesAcrossTheBoundary_data() { copiesAcrossTheBoundary_data(); }
    void movesAcrossTheBoundary()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        const Bytes source = counting(std::size_t(from), 3);
        SmallBytes original(source);
        const bool spilled = original.spilled();
        const std::uint8_t *heap = original.data();
        SmallBytes target(counting(std::size_t(to), 200));
        target = std::move(original);
        QVERIFY(target == source);
        QVERIFY(original.empty()); // NOLINT(bugprone-use-after-move): documented state
        if (spilled)
            QVERIFY(target.data() == heap); // the block changed hands, no copy
        SmallBytes constructed(std::move(target));
        QVERIFY(constructed == source);
        QVERIFY(target.empty()); // NOLINT(bugprone-use-after-move)
        original = constructed;  // a moved-from object is usable again
        QVERIFY(original == source);
    }

    void selfAssignmentKeepsTheBytes_data() { addSizes(); }
    void selfAssignmentKeepsTheBytes()
    {
        QFETCH(int, size);
        const Bytes source = counting(std::size_t(size));
        SmallBytes b(source);
        SmallBytes &alias = b;
        b = alias;
        QVERIFY(b == source);
        b = std::move(alias);
        QVERIFY(b == source);
        b.assign(b.data(), b.size()); // from its own storage
        QVERIFY(b == source);
    }

    void assignsAPrefixOfItself()
    {
        const Bytes source = counting(40);
        SmallBytes b(source);
        b.assign(b.data() + 1, 16); // heap to inline, reading the block being freed
        QVERIFY(b == Bytes(source.begin() + 1, source.begin() + 17));
        QVERIFY(!b.spilled());
        b.assign(b.data() + 2, 3);
        QVERIFY(b == (Bytes{4, 5, 6}));
    }

    void equalityComparesContentNotStorage()
    {
        const Bytes sixteen = counting(16);
        Bytes seventeen = sixteen;
        seventeen.push_back(17);
        QVERIFY(SmallBytes(sixteen) != SmallBytes(seventeen));
        QVERIFY(SmallBytes(seventeen) != sixteen);
        QVERIFY(SmallBytes(sixteen) == sixteen);
        Bytes changedLast = seventeen;
        changedLast.back() = 99;
        QVERIFY(SmallBytes(seventeen) != SmallBytes(changedLast));
        QVERIFY(SmallBytes{} != (Bytes{0}));
        QVERIFY(SmallBytes{} == SmallBytes(Bytes{}));
    }

    void clearFreesAndEmpties()
    {
        SmallBytes b(counting(20));
        b.clear();
        QVERIFY(b.empty());
        QVERIFY(!b.spilled());
        b = SmallBytes{1, 2};
        QVERIFY(b == (Bytes{1, 2}));
    }

    void codecKeepsALongAddressAndVsnWhole()
    {
        // Malformed or future input must come back whole, not cut at the inline size.
        Alive alive{7, "far", SmallBytes(counting(20)), 7946, {}, SmallBytes(counting(33, 50))};
        const auto decoded = decodeMessage(encodeMessage(alive));
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
        QVERIFY(std::get<Alive>(decoded.value()) == alive);

        PushNodeState node{
            "n", SmallBytes(counting(18)), 1, {}, 2, NodeState::Suspect, SmallBytes(counting(7))};
        const PushPull pp{false, {node}, {}};
        const auto back = decodeMessage(encodeMessage(pp, Channel::Tcp), Channel::Tcp);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(std::get<PushPull>(back.value()).nodes.size(), std::size_t(1));
        QVERIFY(std::get<PushPull>(back.value()).nodes[0] == node);
    }
};

QTEST_APPLESS_MAIN(TestSmallBytes)
#include "tst_small_bytes.moc"
