// node_impl.h — Node's private state and the engine driver: every input (datagram, stream,
// timer, command) becomes one Engine call followed by afterEngine(), which flushes the value
// delegate, turns effects into transport calls and signals, and re-arms the one timer.
// Never: lets an Effect re-enter the engine synchronously (the transport reports through
// the event loop), or hands out pointers into engine state.
#pragma once

#include "core/net/transport.h"
#include "core/protocol/engine.h"
#include "core/value/shared_value.h"
#include "join_resolver.h"
#include "member_timelines.h"
#include "node.h"
#include "node_clock.h"
#include "state_file.h"

#include <QTimer>

#include <map>
#include <memory>
#include <optional>

namespace grapevine {

struct Node::Impl {
    Impl(Node *owner, NodeOptions opts);

    bool start(QString *error);
    protocol::TimePoint tick(); // now, and the value delegate's wall clock set to match
    void afterEngine();
    void dispatch(protocol::Effect &effect);
    void onOpenStream(const protocol::OpenStream &open);
    void onMemberChanged(const protocol::MemberChanged &changed);
    void onJoinFinished(const protocol::JoinFinished &finished);
    void onStreamFinished(quint64 id, const wire::Result<wire::Message> &reply);
    void deliverApplied();
    void deliverObservations();
    void saveState();
    void evaluateConvergence();
    void armTimer();
    void restoreValue();
    void connectTransport();

    void startJoin(const QStringList &targets, bool automatic);
    void joinSeeds(const QString &target, bool automatic, const std::vector<wire::Endpoint> &seeds,
                   const QStringList &resolveErrors);
    void finishJoin(JoinResult result, bool automatic);
    void scheduleAutoJoin(const QString &reason);

    bool setValue(const QString &value, QString *error);
    QJsonObject stats() const;

    Node *q;
    NodeOptions options;
    NodeClock clock;
    net::Transport *transport = nullptr;
    std::unique_ptr<value::SharedValue> shared;
    std::unique_ptr<protocol::Engine> engine;
    std::optional<StateFile> stateFile;
    QTimer *timer;
    QTimer *autoJoinTimer;
    QTimer *saveTimer; // coalesces state-file writes (QSaveFile fsyncs) off the relay path
    JoinResolver *resolver;
    QString name;
    QString address;
    bool leaving = false;
    bool tracing = false;

    struct JoinRequest {
        QString target;
        bool automatic = false;
        QStringList streamErrors;
    };
    std::map<std::uint64_t, JoinRequest> joins; // by engine join id
    struct JoinStream {
        std::uint64_t joinId = 0;
        wire::Endpoint to;
    };
    std::map<std::uint64_t, JoinStream> joinStreams; // by stream id
    std::optional<std::uint64_t> joinBeingStarted;
    int autoJoinDelayMs = 1000;
    bool autoJoined = false;

    struct Convergence {
        value::Version version;
        protocol::TimePoint since{};
        ConvergenceReport last;
    };
    std::optional<Convergence> convergence;
    std::map<std::string, QString> nameByAddress; // "ip:port" -> member name, for traces

    // The engine's observations wait here until its call returns (an Observer must not
    // re-enter the engine, and a slot connected to observed() may call a Node command).
    struct PendingObservations : protocol::Observer {
        std::vector<protocol::Observation> items;
        void observe(const protocol::Observation &o) override { items.push_back(o); }
    };
    PendingObservations pendingObservations;
    MemberTimelines timelines;
};

} // namespace grapevine
