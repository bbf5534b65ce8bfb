// engine_sim.h — the simulator's seam into the engine: what only a host of many in-process
// engines needs, none of which memberlist has. Only core/sim includes this header
// (scripts/check_layers.sh refuses it anywhere else); engine.h stays memberlist's API.
#pragma once

#include "engine.h"
#include "store/message_interner.h"
#include "store/node_ids.h"
#include "store/shared_message.h"

#include <memory>
#include <vector>

namespace grapevine::protocol {

// What the engines of one process share, handed to each at construction. Single-threaded:
// every engine that holds it runs on one thread. Its peers are in-process: a packet's
// piggybacked broadcasts (SendPacket::piggyback) reach them through EngineSim::handlePacket
// still shared, and an alive among them is kept and re-gossiped as that very object, not as
// a copy. An engine built in an arena differs from memberlist's in one output, which its host
// must expect: MemberChanged carries name, incarnation, state, time and isSelf only, without
// copies of address, meta, Vsn, rtt or suspicion (a join storm emits one per engine and
// member); Engine::member() / members() still give the full picture.
struct SharedArena {
    // One name -> id table: each engine keeps its records in an array by those ids.
    std::shared_ptr<NodeIds> nodeIds = std::make_shared<NodeIds>();
    // One table of shared alive messages, so engines that hold the same alive share it.
    std::shared_ptr<MessageInterner> interner = std::make_shared<MessageInterner>();
};

class EngineSim {
public:
    [[nodiscard]] static std::unique_ptr<Engine> make(Config config, std::uint64_t seed,
                                                      Delegate *delegate, const SharedArena &arena);

    // Takes `alives` as members already, as an engine holds them once it has joined a formed
    // cluster and sent all the join's gossip. Each is applied as a push/pull merge applies
    // it (member events included), but none is queued for re-gossip. Lets the simulator start
    // a large cluster formed instead of replaying its join storm (grapevine-sim --formed).
    static void adoptMembers(Engine &engine, TimePoint now,
                             const std::vector<SharedMessage> &alives);
    // A packet from an in-process peer: `messages`, then its piggybacked broadcasts
    // (SendPacket::piggyback); accepted alives are held and re-queued without copying.
    static void handlePacket(Engine &engine, TimePoint now, const wire::Endpoint &from,
                             const std::vector<wire::Message> &messages,
                             const std::vector<SharedMessage> &piggyback);

    // Cache hints for a host that runs thousands of engines, each cold when an event reaches
    // it; they change nothing. prefetch() asks for the state any event reads first, ahead of
    // the event; prefetchDeep() for what that state points at (the earliest timer, the
    // applied bits), which reads it: call it for an engine whose prefetch() was called a
    // while before.
    static void prefetch(const Engine &engine);
    static void prefetchDeep(const Engine &engine);
};

} // namespace grapevine::protocol
