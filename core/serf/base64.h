// base64.h — standard base64 (RFC 4648, with padding), as Serf lists keys to operators.
#pragma once

#include "core/wire/bytes.h"

#include <string>

namespace grapevine::serf {

std::string toBase64(wire::ByteView bytes);

} // namespace grapevine::serf
