// simulator.h — many protocol engines on one virtual clock and one in-memory network.
// Owns: the engines (one per simulated node, addressed 10.x.y.z:7946, named "n<i>"), the
// event queue (packet deliveries, stream legs and deadlines, engine wakeups), node faults
// (freeze, crash, restart), and the Recorder that observes it all.
// Never: reads a real clock or global randomness. Everything derives from SimOptions::seed,
// so the same options replay the same run event for event (see traceHash()).
// Theory of operation: run(until) pops the earliest event, moves the clock to it, hands it
// to the engine it targets, drains that engine's effects (each becomes new events) and keeps
// exactly one live wakeup per engine for its nextDeadline() (a generation counter makes
// older wakeups no-ops, as foca's timer tokens do). A frozen node runs nothing: events for
// it wait in a backlog (UDP bounded like a socket buffer) and replay when it thaws.
#pragma once

#include "core/protocol/engine.h"
#include "event_queue.h"
#include "network.h"
#include "recorder.h"
#include "relay_delegate.h"
#include "sim_observer.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace grapevine::sim {

struct SimOptions {
    protocol::Profile profile = protocol::Profile::Lan;
    std::uint64_t seed = 1;
    std::optional<LinkModel> link; // default: LinkModel::forProfile(profile)
    bool useCodec = false;         // seal/open every packet and frame with wire's real pipeline
    bool relay = true;             // delegates relay user payloads on first receipt
    bool eagerPush = false;        // ... and also push them at once to GossipNodes peers
    std::size_t receiveBufferBytes = 212992; // a frozen node's UDP buffer (Linux rmem_default)
    std::function<void(protocol::Config &)> configure; // tweak the preset for every engine
    // A custom application per node instead of RelayDelegate (e.g. core/value's SharedValue).
    // makeDelegate runs whenever a node's engine is (re)created, attachDelegate right after
    // the engine exists, so the delegate can keep a pointer to it.
    std::function<std::unique_ptr<protocol::Delegate>(NodeId)> makeDelegate;
    std::function<void(NodeId, protocol::Engine &, protocol::Delegate &)> attachDelegate;
    SimObserver *observer = nullptr; // not owned; outlives the Simulator (see sim_observer.h)
    // Who hears a node's observations (Engine::setObserver), asked whenever its engine is
    // (re)created; null, or returning null: nobody listens, which costs nothing.
    std::function<protocol::Observer *(NodeId)> observerFor;
};

enum class NodeStatus { Up, Frozen, Down };

class Simulator {
public:
    explicit Simulator(SimOptions options);
    ~Simulator();
    Simulator(const Simulator &) = delete;
    Simulator &operator=(const Simulator &) = delete;

    // --- the world --------------------------------------------------------------------
    NodeId addNode(); // a new engine, started now; it knows nobody until join()
    void join(NodeId node, NodeId seed);
    // Every node that is up takes every other one as a member at once, as a cluster is once
    // formed and its join gossip all sent (EngineSim::adoptMembers): a formed start for runs
    // about a large cluster that would otherwise replay the whole join storm first.
    void formAtOnce();
    void leave(NodeId node);
    void broadcast(NodeId origin, const wire::Bytes &payload);
    // Runs any command on a live node's engine at the current time, then carries out its
    // effects (e.g. updateMeta, sendUser, syncNow). Ignored for frozen or crashed nodes.
    void command(NodeId node,
                 const std::function<void(protocol::Engine &, protocol::TimePoint)> &fn);
    void crash(NodeId id);                // engine destroyed; everything to it is dropped
    void restart(NodeId id, NodeId seed); // new engine, same name and address, joins seed
    void freeze(NodeId id);
    void unfreeze(NodeId id);
    void partition(std::vector<int> groupOf); // see Network::partition
    void heal();
    void setLink(const LinkModel &link) { m_network.setLink(link); }
    // The link between a and b (both ways) behaves as `link` instead of the cluster's.
    void setLinkOverride(NodeId a, NodeId b, const LinkModel &link)
    {
        m_network.setOverride(a, b, link);
    }
    void clearLinkOverride(NodeId a, NodeId b) { m_network.clearOverride(a, b); }
    [[nodiscard]] const Network &network() const { return m_network; }

