// value_cluster.h — test harness: many protocol engines, each with a SharedValue as its
// delegate, on one virtual clock and core/sim's lossy in-memory network.
// core/sim's Simulator runs its own RelayDelegate; this harness reuses its EventQueue,
// Network and addressing, and adds what the value needs: SharedValue::flush after every
// engine call. Deterministic: everything derives from the seed; no real clock, no sleeps.
#pragma once

#include "core/protocol/engine.h"
#include "core/sim/event_queue.h"
#include "core/sim/network.h"
#include "core/value/shared_value.h"

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace grapevine::test {

// A plain memberlist program, like the classic example: sets by queueing the raw text as a
// broadcast, keeps the last user message that is valid UTF-8, no relay, no state, no meta.
class PlainProgram final : public protocol::Delegate {
public:
    wire::Bytes nodeMeta(std::size_t) override { return {}; }
    void notifyUserMessage(protocol::TimePoint, const wire::Endpoint &,
                           wire::ByteView payload) override;
    wire::Bytes localState(bool) override { return {}; }
    void mergeRemoteState(protocol::TimePoint, wire::ByteView, bool) override {}

    [[nodiscard]] const std::string &last() const { return m_last; }
    [[nodiscard]] int envelopesSeen() const { return m_envelopes; }

private:
    std::string m_last;
    int m_envelopes = 0;
};

class ValueCluster {
public:
    ValueCluster(std::uint64_t seed, sim::LinkModel link, bool plainValues = false);
    ~ValueCluster();

    sim::NodeId addNode();      // engine started now; knows nobody until join()
    sim::NodeId addPlainNode(); // a PlainProgram instead of a SharedValue
    void setPlain(sim::NodeId node, const std::string &text); // on a plain node
    // Delivers one packet to `to` as if it came from `from` (any address).
    void inject(sim::NodeId to, const wire::Endpoint &from, std::vector<wire::Message> messages);
    void join(sim::NodeId node, sim::NodeId seed);
    std::optional<std::string> set(sim::NodeId node, std::string value);

    void runUntil(protocol::TimePoint until);
    void runFor(protocol::Duration d) { runUntil(m_now + d); }
    // Runs in steps until done() holds or `limit` passes; true if it held.
    bool runUntilTrue(const std::function<bool()> &done, protocol::Duration step,
                      protocol::TimePoint limit);

    sim::Network &network() { return m_network; }
    value::SharedValue &value(sim::NodeId id) { return *m_nodes[id].value; }
    PlainProgram &plain(sim::NodeId id) { return *m_nodes[id].plain; }
    protocol::Engine &engine(sim::NodeId id) { return *m_nodes[id].engine; }
    [[nodiscard]] std::size_t size() const { return m_nodes.size(); }
    [[nodiscard]] protocol::TimePoint now() const { return m_now; }
    [[nodiscard]] bool allSee(int members) const;
    [[nodiscard]] bool allHold(const value::Version &version) const; // Grapevine nodes
    [[nodiscard]] int holding(const value::Version &version) const;
    [[nodiscard]] std::uint64_t userMessagesDelivered() const { return m_userDelivered; }

private:
    struct Node {
        std::unique_ptr<value::SharedValue> value; // or, for a plain program:
        std::unique_ptr<PlainProgram> plain;
        std::unique_ptr<protocol::Engine> engine;
        std::uint64_t generation = 0;
        std::optional<protocol::TimePoint> wakeupAt;
        std::set<std::uint64_t> pendingStreams;
    };

    sim::NodeId start(Node node, protocol::Config config);
    void touch(sim::NodeId id);
    void afterCall(sim::NodeId id);
    void handleEffect(sim::NodeId id, protocol::Effect &effect);
    void sendPacket(sim::NodeId from, protocol::SendPacket &packet);
    void openStream(sim::NodeId from, protocol::OpenStream &stream);
    void dispatch(sim::SimEvent &event);
    void onStreamArrival(sim::StreamArrival &event);
    void finishStream(sim::NodeId id, std::uint64_t streamId,
                      const wire::Result<wire::Message> &outcome);

    std::uint64_t m_seed;
    bool m_plainValues;
    sim::Network m_network;
    sim::EventQueue m_queue;
    std::vector<Node> m_nodes;
    protocol::TimePoint m_now{};
    std::uint64_t m_userDelivered = 0;
};

} // namespace grapevine::test
