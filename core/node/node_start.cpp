// Node start-up: options -> transport config, sockets, name, engine config, restored value.
#include "node_impl.h"

#include "core/net/net_address.h"
#include "core/value/limits.h"
#include "serf_trace.h"
#include "snapshots.h"
#include "value_trace.h"

#include <QHostInfo>
#include <QRandomGenerator>

namespace grapevine {

namespace {

bool buildKeyring(const QByteArrayList &keys, wire::Keyring *keyring, QString *error)
{
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QByteArray &key = keys[i];
        if (key.size() != 16 && key.size() != 24 && key.size() != 32) {
            *error = QStringLiteral("key %1 is %2 bytes; AES keys must be 16, 24 or 32 bytes")
                         .arg(i + 1)
                         .arg(key.size());
            return false;
        }
        const wire::Bytes bytes(key.begin(), key.end());
        if (const std::string refused = keyring->addKey(bytes); !refused.empty()) {
            *error = QStringLiteral("key %1: %2").arg(i + 1).arg(QString::fromStdString(refused));
            return false;
        }
    }
    return true;
}

bool buildTransportConfig(const NodeOptions &options, net::TransportConfig *config, QString *error)
{
    if (!config->bindHost.setAddress(options.bindHost)) {
        *error = QStringLiteral("cannot use bind address \"%1\": not an IP address")
                     .arg(options.bindHost);
        return false;
    }
    config->bindPort = options.bindPort;
    config->findFreePort = options.findFreePort;
    if (!options.advertise.isEmpty()) {
        config->advertise = wire::parseEndpoint(options.advertise.toStdString(), 0);
        if (!config->advertise) {
            *error = QStringLiteral("cannot use advertise address \"%1\": expected IP:PORT")
                         .arg(options.advertise);
            return false;
        }
    }
    if (options.label.toUtf8().size() > 255) {
        *error = QStringLiteral("the label is longer than 255 bytes");
        return false;
    }
    config->label = options.label.toStdString();
    return buildKeyring(options.keys, &config->keyring, error);
}

} // namespace

bool Node::Impl::start(QString *error)
{
    if (engine) {
        *error = QStringLiteral("the node is already running");
        return false;
    }
    const auto profile = protocol::parseProfile(options.profile.toStdString());
    if (!profile) {
        *error = QStringLiteral("unknown profile \"%1\" (local, lan or wan)").arg(options.profile);
        return false;
    }
    protocol::Config config = protocol::Config::forProfile(*profile);
    net::TransportConfig transportConfig;
    transportConfig.tcpTimeoutMs = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(config.tcpTimeout).count());
    if (!buildTransportConfig(options, &transportConfig, error))
        return false;
    auto *created = new net::Transport(std::move(transportConfig), q);
    connect(created, &net::Transport::logged, q, &Node::logged);
    if (!created->bind(error)) {
        delete created;
        return false;
    }
    transport = created;
    transport->setTracing(tracing);
    config.advertise = transport->advertiseEndpoint();
    if (config.advertise.port == 0)
        config.advertise.port = transport->boundPort();
    address = QString::fromStdString(config.advertise.toString());
    const QString prefix =
        options.namePrefix.isEmpty() ? QHostInfo::localHostName() : options.namePrefix;
    name = options.name.isEmpty()
               ? QStringLiteral("%1-%2").arg(prefix, QString::number(transport->boundPort()))
               : options.name;
    config.name = name.toStdString();
    streamPeers.setSelf(name);
    config.packetOverhead = (options.keys.isEmpty() ? 0 : 29) +
                            (options.label.isEmpty() ? 0 : 2 + int(options.label.toUtf8().size()));

    if (!createDelegate(config, error)) {
        delete transport;
        transport = nullptr;
        return false;
    }
    restoreValue();
    engineConfig = config;
    createEngine();
    connectTransport();
    engine->start(tick());
    afterEngine();
    emit q->started(name, address);
    if (!options.joins.isEmpty())
        startJoin(options.joins, true);
    return true;
}

void Node::Impl::createEngine()
{
    engine = std::make_unique<protocol::Engine>(
        engineConfig, QRandomGenerator::system()->generate64(), shared.get());
    shared->attach(engine.get());
    engine->setObserver(&pendingObservations);
}

void Node::Impl::restartEngine()
{
    // The old engine's members go from the window, as after a restart; its streams and joins
    // are forgotten (their ids are not the new engine's).
    for (const protocol::MemberInfo &member : engine->members()) {
        const MemberSnapshot snapshot = toSnapshot(member, clock);
        if (!snapshot.isSelf)
            emit q->memberChanged(MemberChange::Removed, snapshot);
    }
    forgetDeparted();
    timer->stop();
    joins.clear();
    joinStreams.clear();
    cancelledJoins.clear();
    convergence.reset();
    streamIdBase += quint64(1) << 40;
    leaving = false;
    leaveDone = false;
    autoJoined = false;
    createEngine();
    engine->start(tick());
    afterEngine();
}

void Node::Impl::restoreValue()
{
    stateFile.emplace(options.dataDir, name);
    QString problem;
    if (auto persisted = stateFile->load(&problem)) {
        shared->restore(persisted->entry, persisted->clock);
        emit q->logged(QStringLiteral("restored value (lamport %1) from %2")
                           .arg(persisted->clock)
                           .arg(stateFile->path()));
    } else if (!problem.isEmpty()) {
        emit q->logged(QStringLiteral("%1; starting with no value").arg(problem));
    }
}

void Node::Impl::connectTransport()
{
    transport->setPacketHandler(
        [this](const wire::Endpoint &from, const std::vector<wire::Message> &messages) {
            engine->handlePacket(tick(), from, messages);
            afterEngine();
        });
    transport->setRequestHandler([this](const wire::Endpoint &from, const wire::Message &request) {
        const quint64 conflictsBefore = ownConflictsRaised;
        std::optional<wire::Message> reply = engine->handleStreamRequest(tick(), from, request);
        afterEngine();
        if (std::holds_alternative<wire::PushPull>(request))
            afterPushPull(conflictsBefore);
        return reply;
    });
    transport->setStreamFinishedHandler(
        [this](quint64 id, const wire::Result<wire::Message> &reply) {
            onStreamFinished(id, reply);
        });
    connect(transport, &net::Transport::traced, q, [this](PacketTrace trace) {
        const auto it = nameByAddress.find(trace.peer.toStdString());
        if (it != nameByAddress.end())
            trace.peerName = it->second;
        else
            streamPeers.resolve(&trace);
        if (serfDelegate)
            describeSerf(&trace);
        else
            describeValues(&trace);
        emit q->packetTraced(trace);
    });
}

} // namespace grapevine
