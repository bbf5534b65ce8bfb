// hostile_peer.h — the attacker's side of tst_hostile_input: raw POSIX sockets on 127.0.0.1
// (a UDP sender; TCP connections whose closing by the agent is polled without blocking), and
// what the test reads about an agent from outside: counters from /v1/stats (its VmHWM comes
// from tests/support/peak_rss.h).
// Raw sockets, not Qt's, so the test controls every byte and never reads what it should not.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class RawTcp {
public:
    // Connects to 127.0.0.1:port, bounded by timeoutMs; connected() tells whether it worked.
    explicit RawTcp(quint16 port, int timeoutMs = 3000);
    ~RawTcp();
    RawTcp(const RawTcp &) = delete;
    RawTcp &operator=(const RawTcp &) = delete;

    [[nodiscard]] bool connected() const { return m_fd >= 0; }
    // Never blocks; false when nothing could be written (closed, or the buffer is full).
    bool send(const QByteArray &bytes);
    // True once the agent closed or reset the connection; what it sent is read and dropped.
    bool closedByPeer();

private:
    int m_fd = -1;
    bool m_closed = false;
};

class RawUdp {
public:
    RawUdp();
    ~RawUdp();
    RawUdp(const RawUdp &) = delete;
    RawUdp &operator=(const RawUdp &) = delete;

    bool sendTo(quint16 port, const QByteArray &datagram);

private:
    int m_fd = -1;
};

// A counter by dotted path ("udp.in.packets", "streams.inbound_timed_out"); 0 when absent,
// as the agent only lists counters that ever moved.
qint64 statsValue(const QJsonObject &stats, const QString &path);
// The sum of every counter in one group ("malformed", "streams").
qint64 statsSum(const QJsonObject &stats, const QString &group);
// Raises RLIMIT_NOFILE's soft limit to the hard one; false (with the reason) below `needed`.
bool raiseOpenFileLimit(qint64 needed, QString *why);
// The stream form of a push/pull header (spec §4): type 6 then {Nodes, UserStateLen, Join},
// with the lengths as msgpack uint32, so any claim up to 4 Gi can be made.
QByteArray pushPullHeader(quint32 nodes, quint32 userStateLen);
// The header of an encrypted stream frame (spec §4): type 10 then a big-endian uint32 length.
QByteArray encryptedFrameHeader(quint32 length);
