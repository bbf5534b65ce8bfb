// tst_precedence.cpp — SWIM's precedence table (precedence.h), row by row: memberlist's
// aliveNode / suspectNode / deadNode decisions for other members, ourselves and ourselves
// while leaving.
#include "core/protocol/precedence.h"

#include <QTest>

using namespace grapevine::protocol;
using grapevine::wire::NodeState;

namespace {

constexpr int kNone = -1; // no record held

} // namespace

class TstPrecedence : public QObject {
    Q_OBJECT
private slots:
    void verdict_data()
    {
        QTest::addColumn<int>("heldState"); // a NodeState, or kNone
        QTest::addColumn<int>("heldIncarnation");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("incarnation");
        QTest::addColumn<bool>("reclaims");
        QTest::addColumn<int>("subject");
        QTest::addColumn<int>("verdict");
        const auto row = [](const char *name, int state, int heldInc, ClaimKind kind, int inc,
                            bool reclaims, Subject subject, Verdict verdict) {
            QTest::newRow(name) << state << heldInc << int(kind) << inc << reclaims << int(subject)
                                << int(verdict);
        };
        const int alive = int(NodeState::Alive), suspect = int(NodeState::Suspect);
        const int dead = int(NodeState::Dead), left = int(NodeState::Left);
        const Subject member = Subject::Member, self = Subject::Self;
        const Subject leaving = Subject::SelfLeaving;

        // Unknown members: only an alive introduces one.
        row("unknown, alive", kNone, 0, ClaimKind::Alive, 1, false, member, Verdict::Apply);
        row("unknown, suspect", kNone, 0, ClaimKind::Suspect, 1, false, member, Verdict::Ignore);
        row("unknown, dead", kNone, 0, ClaimKind::Dead, 1, false, member, Verdict::Ignore);
        row("unknown, left", kNone, 0, ClaimKind::Left, 1, false, member, Verdict::Ignore);

        // Alive about another member: strictly newer, or a reclaimed name.
        row("alive over alive, newer", alive, 3, ClaimKind::Alive, 4, false, member,
            Verdict::Apply);
        row("alive over alive, same", alive, 3, ClaimKind::Alive, 3, false, member,
            Verdict::Ignore);
        row("alive over alive, older", alive, 3, ClaimKind::Alive, 2, false, member,
            Verdict::Ignore);
        row("alive over suspect, same (no refutation)", suspect, 3, ClaimKind::Alive, 3, false,
            member, Verdict::Ignore);
        row("alive over suspect, newer (refuted)", suspect, 3, ClaimKind::Alive, 4, false, member,
            Verdict::Apply);
        row("alive over dead, same", dead, 3, ClaimKind::Alive, 3, false, member, Verdict::Ignore);
        row("alive over dead, newer (rejoined)", dead, 3, ClaimKind::Alive, 4, false, member,
            Verdict::Apply);
        row("alive over left, newer (rejoined)", left, 3, ClaimKind::Alive, 4, false, member,
            Verdict::Apply);
        row("alive reclaiming a left name, older", left, 3, ClaimKind::Alive, 1, true, member,
            Verdict::Apply);
        row("alive reclaiming a dead name, older", dead, 3, ClaimKind::Alive, 1, true, member,
            Verdict::Apply);

        // Suspect about another member: the same incarnation counts.
        row("suspect over alive, same", alive, 3, ClaimKind::Suspect, 3, false, member,
            Verdict::Apply);
        row("suspect over alive, newer", alive, 3, ClaimKind::Suspect, 5, false, member,
            Verdict::Apply);
        row("suspect over alive, older", alive, 3, ClaimKind::Suspect, 2, false, member,
            Verdict::Ignore);
        row("suspect over suspect, same", suspect, 3, ClaimKind::Suspect, 3, false, member,
            Verdict::Confirm);
        row("suspect over suspect, newer", suspect, 3, ClaimKind::Suspect, 4, false, member,
            Verdict::Confirm);
        row("suspect over suspect, older", suspect, 3, ClaimKind::Suspect, 2, false, member,
            Verdict::Ignore);
        row("suspect over dead", dead, 3, ClaimKind::Suspect, 4, false, member, Verdict::Ignore);
        row("suspect over left", left, 3, ClaimKind::Suspect, 4, false, member, Verdict::Ignore);

        // Dead and left about another member: end a live one at its incarnation or later.
        row("dead over alive, same", alive, 3, ClaimKind::Dead, 3, false, member, Verdict::Apply);
        row("dead over alive, older", alive, 3, ClaimKind::Dead, 2, false, member, Verdict::Ignore);
        row("dead over suspect, newer", suspect, 3, ClaimKind::Dead, 4, false, member,
            Verdict::Apply);
        row("dead over dead", dead, 3, ClaimKind::Dead, 4, false, member, Verdict::Ignore);
        row("dead over left", left, 3, ClaimKind::Dead, 4, false, member, Verdict::Ignore);
        row("left over alive, same", alive, 3, ClaimKind::Left, 3, false, member, Verdict::Apply);
        row("left over suspect, older", suspect, 3, ClaimKind::Left, 2, false, member,
            Verdict::Ignore);
        row("left over dead", dead, 3, ClaimKind::Left, 4, false, member, Verdict::Ignore);

        // About ourselves: refute anything not older than us.
        row("self, alive older", alive, 3, ClaimKind::Alive, 2, false, self, Verdict::Ignore);
        row("self, alive same", alive, 3, ClaimKind::Alive, 3, false, self, Verdict::Refute);
        row("self, alive newer", alive, 3, ClaimKind::Alive, 9, false, self, Verdict::Refute);
        row("self, suspect older", alive, 3, ClaimKind::Suspect, 2, false, self, Verdict::Ignore);
        row("self, suspect same", alive, 3, ClaimKind::Suspect, 3, false, self, Verdict::Refute);
        row("self, dead same", alive, 3, ClaimKind::Dead, 3, false, self, Verdict::Refute);
        row("self, dead older", alive, 3, ClaimKind::Dead, 2, false, self, Verdict::Ignore);
        row("self, left (someone else's word)", alive, 3, ClaimKind::Left, 3, false, self,
            Verdict::Refute);

        // Ourselves once leaving: our own leave applies, nothing else counts.
        row("leaving, own leave", alive, 3, ClaimKind::Left, 3, false, leaving, Verdict::Apply);
        row("leaving, alive newer", alive, 3, ClaimKind::Alive, 4, false, leaving, Verdict::Ignore);
        row("left, suspect", left, 3, ClaimKind::Suspect, 4, false, leaving, Verdict::Ignore);
        row("left, dead", left, 3, ClaimKind::Dead, 4, false, leaving, Verdict::Ignore);
    }
    void verdict()
    {
        QFETCH(int, heldState);
        QFETCH(int, heldIncarnation);
        QFETCH(int, kind);
        QFETCH(int, incarnation);
        QFETCH(bool, reclaims);
        QFETCH(int, subject);
        QFETCH(int, verdict);
        std::optional<Held> held;
        if (heldState != kNone)
            held = Held{NodeState(heldState), std::uint32_t(heldIncarnation)};
        const Claim claim{ClaimKind(kind), std::uint32_t(incarnation), reclaims};
        QCOMPARE(int(precedence(held, claim, Subject(subject))), verdict);
    }
};

QTEST_APPLESS_MAIN(TstPrecedence)
#include "tst_precedence.moc"
