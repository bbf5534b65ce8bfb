// tst_node_ids.cpp — the process-wide name -> id table MemberTable keys its records by:
// ids are dense and stable while held, counted per holder, freed and reused after the last
// release (the name forgotten), and found again after the index grows.
#include "core/protocol/store/node_ids.h"

#include <QTest>

#include <set>
#include <string>

using namespace grapevine::protocol;

namespace {
std::uint32_t acquire(NodeIds &ids, const std::string &name)
{
    return ids.acquire(name, hashName(name));
}
std::uint32_t find(const NodeIds &ids, const std::string &name)
{
    return ids.find(name, hashName(name));
}
} // namespace

class TestNodeIds : public QObject {
    Q_OBJECT
private slots:
    void idsAreDenseAndStable()
    {
        NodeIds ids;
        QCOMPARE(find(ids, "n0"), NodeIds::kNone);
        QCOMPARE(acquire(ids, "n0"), 0u);
        QCOMPARE(acquire(ids, "n1"), 1u);
        QCOMPARE(acquire(ids, "n0"), 0u); // a second holder, same id
        QCOMPARE(ids.holders(0), 2u);
        QCOMPARE(ids.size(), 2u);
        QCOMPARE(ids.bound(), 2u);
        QCOMPARE(ids.nameOf(1), std::string_view("n1"));
        QCOMPARE(find(ids, "n1"), 1u);
    }

    void theLastReleaseFreesTheIdForReuse()
    {
        NodeIds ids;
        acquire(ids, "a");
        acquire(ids, "b");
        acquire(ids, "b");
        ids.release(1);
        QCOMPARE(find(ids, "b"), 1u); // one holder left
        ids.release(1);
        QCOMPARE(find(ids, "b"), NodeIds::kNone);
        QCOMPARE(ids.size(), 1u);
        QCOMPARE(acquire(ids, "c"), 1u); // reused, so the ids stay dense
        QCOMPARE(ids.nameOf(1), std::string_view("c"));
        QCOMPARE(ids.bound(), 2u);
        QCOMPARE(find(ids, "a"), 0u);
    }

    void manyNamesSurviveGrowthAndErases()
    {
        NodeIds ids;
        for (int i = 0; i < 5000; ++i)
            QCOMPARE(acquire(ids, "node-" + std::to_string(i)), std::uint32_t(i));
        for (int i = 0; i < 5000; i += 2) // erases shift later entries back into holes
            ids.release(std::uint32_t(i));
        for (int i = 0; i < 5000; ++i) {
            const std::uint32_t expected = i % 2 ? std::uint32_t(i) : NodeIds::kNone;
            QCOMPARE(find(ids, "node-" + std::to_string(i)), expected);
        }
        std::set<std::uint32_t> reused;
        for (int i = 0; i < 2500; ++i)
            reused.insert(acquire(ids, "again-" + std::to_string(i)));
        QCOMPARE(reused.size(), 2500u);
        QCOMPARE(*reused.rbegin(), 4998u); // every id came from the freed ones
        QCOMPARE(ids.bound(), 5000u);
    }

    void guessIsAHintThatFindsTheUsualName()
    {
        NodeIds ids;
        QCOMPARE(ids.guess(hashName("x")), NodeIds::kNone);
        for (int i = 0; i < 100; ++i)
            acquire(ids, "n" + std::to_string(i));
        int right = 0;
        for (int i = 0; i < 100; ++i) {
            const std::string name = "n" + std::to_string(i);
            right += ids.guess(hashName(name)) == find(ids, name);
        }
        QVERIFY(right >= 95); // a wrong guess needs two names with one 8-bit tag in one run
    }
};

QTEST_APPLESS_MAIN(TestNodeIds)
#include "tst_node_ids.moc"
