// join_errors.h — turns transport and engine failure texts into the plain reasons a join
// dialog or the agent's log shows ("TCP connection refused by 127.0.0.1:7946", …).
// Never: decides whether a join failed; only words the reason.
#pragma once

#include "core/wire/endpoint.h"

#include <QString>

#include <string>

namespace grapevine {

// A failed join stream to `to`, from Transport's error text.
QString plainStreamError(const wire::Endpoint &to, const std::string &streamError);
// The engine's JoinFinished.error when no stream failed (the merge was refused, …).
QString plainEngineJoinError(const std::string &engineError);

} // namespace grapevine
