// node_impl.h — Node's private state and the engine driver: every input (datagram, stream,
// timer, command) becomes one Engine call followed by afterEngine(), which flushes the value
// delegate, turns effects into transport calls and signals, and re-arms the one timer.
// Never: lets an Effect re-enter the engine synchronously (the transport reports through
// the event loop), or hands out pointers into engine state.
#pragma once

#include "core/net/transport.h"
#include "core/protocol/engine.h"
#include "core/serf/serf_delegate.h"
#include "core/value/shared_value.h"
#include "join_resolver.h"
#include "join_seeds.h"
#include "member_timelines.h"
#include "node.h"
#include "node_clock.h"
#include "serf_departed.h"
#include "state_file.h"
#include "stream_peer_names.h"

#include <QTimer>

#include <map>
#include <memory>
#include <optional>
#include <set>

namespace grapevine {

struct Node::Impl {
    Impl(Node *owner, NodeOptions opts);

    bool start(QString *error);
    void createEngine();
    // After a finished leave: a fresh engine (memberlist cannot rejoin after Leave either),
    // which refutes the "left" the cluster remembers with a higher incarnation when it joins.
    void restartEngine();
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
    // Serf mode (node_serf.cpp).
    bool createDelegate(protocol::Config &config, QString *error);
    void deliverSerf();
    // Serf mode: a member memberlist reaped stays listed as Serf lists it (serf_departed.h).
    [[nodiscard]] bool leftByIntent(const std::string &member) const; // Serf's leave intent
    void keepDeparted(const MemberSnapshot &member);
    void expireDeparted();
    void forgetDeparted(); // a new engine: its old members go from the window
    // `serf force-leave -prune`: Serf erases the member from its list, a leaving one after a
    // wait; the node does the same (erasePruned).
    void prune(const QString &member);
    void erasePruned(const QString &member);
    void announceJoined();
    void beginLeave();
    [[nodiscard]] MemberSnapshot snapshotOf(const protocol::MemberInfo &member) const;
    [[nodiscard]] QStringList keyringView() const;
    bool setTags(const QMap<QString, QString> &tags, QString *error);

    void startJoin(const QStringList &targets, bool automatic);
    void joinSeeds(const QString &target, bool automatic, const std::vector<wire::Endpoint> &seeds,
                   const QStringList &resolveErrors);
    void finishJoin(JoinResult result, bool automatic);
    void scheduleAutoJoin(const QString &reason);
    void cancelJoins(); // manual joins only; --join retries go on
    void noteConflict(const QString &message);
    void onNameConflict(const protocol::NameConflict &conflict);
    // After a push/pull merged or answered: no own-name conflict in it ends an active one.
    void afterPushPull(quint64 conflictsBefore);
    [[nodiscard]] OwnAddress ownAddress() const;
    [[nodiscard]] QStringList namesOf(const std::vector<wire::Endpoint> &seeds) const;

    bool setValue(const QString &value, QString *error);
    [[nodiscard]] NodeStats stats() const;

    Node *q;
    NodeOptions options;
    NodeClock clock;
    net::Transport *transport = nullptr;
    std::unique_ptr<value::ValueDelegate> shared;
    serf::SerfDelegate *serfDelegate = nullptr; // == shared in Serf mode, else null
    std::unique_ptr<protocol::Engine> engine;
    protocol::Config engineConfig; // kept for restartEngine
    std::optional<StateFile> stateFile;
    QTimer *timer;
    QTimer *autoJoinTimer;
    QTimer *saveTimer;  // coalesces state-file writes (QSaveFile fsyncs) off the relay path
    QTimer *leaveTimer; // Serf mode: the leave intent spreads before the memberlist leave
    JoinResolver *resolver;
    QString name;
    QString address;
    bool leaving = false;
    bool leaveDone = false;
    bool tracing = false;

    struct JoinRequest {
        QString target;
        bool automatic = false;
        QStringList streamErrors;
        std::vector<wire::Endpoint> seeds;
        QString conflict; // a name conflict raised while the join was in flight
    };
    std::map<std::uint64_t, JoinRequest> joins; // by engine join id
    std::set<std::uint64_t> cancelledJoins;     // their replies are never merged
    quint64 manualJoinToken = 0;                // bumped by cancelJoins
    // Transport stream ids are the engine's plus this base, which moves on with every new
    // engine, so a stream the old engine opened can never be taken for one of the new one's.
    quint64 streamIdBase = 0;
    NameConflictReport nameConflict;
    quint64 ownConflictsRaised = 0; // counts NameConflict effects about our own name
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
    StreamPeerNames streamPeers; // the senders of inbound TCP streams (ephemeral ports)

    // The engine's observations wait here until its call returns (an Observer must not
    // re-enter the engine, and a slot connected to observed() may call a Node command).
    struct PendingObservations : protocol::Observer {
        std::vector<protocol::Observation> items;
        void observe(const protocol::Observation &o) override { items.push_back(o); }
    };
    PendingObservations pendingObservations;
    MemberTimelines timelines;
    SerfDeparted departed; // Serf mode only
    qint64 nextDepartedCheckMs = 0;
};

} // namespace grapevine
