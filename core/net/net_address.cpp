#include "net_address.h"

#include <QNetworkInterface>

namespace grapevine::net {

wire::Endpoint toEndpoint(const QHostAddress &address, quint16 port)
{
    wire::Endpoint endpoint;
    endpoint.port = port;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4) {
        endpoint.ip = {static_cast<std::uint8_t>(v4 >> 24), static_cast<std::uint8_t>(v4 >> 16),
                       static_cast<std::uint8_t>(v4 >> 8), static_cast<std::uint8_t>(v4)};
        return endpoint;
    }
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    endpoint.ip.assign(v6.c, v6.c + 16);
    return endpoint;
}

QHostAddress toHostAddress(const wire::Endpoint &endpoint)
{
    if (endpoint.ip.size() == 4) {
        const auto &b = endpoint.ip;
        return QHostAddress(quint32(b[0]) << 24 | quint32(b[1]) << 16 | quint32(b[2]) << 8 |
                            quint32(b[3]));
    }
    if (endpoint.ip.size() == 16) {
        QHostAddress address(endpoint.ip.data());
        bool isV4 = false;
        const quint32 v4 = address.toIPv4Address(&isV4);
        // A mapped address is dialled as plain IPv4 so an IPv4-bound socket can reach it.
        return isV4 ? QHostAddress(v4) : address;
    }
    return {};
}

QString endpointText(const wire::Endpoint &endpoint)
{
    return QString::fromStdString(endpoint.toString());
}

bool isAnyAddress(const QHostAddress &address)
{
    return address == QHostAddress(QHostAddress::AnyIPv4) ||
           address == QHostAddress(QHostAddress::AnyIPv6) ||
           address == QHostAddress(QHostAddress::Any);
}

bool isPrivateIPv4(quint32 ip)
{
    return (ip >> 24) == 10 || (ip >> 20) == (172u << 4 | 1u) || (ip >> 16) == (192u << 8 | 168u) ||
           (ip >> 22) == (100u << 2 | 1u);
}

namespace {

struct Candidates {
    QHostAddress firstPrivate;
    QString privateInterface;
    QHostAddress firstPublic;
    QString publicInterface;
};

Candidates scanInterfaces()
{
    Candidates found;
    const auto wanted = QNetworkInterface::IsUp | QNetworkInterface::IsRunning;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if ((iface.flags() & wanted) != wanted || iface.flags() & QNetworkInterface::IsLoopBack)
            continue;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            const QHostAddress ip = entry.ip();
            if (ip.protocol() != QAbstractSocket::IPv4Protocol || ip.isLoopback())
                continue;
            const bool isPrivate = isPrivateIPv4(ip.toIPv4Address());
            if (isPrivate && found.firstPrivate.isNull()) {
                found.firstPrivate = ip;
                found.privateInterface = iface.name();
            } else if (!isPrivate && found.firstPublic.isNull() && !ip.isLinkLocal()) {
                found.firstPublic = ip;
                found.publicInterface = iface.name();
            }
        }
    }
    return found;
}

} // namespace

AddressChoice chooseAdvertiseAddress(const QHostAddress &bindHost)
{
    if (!isAnyAddress(bindHost))
        return {bindHost,
                QStringLiteral("advertising the bind address %1").arg(bindHost.toString())};
    const Candidates found = scanInterfaces();
    const QString bound = bindHost.toString();
    if (!found.firstPrivate.isNull())
        return {found.firstPrivate,
                QStringLiteral("bound to %1: advertising %2, the first private IPv4 address "
                               "(interface %3), as memberlist does; use --advertise to override")
                    .arg(bound, found.firstPrivate.toString(), found.privateInterface)};
    if (!found.firstPublic.isNull())
        return {found.firstPublic,
                QStringLiteral("bound to %1: no private IPv4 address found, advertising the "
                               "public address %2 (interface %3); use --advertise to override")
                    .arg(bound, found.firstPublic.toString(), found.publicInterface)};
    return {QHostAddress(QHostAddress::LocalHost),
            QStringLiteral("bound to %1: no usable non-loopback IPv4 interface is up, "
                           "advertising 127.0.0.1 (only this machine can reach it)")
                .arg(bound)};
}

} // namespace grapevine::net
