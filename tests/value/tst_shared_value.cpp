// SharedValue as a Delegate, without an engine: what it applies, refuses, stamps and
// advertises. The engine-driven spreading is covered by tst_value_spreading.
#include "core/value/envelope.h"
#include "core/value/shared_value.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::value;
using namespace std::chrono_literals;

namespace {

const wire::Endpoint kPeer{{127, 0, 0, 1}, 7947};
const wire::Endpoint kOther{{127, 0, 0, 1}, 7948};

wire::Bytes envelopeOf(const std::string &value, std::uint64_t lamport, const std::string &o)
{
    return encodeEnvelope(Entry{value, Version{lamport, o}, 0});
}

protocol::MemberInfo member(const std::string &name, wire::NodeState state,
                            const std::optional<Version> &held, bool self = false)
{
    protocol::MemberInfo m;
    m.name = name;
    m.state = state;
    m.isSelf = self;
    if (held)
        m.meta = encodeMeta(*held);
    return m;
}

} // namespace

class TestSharedValue : public QObject {
    Q_OBJECT
private slots:
    void setAppliesLocallyFirst()
    {
        SharedValue sv("n1", false);
        QVERIFY(!sv.set(0ns, 1000, "hello"));
        QCOMPARE(sv.current().value, std::string("hello"));
        QCOMPARE(sv.current().version, (Version{1, "n1"}));
        QCOMPARE(sv.current().updatedMs, 1000);
        const auto applied = sv.takeApplied();
        QCOMPARE(applied.size(), std::size_t(1));
        QCOMPARE(applied[0].source, AppliedSource::LocalSet);
        QVERIFY(sv.takeApplied().empty());
    }

