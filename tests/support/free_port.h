// free_port.h — a loopback port free for both UDP and TCP right now, for tests that start
// real nodes on a port they choose (gossip needs the same number on both protocols).
#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QTcpServer>
#include <QUdpSocket>

namespace grapevine::testing {

// Ports stay below Linux's ephemeral range (32768 and up): a port found free there can be
// taken as the source port of an outgoing connection (the agents' own push/pulls, curl)
// before the node under test binds it, which once kept an agent from starting. They are
// handed out upwards from a per-process base, so a program never gets the same port twice
// and parallel test programs rarely try the same one. 0 when none was free in 1,000 tries.
inline quint16 freePort()
{
    constexpr quint16 kFirst = 20000;
    constexpr quint16 kEnd = 32768;
    static quint16 next =
        quint16(kFirst + (QCoreApplication::applicationPid() * 97) % (kEnd - kFirst));
    for (int attempt = 0; attempt < 1000; ++attempt) {
        if (next >= kEnd)
            next = kFirst;
        const quint16 port = next++;
        QTcpServer tcp;
        QUdpSocket udp;
        if (tcp.listen(QHostAddress::LocalHost, port) && udp.bind(QHostAddress::LocalHost, port))
            return port;
    }
    return 0;
}

} // namespace grapevine::testing
