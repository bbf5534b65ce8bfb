// The members Serf still lists after memberlist reaped them (core/node/serf_departed.h):
// a failed member stays failed until ReconnectTimeout, a left one until TombstoneTimeout,
// a leave intent turns failed into left, and a member that comes back is forgotten; a
// pruned member (`serf force-leave -prune`) is dropped and stays out until it rejoins.
#include "core/node/serf_departed.h"

#include <QTest>

using namespace grapevine;

namespace {

constexpr qint64 kFailedTimeoutMs = 1000;
constexpr qint64 kLeftTimeoutMs = 5000;

MemberSnapshot member(const char *name, MemberState state)
{
    MemberSnapshot m;
    m.name = QString::fromLatin1(name);
    m.address = QStringLiteral("127.0.0.1");
    m.port = 7946;
    m.state = state;
    return m;
}

QStringList names(const QList<MemberSnapshot> &members)
{
    QStringList out;
    for (const MemberSnapshot &m : members)
        out << m.name;
    return out;
}

} // namespace

class TestSerfDeparted : public QObject {
    Q_OBJECT
private slots:
    void keptMembersAreListedAsReapedWithTheirState()
    {
        SerfDeparted departed;
        QVERIFY(departed.empty());
        departed.keep(member("failed", MemberState::Dead), 100);
        departed.keep(member("gone", MemberState::Left), 100);
        const QList<MemberSnapshot> all = departed.all();
        QCOMPARE(names(all), (QStringList{"failed", "gone"}));
        QCOMPARE(all[0].state, MemberState::Dead);
        QCOMPARE(all[1].state, MemberState::Left);
        QVERIFY(all[0].reaped && all[1].reaped);
    }

    void aLeaveIntentTurnsAFailedMemberLeft()
    {
        SerfDeparted departed;
        departed.keep(member("g3", MemberState::Dead), 100);
        const MemberSnapshot *left = departed.markLeft(QStringLiteral("g3"));
        QVERIFY(left);
        QCOMPARE(left->state, MemberState::Left);
        QVERIFY(left->leftByIntent);
        QCOMPARE(departed.all().first().state, MemberState::Left);
        QCOMPARE(departed.markLeft(QStringLiteral("unknown")), nullptr);
    }

    void aMemberThatCameBackIsForgotten()
    {
        SerfDeparted departed;
        departed.keep(member("g3", MemberState::Dead), 100);
        QVERIFY(departed.forget(QStringLiteral("g3")));
        QVERIFY(!departed.forget(QStringLiteral("g3")));
        QVERIFY(departed.empty());
    }

    void failedAndLeftExpireAfterTheirOwnTimeouts()
    {
        SerfDeparted departed;
        departed.keep(member("failed", MemberState::Dead), 0);
        departed.keep(member("left", MemberState::Left), 0);
        QVERIFY(departed.expire(kFailedTimeoutMs, kFailedTimeoutMs, kLeftTimeoutMs).isEmpty());
        QCOMPARE(names(departed.expire(kFailedTimeoutMs + 1, kFailedTimeoutMs, kLeftTimeoutMs)),
                 QStringList{"failed"});
        QCOMPARE(names(departed.all()), QStringList{"left"});
        QVERIFY(departed.expire(kLeftTimeoutMs, kFailedTimeoutMs, kLeftTimeoutMs).isEmpty());
        QCOMPARE(names(departed.expire(kLeftTimeoutMs + 1, kFailedTimeoutMs, kLeftTimeoutMs)),
                 QStringList{"left"});
        QVERIFY(departed.empty());
    }

    void aFailedMemberMarkedLeftWaitsForTheTombstoneTimeout()
    {
        SerfDeparted departed;
        departed.keep(member("g3", MemberState::Dead), 0);
        departed.markLeft(QStringLiteral("g3"));
        QVERIFY(departed.expire(kFailedTimeoutMs + 1, kFailedTimeoutMs, kLeftTimeoutMs).isEmpty());
        QCOMPARE(departed.all().size(), 1);
    }

    void aPrunedMemberIsDroppedAndStaysOutUntilItRejoins()
    {
        SerfDeparted departed;
        departed.keep(member("g3", MemberState::Left), 0);
        const std::optional<MemberSnapshot> kept = departed.prune(QStringLiteral("g3"));
        QVERIFY(kept);
        QCOMPARE(kept->name, QStringLiteral("g3"));
        QVERIFY(departed.empty());
        QVERIFY(departed.isPruned(QStringLiteral("g3")));
        departed.rejoined(QStringLiteral("g3"));
        QVERIFY(!departed.isPruned(QStringLiteral("g3")));
    }

    // memberlist still holds it (dead, not yet reaped): nothing kept, but pruned all the same.
    void aMemberNotKeptCanBePruned()
    {
        SerfDeparted departed;
        QVERIFY(!departed.prune(QStringLiteral("g3")));
        QVERIFY(departed.isPruned(QStringLiteral("g3")));
        departed.clear();
        QVERIFY(!departed.isPruned(QStringLiteral("g3")));
    }

    void keepingAgainReplacesTheEntry()
    {
        SerfDeparted departed;
        departed.keep(member("g3", MemberState::Dead), 0);
        departed.keep(member("g3", MemberState::Left), 2000);
        QCOMPARE(departed.all().size(), 1);
        QCOMPARE(departed.all().first().state, MemberState::Left);
        QVERIFY(departed.expire(2000 + kLeftTimeoutMs, kFailedTimeoutMs, kLeftTimeoutMs).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSerfDeparted)
#include "tst_serf_departed.moc"
