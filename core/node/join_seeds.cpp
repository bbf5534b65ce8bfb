#include "join_seeds.h"

#include "core/net/net_address.h"

namespace grapevine {

namespace {

bool isIPv4(const QHostAddress &address)
{
    bool ok = false;
    address.toIPv4Address(&ok); // IPv4-mapped IPv6 counts as IPv4
    return ok;
}

// Qt's QHostAddress::Any is dual-stack; a bind to 0.0.0.0 (IPv4 any) or an IPv4 address only
// reaches IPv4 peers, and a bind to one IPv6 address only IPv6 ones.
QString familyProblem(const QHostAddress &seed, const QHostAddress &bound)
{
    if (bound == QHostAddress(QHostAddress::Any))
        return {};
    const bool seedV4 = isIPv4(seed);
    const bool boundV4 = isIPv4(bound) || bound == QHostAddress(QHostAddress::AnyIPv4);
    if (seedV4 == boundV4)
        return {};
    const QString bindText = bound.toString();
    return seedV4 ? QStringLiteral("%1 is an IPv4 address, but this node listens on IPv6 only "
                                   "(bound to %2)")
                        .arg(seed.toString(), bindText)
                  : QStringLiteral("%1 is an IPv6 address, but this node listens on IPv4 only "
                                   "(bound to %2); use the peer's IPv4 address, or start this "
                                   "node with --bind [::]:PORT")
                        .arg(seed.toString(), bindText);
}

} // namespace

bool isOwnAddress(const wire::Endpoint &seed, const OwnAddress &self)
{
    if (seed.sameAddress(self.advertised))
        return true;
    if (seed.port != self.port)
        return false;
    const QHostAddress ip = net::toHostAddress(seed);
    if (net::isAnyAddress(self.bound))
        return ip.isLoopback() || self.local.contains(ip);
    return ip.isEqual(self.bound, QHostAddress::TolerantConversion);
}

SeedCheck checkSeeds(const std::vector<wire::Endpoint> &seeds, const OwnAddress &self)
{
    SeedCheck check;
    int own = 0;
    for (const wire::Endpoint &seed : seeds) {
        const QString text = net::endpointText(seed);
        if (isOwnAddress(seed, self)) {
            ++own;
            check.problems << QStringLiteral("%1 is this node's own address").arg(text);
            continue;
        }
        if (const QString problem = familyProblem(net::toHostAddress(seed), self.bound);
            !problem.isEmpty()) {
            check.problems << problem;
            continue;
        }
        check.usable.push_back(seed);
    }
    check.onlySelf = own > 0 && own == int(seeds.size());
    check.problems.removeDuplicates();
    return check;
}

} // namespace grapevine
