// tst_reconnect.cpp — members reaped while dead stay reconnect targets (Config::reconnectTimeout):
// the bounded ReconnectList itself, then engines on a virtual clock (harness.h): a reaped
// member is tried again, until it is heard alive, leaves, or its entry expires; a split
// longer than GossipToTheDeadTime heals through the list and only through it.
#include "core/protocol/reconnect_list.h"
#include "harness.h"

#include <set>

using namespace grapevine;
using namespace grapevine::protocol;
using namespace grapevine::protocol::testing;

namespace {

ReconnectEntry entry(const std::string &name, int seconds, std::uint32_t inc = 1)
{
    return ReconnectEntry{name, endpointOf(static_cast<int>(name.size())), inc,
                          TimePoint(std::chrono::seconds(seconds))};
}

std::set<std::string> namesOf(const std::vector<ReconnectEntry> &entries)
{
    std::set<std::string> out;
    for (const auto &e : entries)
        out.insert(e.name);
    return out;
}

bool removed(const Effect &e, const std::string &name)
{
    const auto *m = std::get_if<MemberChanged>(&e);
    return m && m->kind == MemberEventKind::Removed && m->member.name == name;
}

// Push/pull streams engine 0 opens to member i's address among `effects`.
int streamsTo(const std::vector<Effect> &effects, int i)
{
    int count = 0;
    for (const OpenStream &o : only<OpenStream>(effects))
        count += o.purpose == StreamPurpose::PushPull && o.to == endpointOf(i) ? 1 : 0;
    return count;
}

// Engine 0 hears member i declared dead (or leaving) and runs until it reaps it.
void reap(Cluster &c, int i, bool leave = false)
{
    const std::string name = nameOf(i);
    c[0].handlePacket(c.now, endpointOf(9), {wire::Dead{1, name, leave ? name : "n0"}});
    c.runUntil(0, [&](const Effect &e) { return removed(e, name); });
    QVERIFY(!c[0].member(name));
}

void noPushPull(Config &c)
{
    c.pushPullInterval = Duration::zero();
}
void minuteTimeout(Config &c)
{
    c.reconnectTimeout = std::chrono::minutes(1);
}
void listOfTwo(Config &c)
{
    c.reconnectListLimit = 2;
}
void noReconnectList(Config &c)
{
    c.reconnectTimeout = Duration::zero();
}

} // namespace

class TstReconnect : public QObject {
    Q_OBJECT
private slots:
    void listReplacesAnEntryByName()
    {
        ReconnectList list(4);
        list.add(entry("a", 1));
        list.add(entry("a", 7, 3));
        QCOMPARE(list.size(), std::size_t(1));
        QCOMPARE(list.at(0).reapedAt, TimePoint(7s));
        QCOMPARE(list.at(0).incarnation, 3u);
    }

    void listDropsTheOldestBeyondItsLimit()
    {
        ReconnectList list(3);
        for (const auto &[name, at] : {std::pair{"b", 2}, {"a", 1}, {"c", 3}, {"d", 4}})
            list.add(entry(name, at));
        QCOMPARE(namesOf(list.entries()), (std::set<std::string>{"b", "c", "d"}));
        list.add(entry("b", 5)); // replaced, so c is now the oldest
        list.add(entry("e", 6));
        QCOMPARE(namesOf(list.entries()), (std::set<std::string>{"b", "d", "e"}));
        ReconnectList none(0);
        none.add(entry("a", 1));
        QVERIFY(none.empty());
    }

    void listExpiresAndRemoves()
    {
        ReconnectList list(8);
        for (const auto &[name, at] : {std::pair{"a", 1}, {"b", 5}, {"c", 10}, {"d", 8}})
            list.add(entry(name, at, 2));
        list.expire(TimePoint(20s), 12s);
        QCOMPARE(namesOf(list.entries()), (std::set<std::string>{"c", "d"}));
        QVERIFY(!list.removeIfNotOlder("c", 1)); // a stale leave
        QVERIFY(list.removeIfNotOlder("c", 2));
        QVERIFY(!list.remove("x"));
        QVERIFY(list.remove("d"));
        QVERIFY(list.empty());
    }

    void reapedDeadMemberIsTriedUntilHeardAlive()
    {
        Cluster c(2, Profile::Lan, 1, noPushPull);
        c.connectAll();
        reap(c, 1);
        const auto targets = c[0].reconnectTargets();
        QCOMPARE(targets.size(), std::size_t(1));
        QCOMPARE(targets[0].endpoint, endpointOf(1));
        // The next reconnect tick (every 10 s with lan) push/pulls with the reaped member.
        const auto fx = c.runUntil(
            0, [](const Effect &e) { return std::holds_alternative<OpenStream>(e); }, 10s);
        const auto open = only<OpenStream>(fx);
        QCOMPARE(open.size(), std::size_t(1));
        QCOMPARE(open[0].to, endpointOf(1));
        QCOMPARE(open[0].toName, std::string("n1"));
        QCOMPARE(open[0].purpose, StreamPurpose::PushPull);
        c.serve(0, open[0]); // n1 answers with its own alive
        QCOMPARE(c[0].member("n1")->state, wire::NodeState::Alive);
        QVERIFY(c[0].reconnectTargets().empty());
        // Both engines run and talk now: n1 stays alive, and nothing is reconnected to.
        const auto later = c.runAll(
            0, [](const Effect &) { return false; }, 60s);
        QCOMPARE(streamsTo(later, 1), 0);
        QCOMPARE(c[0].member("n1")->state, wire::NodeState::Alive);
    }

