// subject.h — the member a membership broadcast is about: alive, suspect and dead name one
// node (memberlist names their broadcasts after it); every other message has none.
#pragma once

#include "core/wire/messages.h"

#include <string_view>

namespace grapevine::protocol {

[[nodiscard]] inline std::string_view subjectOf(const wire::Message &message)
{
    if (const auto *a = std::get_if<wire::Alive>(&message))
        return a->node;
    if (const auto *s = std::get_if<wire::Suspect>(&message))
        return s->node;
    if (const auto *d = std::get_if<wire::Dead>(&message))
        return d->node;
    return {};
}

} // namespace grapevine::protocol
