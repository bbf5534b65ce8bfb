// join_seeds.h — the join targets a node must not try, with the reason in plain words:
// its own address (a join with itself "succeeds" and means nothing) and addresses of an IP
// family it does not listen on (an IPv6 seed for a node bound to 0.0.0.0 would only fail
// later as a misleading "connection refused").
// Never: resolves names or opens sockets; the caller passes the machine's addresses in.
#pragma once

#include "core/wire/endpoint.h"

#include <QHostAddress>
#include <QList>
#include <QStringList>

#include <vector>

namespace grapevine {

struct OwnAddress {
    QHostAddress bound;        // the bind address (may be 0.0.0.0 or ::)
    quint16 port = 0;          // the bound gossip port
    wire::Endpoint advertised; // what peers are told
    QList<QHostAddress> local; // this machine's addresses (QNetworkInterface::allAddresses)
};

struct SeedCheck {
    std::vector<wire::Endpoint> usable;
    QStringList problems;  // one line per refused seed
    bool onlySelf = false; // every seed was this node itself
};

[[nodiscard]] bool isOwnAddress(const wire::Endpoint &seed, const OwnAddress &self);
[[nodiscard]] SeedCheck checkSeeds(const std::vector<wire::Endpoint> &seeds,
                                   const OwnAddress &self);

} // namespace grapevine
