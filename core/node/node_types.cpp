#include "node_types.h"

namespace grapevine {

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
