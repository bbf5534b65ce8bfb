// tst_name_hash.cpp — the member-name hash (core/protocol/store/name_hash.h) and the index that
// stores its top bits beside each record (MemberTable): every length, every byte, no
// collisions among many similar names, and lookups that stay right when names share tags.
#include "core/protocol/store/member_table.h"
#include "core/protocol/store/name_hash.h"

#include <QTest>

#include <set>
#include <string>

using namespace grapevine;
using namespace grapevine::protocol;

class TestNameHash : public QObject {
    Q_OBJECT

private slots:
    void equalNamesHashEqual();
    void everyLengthAndByteCounts();
    void similarNamesDoNotCollide();
    void tableFindsEveryNameAndNoOther();
};

void TestNameHash::equalNamesHashEqual()
{
    const std::string a = "node-0042.example";
    const std::string b = a; // other storage, same characters
    QCOMPARE(hashName(a), hashName(b));
    QCOMPARE(hashName(std::string_view{}), hashName(std::string()));
}

void TestNameHash::everyLengthAndByteCounts()
{
    std::set<std::uint64_t> seen;
    std::string name;
    for (int length = 0; length <= 40; ++length) {
        QVERIFY2(seen.insert(hashName(name)).second, qPrintable(QString::number(length)));
        name.push_back('a');
    }
    // A change in any one byte of a 20-byte name changes the hash: tails and whole words.
    const std::string base(20, 'x');
    for (std::size_t i = 0; i < base.size(); ++i) {
        std::string changed = base;
        changed[i] = 'y';
        QVERIFY2(hashName(changed) != hashName(base), qPrintable(QString::number(i)));
    }
    // A leading zero byte is not the same as a shorter name.
    QVERIFY(hashName(std::string("\0a", 2)) != hashName("a"));
}

void TestNameHash::similarNamesDoNotCollide()
{
    std::set<std::uint64_t> full;
    std::set<std::uint64_t> low; // the bits a 2^20-slot table would use
    for (int i = 0; i < 100000; ++i) {
        const std::uint64_t h = hashName("n" + std::to_string(i));
        full.insert(h);
        low.insert(h & ((1u << 20) - 1));
    }
    QCOMPARE(full.size(), std::size_t(100000));
    // 100,000 names over 2^20 slots: about 95,400 distinct positions if the bits are uniform.
    QVERIFY2(low.size() > 94000, qPrintable(QString::number(low.size())));
}

void TestNameHash::tableFindsEveryNameAndNoOther()
{
    MemberTable table;
    MemberTable::Rng rng(7);
    constexpr int kMembers = 5000;
    for (int i = 0; i < kMembers; ++i) {
        wire::Alive alive{1, "n" + std::to_string(i), {10, 0, 0, 1}, 7946, {}, {}};
        MemberRecord *record = table.insert(SharedMessage::make(alive), rng);
        table.setState(*record, wire::NodeState::Alive);
    }
    for (int i = 0; i < kMembers; ++i) {
        const std::string name = "n" + std::to_string(i);
        const MemberRecord *found = table.find(name);
        QVERIFY2(found && found->name() == name, name.c_str());
    }
    QVERIFY(!table.find("n" + std::to_string(kMembers)));
    QVERIFY(!table.find(""));
    QCOMPARE(table.liveCount(), kMembers);
}

QTEST_APPLESS_MAIN(TestNameHash)
#include "tst_name_hash.moc"
