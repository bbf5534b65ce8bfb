// synthetic.h — hand-made Node snapshots for the window's tests and benchmark, so models and
// widgets are exercised exactly as a Node would drive them, without sockets.
#pragma once

#include "core/node/node_types.h"

#include <QString>

namespace grapevine::testing {

inline MemberSnapshot makeMember(const QString &name, quint16 port,
                                 MemberState state = MemberState::Alive, bool isSelf = false)
{
    MemberSnapshot m;
    m.name = name;
    m.address = QStringLiteral("127.0.0.1");
    m.port = port;
    m.state = state;
    m.isSelf = isSelf;
    m.incarnation = 1;
    m.rttUs = isSelf ? -1 : 350;
    m.stateSinceMs = 1'700'000'000'000;
    return m;
}

inline PacketTrace makeTrace(const QString &peerName, const QList<wire::MessageType> &types,
                             Direction direction = Direction::In,
                             qint64 timeNs = 1'700'000'000'000'000'000)
{
    PacketTrace t;
    t.timeNs = timeNs;
    t.direction = direction;
    t.channel = TraceChannel::Udp;
    t.peer = QStringLiteral("127.0.0.1:7947");
    t.peerName = peerName;
    for (const wire::MessageType type : types)
        t.messages.append({type, QStringLiteral("seq=%1 node=%2").arg(types.size()).arg(peerName)});
    if (types.size() > 1)
        t.layers = QStringList{QStringLiteral("compound")};
    t.raw = QByteArray(48, '\x07');
    return t;
}

} // namespace grapevine::testing
