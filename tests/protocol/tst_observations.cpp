// tst_observations.cpp — the engine tells why (observation.h): each path of failure
// detection, driven by hand on a virtual clock, reports exactly its steps — direct ack,
// missed ack → indirect → nack, TCP fallback, suspicion with 0, 1 and K confirmations and
// Lifeguard's timeout after each (checked against memberlist's formula, written out here),
// refutation, death, leave, and the health score with its cause.
#include "harness.h"

#include <QStringList>

#include <cmath>

using namespace grapevine;
using namespace grapevine::protocol;
using namespace grapevine::protocol::testing;

namespace {

class Recorder : public Observer {
public:
    std::vector<Observation> seen;
    void observe(const Observation &o) override { seen.push_back(o); }
};

qint64 ms(Duration d)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

// One observation as a short line, times in ms after `origin`, so a whole path compares
// in one QCOMPARE that shows which step differs.
QString line(const Observation &o, TimePoint origin)
{
    QString s = QStringLiteral("+%1 %2 %3")
                    .arg(ms(o.at - origin))
                    .arg(QString::fromLatin1(observationKindName(o.kind)),
                         QString::fromStdString(o.member));
    if (!o.peer.empty())
        s += QStringLiteral(" peer=%1").arg(QString::fromStdString(o.peer));
    switch (o.kind) {
    case ObservationKind::ProbeSent:
    case ObservationKind::AckReceived:
        s += QStringLiteral(" %1").arg(QString::fromLatin1(probePathName(o.path)));
        if (o.kind == ObservationKind::AckReceived)
            s += QStringLiteral(" rtt=%1").arg(ms(o.rtt));
        break;
    case ObservationKind::ProbeFailed:
        s += QStringLiteral(" nacks=%1/%2").arg(o.nacks).arg(o.relaysAsked);
        break;
    case ObservationKind::SuspicionRaised:
    case ObservationKind::SuspicionConfirmed:
        s += QStringLiteral(" inc=%1 %2/%3 timeout=%4 deadline=+%5")
                 .arg(o.incarnation)
                 .arg(o.confirmations)
                 .arg(o.confirmationsWanted)
                 .arg(ms(o.timeout))
                 .arg(ms(o.deadline - origin));
        break;
    case ObservationKind::Refuted:
    case ObservationKind::Rejoined:
    case ObservationKind::DeclaredDead:
    case ObservationKind::Left:
        s += QStringLiteral(" inc=%1").arg(o.incarnation);
        break;
    case ObservationKind::HealthChanged:
        s += QStringLiteral(" %1->%2 %3")
                 .arg(o.healthBefore)
                 .arg(o.health)
                 .arg(QString::fromLatin1(healthCauseName(o.cause)));
        break;
    case ObservationKind::AckMissed:
    case ObservationKind::IndirectProbeSent:
    case ObservationKind::NackReceived:
        break;
    }
    return s;
}

QStringList lines(const Recorder &r, TimePoint origin)
{
    QStringList out;
    for (const Observation &o : r.seen)
        out << line(o, origin);
    return out;
}

// memberlist suspicion.go remainingSuspicionTime + elapsed, written out independently of
// core/protocol/formulas.cpp: max − ln(c+1)/ln(k+1)·(max − min), floored to ms, ≥ min.
qint64 memberlistTimeoutMs(int c, int k, double minS, double maxS)
{
    const double frac = std::log(c + 1.0) / std::log(k + 1.0);
    const double raw = maxS - frac * (maxS - minS);
    return std::max(static_cast<qint64>(std::floor(1000.0 * raw)),
                    static_cast<qint64>(1000.0 * minS));
}

void feed(Cluster &c, int i, wire::Message m)
{
    c[i].handlePacket(c.now, endpointOf(1), {std::move(m)});
}

// Runs engine i until it pings someone; returns that packet and its target.
std::pair<SendPacket, int> nextProbe(Cluster &c, int i)
{
    for (const SendPacket &p : only<SendPacket>(c.runUntilPing(i)))
        if (firstOf<wire::Ping>(p))
            return {p, c.indexOf(p.to)};
    return {};
}

bool isProbeFinished(const Effect &e)
{
    return std::holds_alternative<ProbeFinished>(e);
}

// Effects as short lines (destination and message types), to compare two runs.
QStringList effectLines(const std::vector<Effect> &fx)
{
    QStringList out;
    for (const Effect &e : fx) {
        QString s = QString::number(e.index());
        if (const auto *p = std::get_if<SendPacket>(&e)) {
            s += QString::fromStdString(" " + p->to.toString());
            for (const wire::Message &m : p->messages)
                s += QStringLiteral(" %1").arg(int(wire::typeOf(m)));
        }
        out << s;
    }
    return out;
}

} // namespace