    void refusedSetChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("self");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("over the limit") << QByteArray("n1") << QByteArray(449, 'x');
        QTest::newRow("not utf-8") << QByteArray("n1") << QByteArray("\xff");
        QTest::newRow("name too long") << QByteArray(129, 'n') << QByteArray("v");
    }
    void refusedSetChangesNothing()
    {
        QFETCH(QByteArray, self);
        QFETCH(QByteArray, value);
        SharedValue sv(self.toStdString(), false);
        sv.set(0ns, 0, "before");
        sv.takeApplied();
        const auto err = sv.set(0ns, 0, value.toStdString());
        QVERIFY(err);
        QVERIFY(!err->empty());
        QVERIFY(sv.takeApplied().empty());
        QVERIFY(sv.current().value != value.toStdString());
    }

    void newerEnvelopeIsAppliedAndOlderIgnored()
    {
        SharedValue sv("n1", false);
        sv.setWallClockMs(55);
        sv.notifyUserMessage(0ns, kPeer, envelopeOf("v5", 5, "n2"));
        QCOMPARE(sv.current().value, std::string("v5"));
        QCOMPARE(sv.current().updatedMs, 55);
        sv.notifyUserMessage(0ns, kPeer, envelopeOf("v4", 4, "n3"));
        sv.notifyUserMessage(0ns, kPeer, envelopeOf("v5 again", 5, "n2"));
        QCOMPARE(sv.current().value, std::string("v5"));
        const auto applied = sv.takeApplied();
        QCOMPARE(applied.size(), std::size_t(1));
        QCOMPARE(applied[0].source, AppliedSource::UserMessage);
        QCOMPARE(applied[0].fromAddress, std::string("127.0.0.1:7947"));
        QVERIFY(!sv.set(0ns, 0, "mine"));
        QCOMPARE(sv.current().version, (Version{6, "n1"})); // clock saw 5
    }

    void badPayloadIsIgnored()
    {
        SharedValue sv("n1", false);
        const wire::Bytes junk{0xC1, 'G', 'V', 0x01, 0x00};
        sv.notifyUserMessage(0ns, kPeer, junk);
        sv.notifyUserMessage(0ns, kPeer, wire::Bytes{0xff, 0xfe});
        sv.flush(0ns);
        QVERIFY(sv.current().version.isNull());
        QVERIFY(sv.takeApplied().empty());
    }

    void plainTextIsStampedOnArrival()
    {
        SharedValue sv("n1", false);
        sv.notifyUserMessage(0ns, kPeer, envelopeOf("old", 7, "n2"));
        sv.takeApplied();
        sv.notifyUserMessage(0ns, kPeer, wire::toBytes("from go"));
        QCOMPARE(sv.current().value, std::string("old")); // decided at flush
        sv.flush(1s);
        QCOMPARE(sv.current().value, std::string("from go"));
        QCOMPARE(sv.current().version, (Version{8, "plain"})); // no engine: sender unknown
        const auto applied = sv.takeApplied();
        QCOMPARE(applied.size(), std::size_t(1));
        QCOMPARE(applied[0].source, AppliedSource::PlainText);
    }

    void emptyPlainMessageIsAValue()
    {
        SharedValue sv("n1", false);
        sv.set(0ns, 0, "x");
        sv.notifyUserMessage(0ns, kPeer, {});
        sv.flush(0ns);
        QCOMPARE(sv.current().value, std::string());
        QCOMPARE(sv.current().version.lamport, 2ull);
    }

    void retransmittedPlainCopiesAreNotNewVersions()
    {
        SharedValue sv("n1", false);
        sv.notifyUserMessage(0ns, kPeer, wire::toBytes("a"));
        sv.flush(0s);
        sv.set(1s, 0, "b");
        sv.notifyUserMessage(2s, kPeer, wire::toBytes("a"));  // a retransmission
        sv.notifyUserMessage(2s, kOther, wire::toBytes("b")); // equal to what we hold
        sv.flush(2s);
        QCOMPARE(sv.current().value, std::string("b"));
        QCOMPARE(sv.current().version, (Version{2, "n1"}));
        sv.notifyUserMessage(20s, kPeer, wire::toBytes("a")); // set again, much later
        sv.flush(20s);
        QCOMPARE(sv.current().value, std::string("a"));
    }

    void pushPullStateIsMergedAndOffered()
    {
        SharedValue sv("n1", false);
        QVERIFY(sv.localState(true).empty()); // nothing set yet: nothing to offer
        sv.mergeRemoteState(0ns, {}, true);   // plain programs send nothing
        sv.mergeRemoteState(0ns, wire::toBytes("{\"foreign\":1}"), false);
        QVERIFY(sv.current().version.isNull());
        sv.mergeRemoteState(0ns, encodeState(Entry{"s", {3, "n9"}, 0}), true);
        QCOMPARE(sv.current().value, std::string("s"));
        const auto applied = sv.takeApplied();
        QCOMPARE(applied.size(), std::size_t(1));
        QCOMPARE(applied[0].source, AppliedSource::PushPull);
        const auto offered = decodeState(sv.localState(false), 0);
        QVERIFY(offered.ok() && offered->has_value());
        QCOMPARE((*offered)->version, (Version{3, "n9"}));
    }

    void metadataNamesTheHeldVersion()
    {
        SharedValue sv("n1", false);
        QCOMPARE(decodeMeta(sv.nodeMeta(512)), std::optional<Version>(Version{}));
        sv.set(0ns, 0, "v");
        QCOMPARE(decodeMeta(sv.nodeMeta(512)), std::optional<Version>(Version{1, "n1"}));
        QVERIFY(sv.nodeMeta(4).empty()); // never more than the engine allows
    }

    void restoredValueContinuesTheClock()
    {
        SharedValue sv("n1", false);
        sv.restore(Entry{"kept", {9, "n2"}, 5}, 12);
        QCOMPARE(sv.takeApplied().at(0).source, AppliedSource::Restored);
        sv.set(0ns, 0, "next");
        QCOMPARE(sv.current().version, (Version{13, "n1"}));
    }

    void convergenceCountsLiveMembersHoldingCurrent()
    {
        SharedValue sv("n1", false);
        sv.notifyUserMessage(0ns, kPeer, envelopeOf("v", 4, "n2"));
        const Version cur{4, "n2"};
        const std::vector<protocol::MemberInfo> members{
            member("n1", wire::NodeState::Alive, Version{}, true), // self: register wins
            member("n2", wire::NodeState::Alive, cur),
            member("n3", wire::NodeState::Alive, Version{3, "n3"}),
            member("n4", wire::NodeState::Suspect, Version{5, "n4"}), // newer counts
            member("n5", wire::NodeState::Dead, cur),                 // not live
            member("n6", wire::NodeState::Left, std::nullopt),
            member("go", wire::NodeState::Alive, std::nullopt), // plain: not counted
        };
        const ConvergenceStatus s = sv.convergence(members);
        QCOMPARE(s.version, cur);
        QCOMPARE(s.reached, 3);
        QCOMPARE(s.total, 4);
        QVERIFY(!s.complete());
        QVERIFY(sv.convergence({members[0], members[1]}).complete());
    }
};

QTEST_APPLESS_MAIN(TestSharedValue)
#include "tst_shared_value.moc"
