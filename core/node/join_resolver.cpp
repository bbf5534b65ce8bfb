#include "join_resolver.h"

#include "core/net/net_address.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QTimer>

#include <memory>

namespace grapevine {

namespace {

struct Pending {
    int outstanding = 0;
    std::vector<wire::Endpoint> seeds;
    QStringList errors;
    JoinResolver::Done done;
};

wire::Endpoint endpointOf(const QHostAddress &address, quint16 port)
{
    return net::toEndpoint(address, port);
}

void finishOne(const std::shared_ptr<Pending> &pending)
{
    if (--pending->outstanding == 0 && pending->done)
        pending->done(std::move(pending->seeds), std::move(pending->errors));
}

} // namespace

JoinResolver::JoinResolver(QObject *parent)
    : QObject(parent)
{
}

bool JoinResolver::splitHostPort(const QString &text, quint16 defaultPort, QString *host,
                                 quint16 *port)
{
    QString rest = text.trimmed();
    *port = defaultPort;
    QString portText;
    if (rest.startsWith(QLatin1Char('['))) {
        const auto close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        *host = rest.mid(1, close - 1);
        const QString tail = rest.mid(close + 1);
        if (!tail.isEmpty() && !tail.startsWith(QLatin1Char(':')))
            return false;
        portText = tail.mid(1);
    } else if (rest.count(QLatin1Char(':')) == 1) {
        *host = rest.section(QLatin1Char(':'), 0, 0);
        portText = rest.section(QLatin1Char(':'), 1);
    } else {
        *host = rest; // a bare name, IPv4, or an unbracketed IPv6 address
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint value = portText.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return false;
        *port = static_cast<quint16>(value);
    }
    return !host->isEmpty();
}

void JoinResolver::resolve(const QStringList &targets, quint16 defaultPort, Done done)
{
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    pending->outstanding = 1; // released below, so `done` always runs from the event loop
    for (const QString &target : targets) {
        QString host;
        quint16 port = 0;
        if (!splitHostPort(target, defaultPort, &host, &port)) {
            pending->errors << QStringLiteral("%1: not a HOST:PORT address").arg(target);
            continue;
        }
        if (QHostAddress literal; literal.setAddress(host)) {
            pending->seeds.push_back(endpointOf(literal, port));
            continue;
        }
        ++pending->outstanding;
        QHostInfo::lookupHost(
            host, this, [pending, host, port](const QHostInfo &info) {
                if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
                    pending->errors
                        << QStringLiteral("cannot resolve %1: %2").arg(host, info.errorString());
                for (const QHostAddress &address : info.addresses())
                    pending->seeds.push_back(endpointOf(address, port));
                finishOne(pending);
            });
    }
    QTimer::singleShot(0, this, [pending] { finishOne(pending); });
}

} // namespace grapevine
