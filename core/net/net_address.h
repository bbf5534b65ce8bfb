// net_address.h — conversions between wire::Endpoint and Qt addresses, and memberlist's
// choice of an address to advertise when bound to "any".
// Never: resolves names or opens sockets (QNetworkInterface is only read).
// Follows memberlist net_transport.go FinalAdvertiseAddr and go-sockaddr GetPrivateIP.
#pragma once

#include "core/wire/endpoint.h"

#include <QHostAddress>
#include <QString>

namespace grapevine::net {

// IPv4 (also IPv4-mapped IPv6) becomes 4 bytes, IPv6 16 bytes.
wire::Endpoint toEndpoint(const QHostAddress &address, quint16 port);
QHostAddress toHostAddress(const wire::Endpoint &endpoint);
QString endpointText(const wire::Endpoint &endpoint);

[[nodiscard]] bool isAnyAddress(const QHostAddress &address);
// RFC 1918 and RFC 6598 (100.64/10), as go-sockaddr's "private" set.
[[nodiscard]] bool isPrivateIPv4(quint32 ip);

struct AddressChoice {
    QHostAddress address;
    QString reason; // one log line explaining why this address was picked
};

// For a bind to 0.0.0.0 / ::: the first private IPv4 of an up, non-loopback interface;
// else the first public one; else loopback. Any other bind address is used as is.
AddressChoice chooseAdvertiseAddress(const QHostAddress &bindHost);

} // namespace grapevine::net
