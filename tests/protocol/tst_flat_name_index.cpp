// tst_flat_name_index.cpp — the broadcast queue's name index on its own: lookups, erase with
// backward shift (also across the end of the array), growth, and names whose 8-bit tags
// collide (same home position and tag: only the name tells them apart).
#include "core/protocol/store/flat_name_index.h"

#include <QTest>

#include <map>
#include <string>
#include <vector>

using namespace grapevine::protocol;

namespace {

// Slot -> name, as the queue's items are; counts the names the index reads.
struct Names {
    std::vector<std::string> bySlot;
    mutable int reads = 0;
    std::string_view operator()(std::uint32_t slot) const
    {
        ++reads;
        return bySlot.at(slot);
    }
    std::uint64_t hash(std::uint32_t slot) const { return hashName(bySlot.at(slot)); }
    std::uint32_t add(std::string name)
    {
        bySlot.push_back(std::move(name));
        return static_cast<std::uint32_t>(bySlot.size() - 1);
    }
};

constexpr std::size_t kFirstCapacity = 16;

std::size_t homeOf(const std::string &name)
{
    return hashName(name) % kFirstCapacity;
}
std::uint64_t tagOf(const std::string &name)
{
    return hashName(name) >> 56;
}

// `count` names with home `home` in a 16-word table; with `sameTag`, also one tag.
std::vector<std::string> namesAt(std::size_t home, int count, bool sameTag)
{
    std::vector<std::string> out;
    for (int i = 0; int(out.size()) < count; ++i) {
        std::string name = "k" + std::to_string(i);
        if (homeOf(name) != home)
            continue;
        if (sameTag && !out.empty() && tagOf(name) != tagOf(out.front()))
            continue;
        out.push_back(std::move(name));
    }
    return out;
}

} // namespace

class TestFlatNameIndex : public QObject {
    Q_OBJECT
private slots:
    void emptyIndexFindsNothing()
    {
        FlatNameIndex index;
        Names names;
        QCOMPARE(index.find("n1", names), FlatNameIndex::kNone);
        index.erase(0, names); // absent: nothing happens
        QCOMPARE(index.size(), std::size_t(0));
    }

    void findsEveryNameThroughGrowthAndErase()
    {
        FlatNameIndex index;
        Names names;
        for (int i = 0; i < 5000; ++i)
            index.insert(names.add("n" + std::to_string(i)), names);
        QCOMPARE(index.size(), std::size_t(5000));
        QVERIFY(index.capacity() * 3 >= index.size() * 4); // load at most 3/4
        QVERIFY(index.capacity() < index.size() * 4);      // and not grown needlessly
        for (std::uint32_t s = 0; s < 5000; s += 2)
            index.erase(s, names);
        for (std::uint32_t s = 0; s < 5000; ++s)
            QCOMPARE(index.find(names.bySlot[s], names), s % 2 ? s : FlatNameIndex::kNone);
        QCOMPARE(index.size(), std::size_t(2500));
    }

    void otherTagsAreNotRead()
    {
        FlatNameIndex index;
        Names names;
        const auto run = namesAt(3, 6, false); // one probe run, mostly distinct tags
        for (const auto &name : run)
            index.insert(names.add(name), names);
        const std::string &last = run.back();
        int sameTag = 0;
        for (std::size_t i = 0; i + 1 < run.size(); ++i)
            sameTag += tagOf(run[i]) == tagOf(last);
        names.reads = 0;
        QCOMPARE(index.find(last, names), std::uint32_t(run.size() - 1));
        QCOMPARE(names.reads, sameTag + 1); // only its own name (and true tag twins)
    }

    void collidingTagsAreToldApartByName()
    {
        FlatNameIndex index;
        Names names;
        const auto twins = namesAt(5, 4, true); // same home, same tag
        for (const auto &name : twins)
            index.insert(names.add(name), names);
        for (std::uint32_t s = 0; s < twins.size(); ++s)
            QCOMPARE(index.find(twins[s], names), s);
        index.erase(1, names);
        QCOMPARE(index.find(twins[1], names), FlatNameIndex::kNone);
        for (std::uint32_t s : {0u, 2u, 3u})
            QCOMPARE(index.find(twins[s], names), s);
        index.insert(names.add(twins[1]), names); // back, at a new slot
        QCOMPARE(index.find(twins[1], names), std::uint32_t(4));
    }

    void eraseShiftsBackAcrossTheWrap_data()
    {
        QTest::addColumn<int>("erased");
        for (int e = 0; e < 5; ++e)
            QTest::addRow("erase %d", e) << e;
    }

    void eraseShiftsBackAcrossTheWrap()
    {
        QFETCH(int, erased);
        FlatNameIndex index;
        Names names;
        // Three names at home 15 (the last word) run over into words 0 and 1; two at home 0
        // come after them. Erasing any one must leave every other findable.
        auto run = namesAt(kFirstCapacity - 1, 3, false);
        for (auto &name : namesAt(0, 2, false))
            run.push_back(std::move(name));
        for (const auto &name : run)
            index.insert(names.add(name), names);
        QCOMPARE(index.capacity(), kFirstCapacity); // no growth: the wrap is exercised
        index.erase(std::uint32_t(erased), names);
        for (std::uint32_t s = 0; s < run.size(); ++s)
            QCOMPARE(index.find(run[s], names), int(s) == erased ? FlatNameIndex::kNone : s);
        // Erase the rest one by one, in an order that crosses the wrap again.
        for (std::uint32_t s = 0; s < run.size(); ++s) {
            if (int(s) == erased)
                continue;
            index.erase(s, names);
            QCOMPARE(index.find(run[s], names), FlatNameIndex::kNone);
            for (std::uint32_t t = s + 1; t < run.size(); ++t)
                if (int(t) != erased)
                    QCOMPARE(index.find(run[t], names), t);
        }
        QCOMPARE(index.size(), std::size_t(0));
    }

    void highestSlotRoundTrips()
    {
        FlatNameIndex index;
        struct Keys {
            std::map<std::uint32_t, std::string> bySlot{{FlatNameIndex::kMaxSlot, "top"},
                                                        {0, "low"}};
            std::string_view operator()(std::uint32_t s) const { return bySlot.at(s); }
            std::uint64_t hash(std::uint32_t s) const { return hashName(bySlot.at(s)); }
        } nameOf;
        index.insert(FlatNameIndex::kMaxSlot, nameOf);
        index.insert(0, nameOf);
        QCOMPARE(index.find("top", nameOf), FlatNameIndex::kMaxSlot);
        QCOMPARE(index.find("low", nameOf), std::uint32_t(0));
        index.erase(FlatNameIndex::kMaxSlot, nameOf);
        QCOMPARE(index.find("top", nameOf), FlatNameIndex::kNone);
        QCOMPARE(index.find("low", nameOf), std::uint32_t(0));
    }
};

QTEST_APPLESS_MAIN(TestFlatNameIndex)
#include "tst_flat_name_index.moc"
