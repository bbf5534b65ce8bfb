#include "node_types.h"

#include "core/value/version.h"

namespace grapevine {

std::strong_ordering operator<=>(const ValueVersion &a, const ValueVersion &b)
{
    return value::Version{a.lamport, a.origin.toStdString()} <=>
           value::Version{b.lamport, b.origin.toStdString()};
}

QString memberStateName(MemberState state)
{
    switch (state) {
    case MemberState::Alive:
        return QStringLiteral("alive");
    case MemberState::Suspect:
        return QStringLiteral("suspect");
    case MemberState::Dead:
        return QStringLiteral("dead");
    case MemberState::Left:
        return QStringLiteral("left");
    }
    return QStringLiteral("unknown");
}

} // namespace grapevine
