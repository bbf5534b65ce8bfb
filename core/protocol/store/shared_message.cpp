// shared_message.cpp — see shared_message.h.
#include "shared_message.h"

namespace grapevine::protocol {

void SharedMessage::destroy(Node *node) noexcept
{
    delete node;
}

} // namespace grapevine::protocol