class TstObservations : public QObject {
    Q_OBJECT
private slots:
    void directAckReportsProbeAndRtt()
    {
        Cluster c(2);
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        const auto [ping, target] = nextProbe(c, 0);
        const TimePoint start = c.now;
        c.now += 3ms;
        c.deliver(0, ping);
        c.now += 4ms;
        c.deliver(1, only<SendPacket>(c[1].drainEffects())[0]);
        QCOMPARE(lines(r, start),
                 (QStringList{"+0 probe-sent n1 direct", "+7 ack-received n1 direct rtt=7"}));
    }

    void missedAckGoesIndirectThenNackThenSuspicion()
    {
        Cluster c(3);
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        const auto [ping, target] = nextProbe(c, 0); // dropped: the target never hears it
        const int relay = 3 - target;
        const TimePoint start = c.now;
        const auto stage2 =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<OpenStream>(e); });
        c.deliver(0, only<SendPacket>(stage2)[0]);
        c[relay].drainEffects(); // its ping to the target is lost too, so it nacks
        const auto nacked = c.runUntil(relay, [](const Effect &e) {
            const auto *p = std::get_if<SendPacket>(&e);
            return p && firstOf<wire::Nack>(*p);
        });
        for (const SendPacket &p : only<SendPacket>(nacked))
            if (firstOf<wire::Nack>(p))
                c.deliver(relay, p);
        c[0].handleStreamReply(c.now, only<OpenStream>(stage2)[0].id,
                               wire::Error{"connection refused"});
        c.runUntil(0, isProbeFinished);

        const QString t = nameOf(target).c_str(), via = nameOf(relay).c_str();
        // k = 0 (n − 2 < SuspicionMult − 2): the timeout is min = 4 × max(1, log10 3) s.
        // The probe tick due at +1 s waited for this probe and runs the next one at once.
        QCOMPARE(
            lines(r, start),
            (QStringList{
                "+0 probe-sent " + t + " direct", "+500 ack-missed " + t,
                "+500 indirect-probe-sent " + t + " peer=" + via, "+500 probe-sent " + t + " tcp",
                "+1000 nack-received " + t + " peer=" + via,
                "+1000 probe-failed " + t + " nacks=1/1",
                "+1000 suspicion-raised " + t + " peer=n0 inc=1 0/0 timeout=4000 deadline=+5000",
                "+1000 probe-sent " + via + " direct"}));
    }

    void missingNacksRaiseHealthWithTheirCause()
    {
        Cluster c(3);
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        const auto [ping, target] = nextProbe(c, 0);
        const TimePoint start = c.now;
        c.runUntil(0, isProbeFinished); // the relay never hears the request: no nack
        const QString t = nameOf(target).c_str(), via = nameOf(3 - target).c_str();
        QCOMPARE(lines(r, start).mid(4, 3),
                 (QStringList{"+1000 probe-failed " + t + " nacks=0/1",
                              "+1000 health-changed n0 peer=" + t + " 0->1 missed-nacks",
                              "+1000 suspicion-raised " + t +
                                  " peer=n0 inc=1 0/0 timeout=4000 deadline=+5000"}));
    }

    void failedProbeWithoutRelaysBlamesTheProbe()
    {
        Cluster c(2);
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        nextProbe(c, 0);
        const TimePoint start = c.now;
        c.runUntil(0, isProbeFinished);
        // n = 2: min = 4 s, k = 0.
        QCOMPARE(lines(r, start),
                 (QStringList{"+0 probe-sent n1 direct", "+500 ack-missed n1",
                              "+500 probe-sent n1 tcp", "+1000 probe-failed n1 nacks=0/0",
                              "+1000 health-changed n0 peer=n1 0->1 probe-failed",
                              "+1000 suspicion-raised n1 peer=n0 inc=1 0/0 "
                              "timeout=4000 deadline=+5000"}));
    }

    void ackedProbeLowersHealthWithItsCause()
    {
        Cluster c(2);
        c.connectAll();
        nextProbe(c, 0);
        c.runUntil(0, isProbeFinished); // failed: health 1
        const auto [ping, target] = nextProbe(c, 0);
        Recorder r;
        c[0].setObserver(&r);
        const TimePoint start = c.now;
        c.now += 2ms;
        c.deliver(0, ping);
        c.deliver(1, only<SendPacket>(c[1].drainEffects())[0]);
        QCOMPARE(lines(r, start), (QStringList{"+2 ack-received n1 direct rtt=2",
                                               "+2 health-changed n0 peer=n1 1->0 probe-acked"}));
    }

    void relayedAckNamesTheRelay()
    {
        Cluster c(3);
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        const auto [ping, target] = nextProbe(c, 0);
        const int relay = 3 - target;
        const TimePoint start = c.now;
        const auto stage2 =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<OpenStream>(e); });
        c.now += 1ms;
        c.deliver(0, only<SendPacket>(stage2)[0]);
        c.deliver(relay, only<SendPacket>(c[relay].drainEffects())[0]);
        c.deliver(target, only<SendPacket>(c[target].drainEffects())[0]);
        c.now += 2ms;
        c.deliver(relay, only<SendPacket>(c[relay].drainEffects())[0]);
        const QString t = nameOf(target).c_str(), via = nameOf(relay).c_str();
        QCOMPARE(lines(r, start).mid(4),
                 (QStringList{"+503 ack-received " + t + " peer=" + via + " indirect rtt=503"}));
    }

    void tcpFallbackAckIsReported()
    {
        Cluster c(2);
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        nextProbe(c, 0);
        const TimePoint start = c.now;
        const auto stage2 =
            c.runUntil(0, [](const Effect &e) { return std::holds_alternative<OpenStream>(e); });
        c.serve(0, only<OpenStream>(stage2)[0]);
        c.runUntil(0, isProbeFinished);
        QCOMPARE(lines(r, start).mid(3), (QStringList{"+500 ack-received n1 tcp rtt=500"}));
    }

    void eachConfirmationShortensTheTimeoutByMemberlistsFormula()
    {
        Cluster c(5); // n = 5: min = 4 × max(1, log10 5) s = 4 s, max = 6 × min, k = 2
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        const TimePoint start = c.now;
        feed(c, 0, wire::Suspect{1, "n4", "n1"});
        c.now += 1s;
        feed(c, 0, wire::Suspect{1, "n4", "n1"}); // the accuser never confirms itself
        feed(c, 0, wire::Suspect{1, "n4", "n2"});
        c.now += 1s;
        feed(c, 0, wire::Suspect{1, "n4", "n2"}); // nor does a confirmer twice
        feed(c, 0, wire::Suspect{1, "n4", "n3"});
        feed(c, 0, wire::Suspect{1, "n4", "n0"}); // k reached: no more
        const auto timeout = [](int confirmations) {
            return QString::number(memberlistTimeoutMs(confirmations, 2, 4.0, 24.0));
        };
        QCOMPARE(timeout(1), QString("11381"));
        QCOMPARE(
            lines(r, start),
            (QStringList{"+0 suspicion-raised n4 peer=n1 inc=1 0/2 timeout=" + timeout(0) +
                             " deadline=+24000",
                         "+1000 suspicion-confirmed n4 peer=n2 inc=1 1/2 timeout=" + timeout(1) +
                             " deadline=+" + timeout(1),
                         "+2000 suspicion-confirmed n4 peer=n3 inc=1 2/2 timeout=" + timeout(2) +
                             " deadline=+" + timeout(2)}));
    }

    void suspicionRunsOutAndWeDeclareDeath()
    {
        Cluster c(3);
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        const TimePoint start = c.now;
        feed(c, 0, wire::Suspect{1, "n2", "n1"});
        c.runUntil(0, [](const Effect &e) {
            const auto *m = std::get_if<MemberChanged>(&e);
            return m && m->kind == MemberEventKind::Left;
        });
        QStringList aboutN2;
        for (const Observation &o : r.seen)
            if (o.member == "n2" && o.kind != ObservationKind::ProbeSent &&
                o.kind != ObservationKind::AckMissed && o.kind != ObservationKind::ProbeFailed &&
                o.kind != ObservationKind::IndirectProbeSent)
                aboutN2 << line(o, start);
        // n0's own probes of n2 fail meanwhile (nothing is delivered): our own suspect
        // message confirms nothing, k being 0.
        QCOMPARE(aboutN2, (QStringList{"+0 suspicion-raised n2 peer=n1 inc=1 0/0 timeout=4000 "
                                       "deadline=+4000",
                                       "+4000 declared-dead n2 peer=n0 inc=1"}));
    }

    void suspectWhoRefutesIsReportedWithItsIncarnation()
    {
        Cluster c(3);
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        const TimePoint start = c.now;
        feed(c, 0, wire::Suspect{1, "n2", "n1"});
        c.now += 1400ms;
        feed(c, 0, aliveOf(2, 7));
        feed(c, 0, aliveOf(2, 8)); // alive already: nothing to refute
        QCOMPARE(lines(r, start),
                 (QStringList{"+0 suspicion-raised n2 peer=n1 inc=1 0/0 timeout=4000 "
                              "deadline=+4000",
                              "+1400 refuted n2 inc=7"}));
    }

    void weRefuteAnAccusationAndPayInHealth()
    {
        Cluster c(2);
        c.connectAll();
        Recorder r;
        c[1].setObserver(&r);
        const TimePoint start = c.now;
        c[1].handlePacket(c.now, endpointOf(0), {wire::Suspect{1, "n1", "n0"}});
        c[1].handlePacket(c.now, endpointOf(0), {wire::Dead{2, "n1", "n0"}});
        QCOMPARE(lines(r, start), (QStringList{"+0 refuted n1 peer=n0 inc=2",
                                               "+0 health-changed n1 peer=n0 0->1 refuting",
                                               "+0 refuted n1 peer=n0 inc=3",
                                               "+0 health-changed n1 peer=n0 1->2 refuting"}));
    }

    void deathByAnotherThenRejoinAndLeave()
    {
        Cluster c(3);
        c.connectAll();
        Recorder r;
        c[0].setObserver(&r);
        const TimePoint start = c.now;
        feed(c, 0, wire::Dead{1, "n2", "n1"});
        c.now += 2s;
        feed(c, 0, aliveOf(2, 2));
        feed(c, 0, wire::Dead{2, "n2", "n2"});
        QCOMPARE(lines(r, start),
                 (QStringList{"+0 declared-dead n2 peer=n1 inc=1", "+2000 rejoined n2 inc=2",
                              "+2000 left n2 peer=n2 inc=2"}));
    }

    void nobodyListeningChangesNothing()
    {
        Cluster watched(4, Profile::Lan, 7), plain(4, Profile::Lan, 7);
        watched.connectAll();
        plain.connectAll();
        Recorder r;
        watched[0].setObserver(&r);
        watched.linksDown = plain.linksDown = true; // probes fail: every path is taken
        const auto any = [](const Effect &) { return false; };
        const auto a = watched.runAll(0, any, 20s);
        const auto b = plain.runAll(0, any, 20s);
        QVERIFY(r.seen.size() > 20);
        QCOMPARE(effectLines(a), effectLines(b));
    }
};

QTEST_APPLESS_MAIN(TstObservations)
#include "tst_observations.moc"
