// transport_fixture.h — helpers for transport tests on 127.0.0.1: bound transports and a
// recorder for the callbacks. Real sockets; waits are bounded by the callers.
#pragma once

#include "core/net/transport.h"

#include <QByteArrayList>
#include <QList>
#include <map>

#include <memory>
#include <optional>
#include <vector>

namespace grapevine::net::testing {

struct Received {
    wire::Endpoint from;
    std::vector<wire::Message> messages;
};

struct Recorder {
    QList<Received> packets;
    std::map<quint64, wire::Result<wire::Message>> streams;
    QList<wire::Message> requests;
    std::optional<wire::Message> reply; // what the request handler answers

    void attach(Transport &transport)
    {
        transport.setPacketHandler(
            [this](const wire::Endpoint &from, std::vector<wire::Message> m) {
                packets.append({from, std::move(m)});
            });
        transport.setStreamFinishedHandler(
            [this](quint64 id, const wire::Result<wire::Message> &r) { streams.emplace(id, r); });
        transport.setRequestHandler([this](const wire::Endpoint &, const wire::Message &request) {
            requests.append(request);
            return reply;
        });
    }
};

inline wire::Bytes keyBytes(char fill, int size = 16)
{
    return wire::Bytes(std::size_t(size), std::uint8_t(fill));
}

inline TransportConfig loopbackConfig(std::vector<wire::Bytes> keys = {}, std::string label = {},
                                      bool compress = true)
{
    TransportConfig config;
    config.bindHost = QHostAddress(QHostAddress::LocalHost);
    config.bindPort = 0;
    for (const wire::Bytes &key : keys)
        (void)config.keyring.addKey(key);
    config.label = std::move(label);
    config.compress = compress;
    config.tcpTimeoutMs = 5000;
    return config;
}

inline std::unique_ptr<Transport> boundTransport(TransportConfig config)
{
    auto transport = std::make_unique<Transport>(std::move(config));
    QString error;
    if (!transport->bind(&error))
        qFatal("bind failed: %s", qPrintable(error));
    return transport;
}

inline constexpr int kWaitMs = 5000;

inline wire::Endpoint endpointOf(Transport &t)
{
    return t.advertiseEndpoint();
}

inline wire::Alive aliveOf(const std::string &name, quint16 port)
{
    return {7, name, {127, 0, 0, 1}, port, wire::toBytes("meta-" + name), {1, 5, 2, 0, 0, 0}};
}

inline wire::PushPull bigPushPull(int nodes)
{
    wire::PushPull pp;
    pp.join = true;
    for (int i = 0; i < nodes; ++i) {
        wire::PushNodeState s;
        s.name = "node-" + std::to_string(i);
        s.addr = {127, 0, 0, 1};
        s.port = static_cast<std::uint16_t>(7946 + i);
        s.incarnation = static_cast<std::uint32_t>(i + 1);
        s.vsn = {1, 5, 2, 0, 0, 0};
        pp.nodes.push_back(s);
    }
    pp.userState = wire::toBytes(std::string(300, 'x'));
    return pp;
}

// One row of a counter table (TrafficCounters::malformed, decryptFailures, streams); 0 when absent.
inline qint64 counter(const QMap<QString, quint64> &counts, const QString &key)
{
    return qint64(counts.value(key));
}

} // namespace grapevine::net::testing
