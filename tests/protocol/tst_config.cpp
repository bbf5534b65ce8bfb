// tst_config.cpp — the three presets carry memberlist's exact defaults (§8.1).
#include "core/protocol/config.h"

#include <QTest>

using namespace grapevine::protocol;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(grapevine::protocol::Profile)

class TstConfig : public QObject {
    Q_OBJECT
private slots:
    void presetsMatchMemberlistDefaults_data()
    {
        QTest::addColumn<Profile>("profile");
        QTest::addColumn<int>("tcpTimeoutMs");
        QTest::addColumn<int>("indirectChecks");
        QTest::addColumn<int>("retransmitMult");
        QTest::addColumn<int>("suspicionMult");
        QTest::addColumn<int>("pushPullS");
        QTest::addColumn<int>("probeIntervalMs");
        QTest::addColumn<int>("probeTimeoutMs");
        QTest::addColumn<int>("gossipNodes");
        QTest::addColumn<int>("gossipIntervalMs");
        QTest::addColumn<int>("gossipToTheDeadS");
        QTest::newRow("lan") << Profile::Lan << 10000 << 3 << 4 << 4 << 30 << 1000 << 500 << 3
                             << 200 << 30;
        QTest::newRow("wan") << Profile::Wan << 30000 << 3 << 4 << 6 << 60 << 5000 << 3000 << 4
                             << 500 << 60;
        QTest::newRow("local") << Profile::Local << 1000 << 1 << 2 << 3 << 15 << 1000 << 200 << 3
                               << 100 << 15;
    }
    void presetsMatchMemberlistDefaults()
    {
        QFETCH(Profile, profile);
        const Config c = Config::forProfile(profile);
        QTEST(int(std::chrono::duration_cast<std::chrono::milliseconds>(c.tcpTimeout).count()),
              "tcpTimeoutMs");
        QTEST(c.indirectChecks, "indirectChecks");
        QTEST(c.retransmitMult, "retransmitMult");
        QTEST(c.suspicionMult, "suspicionMult");
        QTEST(int(std::chrono::duration_cast<std::chrono::seconds>(c.pushPullInterval).count()),
              "pushPullS");
        QTEST(int(std::chrono::duration_cast<std::chrono::milliseconds>(c.probeInterval).count()),
              "probeIntervalMs");
        QTEST(int(std::chrono::duration_cast<std::chrono::milliseconds>(c.probeTimeout).count()),
              "probeTimeoutMs");
        QTEST(c.gossipNodes, "gossipNodes");
        QTEST(int(std::chrono::duration_cast<std::chrono::milliseconds>(c.gossipInterval).count()),
              "gossipIntervalMs");
        QTEST(int(std::chrono::duration_cast<std::chrono::seconds>(c.gossipToTheDeadTime).count()),
              "gossipToTheDeadS");
        // Shared by all three presets.
        QCOMPARE(c.suspicionMaxTimeoutMult, 6);
        QCOMPARE(c.awarenessMaxMultiplier, 8);
        QCOMPARE(c.udpBufferSize, 1400);
        QCOMPARE(c.handoffQueueDepth, 1024);
        QCOMPARE(c.disableTcpPings, false);
        QCOMPARE(c.deadNodeReclaimTime, Duration::zero());
        QCOMPARE(c.protocolVersion, std::uint8_t(2));
        QCOMPARE(c.advertise.port, std::uint16_t(7946));
    }

    void reconnectIntervalIsAThirdOfGossipToTheDead()
    {
        for (Profile p : {Profile::Local, Profile::Lan, Profile::Wan}) {
            const Config c = Config::forProfile(p);
            QCOMPARE(c.reconnectInterval * 3, c.gossipToTheDeadTime);
        }
    }

    void reapedMembersAreKeptADayLikeSerf()
    {
        for (Profile p : {Profile::Local, Profile::Lan, Profile::Wan}) {
            const Config c = Config::forProfile(p);
            QCOMPARE(c.reconnectTimeout, Duration(std::chrono::hours(24)));
            QCOMPARE(c.reconnectListLimit, 1024);
        }
    }

    void vsnAdvertisesProtocolOneToFive()
    {
        Config c = Config::forProfile(Profile::Lan);
        c.delegateVersion = {1, 3, 2};
        const std::array<std::uint8_t, 6> expected{1, 5, 2, 1, 3, 2};
        QCOMPARE(c.vsn(), expected);
    }

    void profileNamesRoundTrip()
    {
        for (Profile p : {Profile::Local, Profile::Lan, Profile::Wan})
            QCOMPARE(parseProfile(profileName(p)), std::optional<Profile>(p));
        QCOMPARE(parseProfile("metro"), std::optional<Profile>());
    }
};

QTEST_APPLESS_MAIN(TstConfig)
#include "tst_config.moc"