    // --- time -------------------------------------------------------------------------
    // Runs every event due at or before `until`, then sets the clock to `until`.
    // Returns false if the run stopped on a livelock (see failure()).
    bool runUntil(protocol::TimePoint until);
    bool runFor(protocol::Duration duration) { return runUntil(m_now + duration); }
    // Runs in `step`s until done() holds or the clock reaches `limit`; true if it held.
    bool runUntilTrue(const std::function<bool()> &done, protocol::Duration step,
                      protocol::TimePoint limit);
    [[nodiscard]] protocol::TimePoint now() const { return m_now; }
    // When the earliest pending event happens; nothing when the world is quiet.
    [[nodiscard]] std::optional<protocol::TimePoint> nextEventTime() const
    {
        return m_queue.empty() ? std::nullopt : std::optional(m_queue.nextTime());
    }

    // --- observation ------------------------------------------------------------------
    [[nodiscard]] std::size_t size() const { return m_nodes.size(); }
    [[nodiscard]] NodeStatus status(NodeId node) const { return m_nodes[node].status; }
    [[nodiscard]] std::size_t liveCount() const; // not crashed
    [[nodiscard]] protocol::Engine *engine(NodeId node) { return m_nodes[node].engine.get(); }
    [[nodiscard]] const protocol::Engine *engine(NodeId node) const
    {
        return m_nodes[node].engine.get();
    }
    // The node's RelayDelegate; null when crashed or when SimOptions::makeDelegate is used.
    [[nodiscard]] const RelayDelegate *delegate(NodeId node) const;
    [[nodiscard]] protocol::Delegate *appDelegate(NodeId node) { return m_nodes[node].app.get(); }
    [[nodiscard]] const protocol::Delegate *appDelegate(NodeId node) const
    {
        return m_nodes[node].app.get();
    }
    // Every node that is not down sees exactly `count` members alive (itself included).
    [[nodiscard]] bool allSee(int count) const;
    // Nodes whose recorded view disagrees with Engine::aliveCount() (should be none).
    [[nodiscard]] int viewMismatches();
    [[nodiscard]] const Recorder &recorder() const { return m_recorder; }
    [[nodiscard]] const SimCounters &counters() const { return m_recorder.counters(); }
    [[nodiscard]] std::uint64_t traceHash() const { return m_recorder.traceHash(); }
    [[nodiscard]] const std::string &failure() const { return m_failure; }
    [[nodiscard]] const protocol::Config &config() const { return m_config; }

private:
    struct Node {
        std::unique_ptr<protocol::Delegate> app;
        RelayDelegate *relay = nullptr; // app, when it is the built-in RelayDelegate
        std::unique_ptr<protocol::Engine> engine;
        NodeStatus status = NodeStatus::Up;
        std::uint32_t epoch = 0;
        std::uint64_t generation = 0;
        std::optional<protocol::TimePoint> wakeupAt;
        std::vector<std::uint64_t> pendingStreams;
        std::vector<SimEvent> backlog;
        std::size_t backlogBytes = 0;
    };

    void makeEngine(NodeId id);
    void dispatch(SimEvent event);
    void onPacket(PacketArrival &event);
    void onStreamArrival(StreamArrival &event);
    void onStreamReply(StreamReply &event);
    void onStreamDeadline(const StreamDeadline &event);
    void onWakeup(const Wakeup &event);
    void defer(Node &node, SimEvent &&event, std::size_t bytes);
    static bool takePending(Node &node, std::uint64_t streamId);

    void drain(NodeId id);
    void handleEffect(NodeId from, protocol::Effect &&effect);
    void sendPacket(NodeId from, protocol::SendPacket &&packet);
    void openStream(NodeId from, protocol::OpenStream &&stream);
    void countUserMessages(const protocol::SendPacket &packet);
    void reschedule(NodeId id);
    bool passPacketCodec(std::vector<wire::Message> &messages, bool crc, std::size_t &bytes);
    bool passFrame(wire::Message &message, std::size_t &bytes);

    SimOptions m_options;
    protocol::Config m_config;
    // What every engine here shares (one address space): node ids, interned alives, and
    // broadcasts that travel as shared objects, not copies.
    std::unique_ptr<protocol::SharedArena> m_arena;
    Network m_network;
    EventQueue m_queue;
    Recorder m_recorder;
    std::vector<Node> m_nodes;
    protocol::TimePoint m_now{};
    std::string m_failure;
    std::vector<protocol::Effect> m_effects; // drain()'s reused buffer
};

} // namespace grapevine::sim
