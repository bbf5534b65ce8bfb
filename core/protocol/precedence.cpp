// precedence.cpp — the table of precedence.h, one claim kind per function.
#include "precedence.h"

namespace grapevine::protocol {
namespace {

bool deadOrLeft(wire::NodeState state)
{
    return state == wire::NodeState::Dead || state == wire::NodeState::Left;
}

// Only a newer incarnation replaces an alive, so re-gossip changes nothing; about us, even
// the same incarnation is answered, in case it carries other meta or versions.
Verdict aliveClaim(const Held &held, const Claim &claim, Subject subject)
{
    switch (subject) {
    case Subject::Member:
        return claim.reclaims || claim.incarnation > held.incarnation ? Verdict::Apply
                                                                      : Verdict::Ignore;
    case Subject::Self:
        return claim.incarnation >= held.incarnation ? Verdict::Refute : Verdict::Ignore;
    case Subject::SelfLeaving:
        return Verdict::Ignore;
    }
    return Verdict::Ignore;
}

// A suspicion of the same incarnation counts: the member must refute it with a newer one.
Verdict suspectClaim(const Held &held, const Claim &claim, Subject subject)
{
    if (claim.incarnation < held.incarnation)
        return Verdict::Ignore;
    switch (subject) {
    case Subject::Member:
        if (held.state == wire::NodeState::Suspect)
            return Verdict::Confirm;
        return held.state == wire::NodeState::Alive ? Verdict::Apply : Verdict::Ignore;
    case Subject::Self:
        return held.state == wire::NodeState::Alive ? Verdict::Refute : Verdict::Ignore;
    case Subject::SelfLeaving:
        return Verdict::Ignore;
    }
    return Verdict::Ignore;
}

// Dead and left end a live member; a member already dead or gone stays as it is.
Verdict deathClaim(const Held &held, const Claim &claim, Subject subject)
{
    if (claim.incarnation < held.incarnation || deadOrLeft(held.state))
        return Verdict::Ignore;
    return subject == Subject::Self ? Verdict::Refute : Verdict::Apply;
}

} // namespace

Verdict precedence(const std::optional<Held> &held, const Claim &claim, Subject subject)
{
    if (!held) // only an alive introduces a member
        return claim.kind == ClaimKind::Alive ? Verdict::Apply : Verdict::Ignore;
    switch (claim.kind) {
    case ClaimKind::Alive:
        return aliveClaim(*held, claim, subject);
    case ClaimKind::Suspect:
        return suspectClaim(*held, claim, subject);
    case ClaimKind::Dead:
    case ClaimKind::Left:
        return deathClaim(*held, claim, subject);
    }
    return Verdict::Ignore;
}

} // namespace grapevine::protocol