    void reapedMemberIsDroppedAfterTheTimeout()
    {
        Cluster c(2, Profile::Lan, 1, minuteTimeout);
        c.connectAll();
        reap(c, 1);
        const int tries = streamsTo(c.runUntil(
                                        0, [](const Effect &) { return false; }, 60s),
                                    1);
        QVERIFY2(tries >= 5, qPrintable(QString::number(tries))); // every 10 s for a minute
        const int late = streamsTo(c.runUntil(
                                       0, [](const Effect &) { return false; }, 120s),
                                   1);
        QCOMPARE(late, 0);
        QVERIFY(c[0].reconnectTargets().empty());
    }

    void leftMemberIsNeverRetried()
    {
        Cluster c(2);
        c.connectAll();
        c[0].handlePacket(c.now, endpointOf(9), {wire::Dead{1, "n1", "n1"}});
        const auto fx = c.runUntil(
            0, [](const Effect &) { return false; }, 120s);
        QVERIFY(
            std::any_of(fx.begin(), fx.end(), [](const Effect &e) { return removed(e, "n1"); }));
        QCOMPARE(streamsTo(fx, 1), 0);
        QVERIFY(c[0].reconnectTargets().empty());
    }

    void leaveHeardAfterTheReapDropsTheEntry()
    {
        Cluster c(2);
        c.connectAll();
        reap(c, 1);
        c[0].handlePacket(c.now, endpointOf(9), {wire::Dead{0, "n1", "n1"}}); // older: ignored
        QCOMPARE(c[0].reconnectTargets().size(), std::size_t(1));
        c[0].handlePacket(c.now, endpointOf(9), {wire::Dead{1, "n1", "n1"}});
        QVERIFY(c[0].reconnectTargets().empty());
        QCOMPARE(streamsTo(c.runUntil(
                               0, [](const Effect &) { return false; }, 60s),
                           1),
                 0);
    }

    void listBoundHoldsInTheEngine()
    {
        Cluster c(1, Profile::Lan, 1, listOfTwo);
        for (int i = 1; i <= 3; ++i)
            c[0].handlePacket(c.now, endpointOf(9), {aliveOf(i, 1)});
        for (int i = 1; i <= 3; ++i)
            reap(c, i);
        const auto kept = c[0].reconnectTargets();
        QCOMPARE(namesOf(kept), (std::set<std::string>{"n2", "n3"})); // n1, the oldest, dropped
        const auto fx = c.runUntil(
            0, [](const Effect &) { return false; }, 300s);
        QCOMPARE(streamsTo(fx, 1), 0);
        QVERIFY(streamsTo(fx, 2) > 0 && streamsTo(fx, 3) > 0);
    }

    // Each side declares the other dead and, 45 s later, has reaped it: the split outlasts
    // GossipToTheDeadTime (30 s), so no dead member is left in either table.
    void longSplitHealsThroughTheReconnectList_data()
    {
        QTest::addColumn<bool>("keepReaped");
        QTest::newRow("reconnect list") << true;
        QTest::newRow("no list (memberlist alone)") << false;
    }
    void longSplitHealsThroughTheReconnectList()
    {
        QFETCH(bool, keepReaped);
        Cluster c(2, Profile::Lan, 1, keepReaped ? nullptr : noReconnectList);
        c.connectAll();
        c.linksDown = true;
        c[0].handlePacket(c.now, endpointOf(9), {wire::Dead{1, "n1", "n0"}});
        c[1].handlePacket(c.now, endpointOf(9), {wire::Dead{1, "n0", "n1"}});
        c.runAll(
            0, [](const Effect &) { return false; }, 45s);
        QVERIFY(!c[0].member("n1") && !c[1].member("n0"));
        c.linksDown = false;
        const TimePoint healed = c.now;
        c.runAll(
            0, [&](const Effect &) { return c[0].aliveCount() == 2 && c[1].aliveCount() == 2; },
            60s);
        const int expected = keepReaped ? 2 : 1;
        QCOMPARE(c[0].aliveCount(), expected);
        QCOMPARE(c[1].aliveCount(), expected);
        if (keepReaped)
            QVERIFY(c.now - healed <= Duration(10s)); // one reconnect interval
    }
};

QTEST_APPLESS_MAIN(TstReconnect)
#include "tst_reconnect.moc"
