// hostile_peer.cpp — see the header.
#include "hostile_peer.h"

#include <QFile>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace {

sockaddr_in loopback(quint16 port)
{
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return to;
}

} // namespace

RawTcp::RawTcp(quint16 port, int timeoutMs)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return;
    // Linux bounds a blocking connect by SO_SNDTIMEO: a full accept queue cannot hang the test.
    const timeval bound{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &bound, sizeof bound);
    const sockaddr_in to = loopback(port);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0) {
        ::close(fd);
        return;
    }
    m_fd = fd;
}

RawTcp::~RawTcp()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawTcp::send(const QByteArray &bytes)
{
    if (m_fd < 0 || m_closed)
        return false;
    const auto n =
        ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
    return n == bytes.size();
}

bool RawTcp::closedByPeer()
{
    if (m_fd < 0 || m_closed)
        return true;
    char buffer[4096];
    for (;;) {
        const auto n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0)
            continue; // an error reply: read on to the end of the stream
        m_closed = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
        return m_closed;
    }
}

RawUdp::RawUdp()
    : m_fd(::socket(AF_INET, SOCK_DGRAM, 0))
{
}

RawUdp::~RawUdp()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawUdp::sendTo(quint16 port, const QByteArray &datagram)
{
    const sockaddr_in to = loopback(port);
    return ::sendto(m_fd, datagram.constData(), size_t(datagram.size()), 0,
                    reinterpret_cast<const sockaddr *>(&to), sizeof to) == datagram.size();
}

qint64 statsValue(const QJsonObject &stats, const QString &path)
{
    const QStringList keys = path.split('.');
    QJsonValue node = stats;
    for (const QString &key : keys)
        node = node.toObject().value(key);
    return qint64(node.toDouble(0));
}

qint64 statsSum(const QJsonObject &stats, const QString &group)
{
    qint64 sum = 0;
    const QJsonObject counters = stats.value(group).toObject();
    for (auto it = counters.begin(); it != counters.end(); ++it)
        sum += qint64(it.value().toDouble(0));
    return sum;
}

bool raiseOpenFileLimit(qint64 needed, QString *why)
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        *why = QStringLiteral("getrlimit failed");
        return false;
    }
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur < rlim_t(needed)) {
        *why = QStringLiteral("RLIMIT_NOFILE hard limit is %1; the test needs %2")
                   .arg(qint64(limit.rlim_max))
                   .arg(needed);
        return false;
    }
    return true;
}

QByteArray pushPullHeader(quint32 nodes, quint32 userStateLen)
{
    auto u32 = [](quint32 v) {
        return QByteArray(1, char(0xce)) + char(v >> 24) + char(v >> 16) + char(v >> 8) + char(v);
    };
    return QByteArray(1, char(6)) + char(0x83) + "\xa5Nodes" + u32(nodes) + "\xacUserStateLen" +
           u32(userStateLen) + "\xa4Join" + char(0xc2);
}

QByteArray encryptedFrameHeader(quint32 length)
{
    return QByteArray(1, char(10)) + char(length >> 24) + char(length >> 16) + char(length >> 8) +
           char(length);
}
