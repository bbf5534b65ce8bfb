// lab_cluster.h — a simulated cluster the lab drives: core/sim's Simulator with core/value's
// SharedValue as every node's application, the user's actions applied at points of virtual
// time and recorded, and the observations the lab window shows (each node's life, value,
// view of a member, health; one node's packets; the newest value's rumor story and the
// newest membership rumor about one chosen member).
// Owns: the Simulator, the recording (a LabScenario), stall thaws and staggered joins, the
// packet log and failure-detection observations of the one watched node (bounded), and
// each crashed node's persisted value (a restart restores it, as a real node's state file
// does).
// Never: reads a clock or global randomness, nor touches Qt: the same scenario replays the
// same run (the same traceHash()) however the time is sliced into runUntil() calls.
// Theory of operation: runUntil(t) runs the simulator up to each due thaw, join or recorded
// action in time order (internal ones first at one instant), applies it, and goes on to t.
// perform() applies a new action at now() and records it, dropping recorded actions later
// than now (after a scrub back, a new action starts a new future).
#pragma once

#include "core/sim/simulator.h"
#include "core/value/shared_value.h"
#include "lab_scenario.h"
#include "membership_story.h"
#include "observation_log.h"
#include "rumor_story.h"

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace grapevine::lab {

enum class NodeLife { Up, Stalled, Crashed, Left };
const char *lifeName(NodeLife life); // "up", "stalled", "crashed", "left"

// One packet or stream frame the watched node sent or received, copied out.
struct LabPacket {
    TimePoint at{};
    bool outgoing = false;
    NodeId peer = 0;
    sim::Carrier carrier = sim::Carrier::Udp;
    std::vector<wire::Message> messages;
    std::size_t bytes = 0;
    sim::DropReason drop = sim::DropReason::None;
};

class LabCluster final : private sim::SimObserver {
public:
    static constexpr std::size_t kMaxPackets = 4096; // the watched node's log, oldest dropped

    explicit LabCluster(LabScenario scenario);
    ~LabCluster() override;
    LabCluster(const LabCluster &) = delete;
    LabCluster &operator=(const LabCluster &) = delete;

    // --- actions and time --------------------------------------------------------------
    // Applies the action now (its `at` becomes now()) and records it. Nothing is recorded
    // when the action cannot apply (an error says why).
    std::optional<std::string> perform(LabAction action);
    void runUntil(TimePoint until);
    // Runs up to the next event, thaw, join or recorded action; false when none is pending.
    bool stepEvent();
    [[nodiscard]] TimePoint now() const { return m_sim->now(); }

    // --- observation -------------------------------------------------------------------
    [[nodiscard]] int size() const { return int(m_sim->size()); }
    [[nodiscard]] NodeLife life(NodeId node) const;
    [[nodiscard]] const value::SharedValue *value(NodeId node) const;
    // What `observer` believes about `subject`; nothing when it does not know it or is down.
    [[nodiscard]] std::optional<wire::NodeState> viewOf(NodeId observer, NodeId subject) const;
    [[nodiscard]] int health(NodeId node) const; // Lifeguard's score; -1 when down
    [[nodiscard]] std::vector<protocol::MemberInfo> members(NodeId node) const;
    [[nodiscard]] int groupOf(NodeId node) const;
    [[nodiscard]] const RumorStory &rumor() const { return m_rumor; }
    // The newest membership rumor about `subject` (n0 until told), from now on.
    void followMember(NodeId subject);
    [[nodiscard]] const MembershipStory &membership() const { return m_membership; }
    // The setup and every action recorded so far (and any still ahead), until = now().
    [[nodiscard]] LabScenario recording() const;
    [[nodiscard]] std::size_t actionsApplied() const { return m_next; }
    [[nodiscard]] std::uint64_t traceHash() const { return m_sim->traceHash(); }
    [[nodiscard]] const sim::SimCounters &counters() const { return m_sim->counters(); }
    [[nodiscard]] const sim::LinkModel &link() const { return m_sim->network().link(); }
    [[nodiscard]] const protocol::Config &config() const { return m_sim->config(); }

    // The packet log and the observations are kept for this node only (none: no log);
    // only its engine has an observer, from now on (and again after a restart).
    void watch(std::optional<NodeId> node);
    [[nodiscard]] std::optional<NodeId> watched() const { return m_watched; }
    std::vector<LabPacket> takePackets();
    // The watched node's failure-detection steps since the last take (engine times are
    // virtual time), oldest first.
    std::vector<protocol::Observation> takeObservations() { return m_observations.take(); }

private:
    struct Pending { // an internal step of the run: a thaw or a staggered join
        enum class Kind { Thaw, Join } kind = Kind::Thaw;
        NodeId node = 0;
        std::uint64_t serial = 0; // thaw: the stall it ends
    };
    struct Persisted {
        value::ValueRegister::Entry entry;
        std::uint64_t clock = 0;
    };
    struct Arrival {
        NodeId from = 0;
        InfectionPath path = InfectionPath::Gossip;
    };

    void build();
    [[nodiscard]] std::optional<TimePoint> nextScheduled() const;
    void applyDue(TimePoint at);
    void applyPending(const Pending &pending);
    [[nodiscard]] std::optional<std::string> check(const LabAction &action) const;
    std::optional<std::string> apply(const LabAction &action);
    void applyNodeAction(const LabAction &action);
    void applyNetworkAction(const LabAction &action);
    void persist(NodeId node);
    [[nodiscard]] NodeId seedFor(NodeId node) const;
    void checkComplete();
    value::SharedValue *mutableValue(NodeId node);
    std::unique_ptr<protocol::Delegate> makeValue(NodeId id);
    void record(bool outgoing, const sim::PacketSeen &packet);
    void setObserver(NodeId node, protocol::Observer *observer);

    // --- sim::SimObserver ----------------------------------------------------------------
    void beforeCall(NodeId node, TimePoint now) override;
    void afterCall(NodeId node, TimePoint now) override;
    void packetSent(const sim::PacketSeen &packet) override;
    void packetArriving(const sim::PacketSeen &packet) override;
    void memberChanged(NodeId node, const protocol::MemberChanged &change) override;

    LabScenario m_scenario;
    std::size_t m_next = 0; // the first recorded action not applied yet
    std::multimap<TimePoint, Pending> m_pending;
    std::vector<std::uint64_t> m_stallSerial;
    std::uint64_t m_serials = 0;
    std::map<NodeId, Persisted> m_persisted;
    std::vector<std::optional<Arrival>> m_arrival; // the delivery being handled, by node
    RumorStory m_rumor;
    MembershipStory m_membership;
    std::string m_subjectName = sim::nodeName(0);
    // The delivery whose effects are being carried out (afterCall → memberChanged).
    NodeId m_handlingNode = 0;
    std::optional<Arrival> m_handling;
    std::optional<NodeId> m_watched;
    std::deque<LabPacket> m_packets;
    ObservationLog m_observations;
    std::unique_ptr<sim::Simulator> m_sim; // last: its callbacks use the members above
};

} // namespace grapevine::lab
