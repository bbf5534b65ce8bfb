// free_port.h — a loopback port free for both UDP and TCP right now, for tests that start
// real nodes on a port they choose (gossip needs the same number on both protocols).
#pragma once

#include <QHostAddress>
#include <QTcpServer>
#include <QUdpSocket>

namespace grapevine::testing {

// 0 when no such port turned up in 50 tries.
inline quint16 freePort()
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer tcp;
        if (!tcp.listen(QHostAddress::LocalHost, 0))
            continue;
        QUdpSocket udp;
        if (udp.bind(QHostAddress::LocalHost, tcp.serverPort()))
            return tcp.serverPort();
    }
    return 0;
}

} // namespace grapevine::testing
