#include "transport.h"

#include "net_address.h"
#include "transport_impl.h"

#include <QNetworkDatagram>

namespace grapevine::net {

namespace {
constexpr int kMaxDatagram = 65536; // what Go's NetTransport reads per datagram
constexpr int kMaxCompoundParts = 255;
constexpr int kFreePortTries = 100;
constexpr int kEphemeralRetries = 16; // port 0: UDP got a port whose TCP side was taken

wire::ByteView viewOf(const QByteArray &bytes)
{
    return {reinterpret_cast<const std::uint8_t *>(bytes.constData()),
            static_cast<std::size_t>(bytes.size())};
}
} // namespace

Transport::Transport(TransportConfig config, QObject *parent)
    : QObject(parent)
    , m_impl(std::make_unique<Impl>(this, std::move(config)))
{
    connect(m_impl->udp, &QUdpSocket::readyRead, this, [this] { m_impl->readDatagrams(); });
    connect(m_impl->tcp, &QTcpServer::newConnection, this, [this] { m_impl->acceptConnections(); });
}

Transport::~Transport() = default;

Transport::Impl::BindOutcome Transport::Impl::bindPair(quint16 port, QString *error)
{
    // "::" must be dual-stack like Go's listener, or an advertised IPv4 address is unreachable.
    const QHostAddress host = config.bindHost == QHostAddress(QHostAddress::AnyIPv6)
                                  ? QHostAddress(QHostAddress::Any)
                                  : config.bindHost;
    const QString hostText = config.bindHost.toString();
    for (int attempt = 0; attempt < (port == 0 ? kEphemeralRetries : 1); ++attempt) {
        if (!udp->bind(host, port, QAbstractSocket::DontShareAddress)) {
            const bool inUse = udp->error() == QAbstractSocket::AddressInUseError;
            *error = inUse ? QStringLiteral("port %1 is in use (UDP) on %2").arg(port).arg(hostText)
                           : QStringLiteral("cannot bind UDP %1 port %2: %3")
                                 .arg(hostText, QString::number(port), udp->errorString());
            return inUse ? BindOutcome::InUse : BindOutcome::Failed;
        }
        const quint16 bound = udp->localPort();
        if (tcp->listen(host, bound))
            return BindOutcome::Ok;
        const bool inUse = tcp->serverError() == QAbstractSocket::AddressInUseError;
        udp->close();
        *error = inUse ? QStringLiteral("port %1 is in use (TCP) on %2").arg(bound).arg(hostText)
                       : QStringLiteral("cannot listen on TCP %1 port %2: %3")
                             .arg(hostText, QString::number(bound), tcp->errorString());
        if (!inUse)
            return BindOutcome::Failed;
    }
    return BindOutcome::InUse;
}

bool Transport::bind(QString *error)
{
    QString reason;
    const TransportConfig &cfg = m_impl->config;
    const int tries = cfg.findFreePort && cfg.bindPort != 0 ? kFreePortTries : 1;
    for (int i = 0; i < tries && cfg.bindPort + i <= 65535; ++i) {
        const auto port = static_cast<quint16>(cfg.bindPort + i);
        const Impl::BindOutcome outcome = m_impl->bindPair(port, &reason);
        if (outcome == Impl::BindOutcome::Ok) {
            if (i > 0)
                emit logged(
                    QStringLiteral("port %1 was taken; using %2").arg(cfg.bindPort).arg(port));
            return true;
        }
        if (outcome == Impl::BindOutcome::Failed)
            break;
    }
    if (error)
        *error = reason;
    return false;
}

quint16 Transport::boundPort() const
{
    return m_impl->udp->localPort();
}
const TransportConfig &Transport::config() const
{
    return m_impl->config;
}
wire::Keyring &Transport::keyring()
{
    return m_impl->config.keyring;
}

wire::Endpoint Transport::advertiseEndpoint()
{
    if (m_impl->advertise)
        return *m_impl->advertise;
    if (m_impl->config.advertise) {
        m_impl->advertise = m_impl->config.advertise;
    } else {
        const AddressChoice choice = chooseAdvertiseAddress(m_impl->config.bindHost);
        m_impl->advertise = toEndpoint(choice.address, boundPort());
        emit logged(choice.reason);
    }
    return *m_impl->advertise;
}

void Transport::setPacketHandler(PacketHandler handler)
{
    m_impl->onPacket = std::move(handler);
}
void Transport::setStreamFinishedHandler(StreamFinishedHandler handler)
{
    m_impl->onStreamFinished = std::move(handler);
}
void Transport::setRequestHandler(RequestHandler handler)
{
    m_impl->onRequest = std::move(handler);
}
void Transport::setTracing(bool on)
{
    m_impl->tracer.setEnabled(on);
}
bool Transport::isTracing() const
{
    return m_impl->tracer.enabled();
}
TrafficCounters Transport::stats() const
{
    return m_impl->stats.snapshot();
}

void Transport::Impl::readDatagrams()
{
    while (udp->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = udp->receiveDatagram(kMaxDatagram);
        if (!datagram.isValid())
            continue;
        const auto port = static_cast<quint16>(datagram.senderPort());
        handleDatagram(toEndpoint(datagram.senderAddress(), port), datagram.data());
    }
}

void Transport::Impl::decryptFailed(const wire::Endpoint &from, const char *channel)
{
    stats.countDecryptFailure(QString::fromStdString(from.toString()));
    const QString host = QString::fromStdString(from.ipText());
    if (decryptLoggedHosts.contains(host) ||
        decryptLoggedHosts.size() >= TransportStats::kMaxDecryptPeers)
        return;
    decryptLoggedHosts.insert(host);
    emit q->logged(
        QStringLiteral("could not decrypt %1 traffic from %2: it uses a key this node lacks, "
                       "or none, or we have none; nothing from it gets in (further failures "
                       "from this host are only counted: /v1/stats decrypt_failures)")
            .arg(QLatin1String(channel), QString::fromStdString(from.toString())));
}

void Transport::Impl::handleDatagram(const wire::Endpoint &from, const QByteArray &data)
{
    stats.countPacket(StatDirection::In, wire::Channel::Udp, static_cast<std::size_t>(data.size()));
    wire::Result<wire::OpenedPacket> opened = codec.openPacket(viewOf(data));
    if (!opened.ok()) {
        const QString reason = malformedReason(opened.error().message);
        stats.countMalformed(reason);
        if (reason == QLatin1String("decrypt"))
            decryptFailed(from, "UDP");
        if (tracer.enabled())
            emitTrace(PacketTracer::make(Direction::In, TraceChannel::Udp, from, viewOf(data), {},
                                         {}, opened.error().message));
        return;
    }
    wire::OpenedPacket &packet = opened.value();
    for (const wire::Error &partError : packet.partErrors)
        stats.countMalformed(malformedReason(partError.message));
    for (int i = 0; i < packet.truncatedParts; ++i)
        stats.countMalformed(QStringLiteral("compound_truncated"));
    for (const wire::Message &message : packet.messages)
        stats.countMessage(StatDirection::In, wire::Channel::Udp, message);
    if (tracer.enabled()) {
        const std::string partError =
            packet.partErrors.empty() ? std::string() : packet.partErrors.front().message;
        emitTrace(PacketTracer::make(Direction::In, TraceChannel::Udp, from, viewOf(data),
                                     packet.layers, packet.messages, partError));
    }
    if (!packet.messages.empty() && onPacket)
        onPacket(from, std::move(packet.messages));
}

void Transport::sendPacket(const wire::Endpoint &to, const std::vector<wire::Message> &messages,
                           bool crc)
{
    // memberlist 0.2.2 crashes on an empty packet or compound part: never send one.
    for (std::size_t first = 0; first < messages.size(); first += kMaxCompoundParts) {
        const std::size_t last = std::min(messages.size(), first + kMaxCompoundParts);
        m_impl->sendChunk(to,
                          {messages.begin() + static_cast<std::ptrdiff_t>(first),
                           messages.begin() + static_cast<std::ptrdiff_t>(last)},
                          crc);
    }
}

void Transport::Impl::sendChunk(const wire::Endpoint &to, const std::vector<wire::Message> &chunk,
                                bool crc)
{
    wire::Result<wire::Bytes> sealed = codec.sealPacketChecked(chunk, crc);
    if (!sealed.ok()) {
        // e.g. an empty user message: memberlist 0.2.2 would crash on it, so it never leaves.
        stats.countStreamEvent(QStringLiteral("udp_send_refused"));
        if (tracer.enabled())
            emitTrace(PacketTracer::make(Direction::Out, TraceChannel::Udp, to, {}, {}, chunk,
                                         "not sent: " + sealed.error().message));
        return;
    }
    const wire::Bytes &bytes = sealed.value();
    const qint64 written =
        udp->writeDatagram(reinterpret_cast<const char *>(bytes.data()),
                           static_cast<qint64>(bytes.size()), toHostAddress(to), to.port);
    if (written < 0) {
        stats.countStreamEvent(QStringLiteral("udp_send_failed"));
        return;
    }
    stats.countPacket(StatDirection::Out, wire::Channel::Udp, bytes.size());
    for (const wire::Message &message : chunk)
        stats.countMessage(StatDirection::Out, wire::Channel::Udp, message);
    if (!tracer.enabled())
        return;
    // Re-opening our own bytes names the layers exactly as a receiver will see them.
    wire::Result<wire::OpenedPacket> opened = codec.openPacket(bytes);
    const std::vector<std::string> layers =
        opened.ok() ? opened->layers : std::vector<std::string>{};
    emitTrace(PacketTracer::make(Direction::Out, TraceChannel::Udp, to, bytes, layers, chunk));
}

} // namespace grapevine::net
