// gossip.cpp — the broadcast side: gossip rounds, piggybacking on replies, user messages.
// Follows memberlist state.go gossip, net.go sendMsg / getBroadcasts, memberlist.go
// SendBestEffort / SendReliable; budgets from memberlist-wire.md §3.2.
#include "engine_impl.h"
#include "formulas.h"

namespace grapevine::protocol {
namespace {

constexpr int kCompoundHeaderOverhead = 2; // type byte + part count
constexpr int kCompoundPartOverhead = 2;   // uint16 length per part
constexpr int kUserMsgOverhead = 1;        // the 08 type byte
constexpr std::size_t kMaxCompoundParts = 255;

} // namespace

void Engine::Impl::queueBroadcast(std::string name, wire::Message message)
{
    broadcasts.queue(std::move(name), std::move(message));
    ++stats.broadcastsQueued;
}

void Engine::Impl::queueAlive(const MemberRecord &record, const wire::Alive &alive)
{
    broadcasts.queue(alive.node, members.asSent(record, alive)); // its size, if known, is kept
    ++stats.broadcastsQueued;
}

void Engine::Impl::fillBroadcasts(int overhead, int limit, SendPacket &packet)
{
    constexpr std::size_t kTypicalFill = 40; // a 1,400-byte packet of ~35-byte alives
    auto &out = packet.piggyback;
    if (!broadcasts.empty() || !userBroadcasts.empty())
        out.reserve(kTypicalFill);
    const int transmitLimit = retransmitLimit(config.retransmitMult, members.size());
    int used = broadcasts.getBroadcasts(overhead, limit, transmitLimit, out);
    const int avail = limit - used;
    if (!userBroadcasts.empty() && avail > overhead + kUserMsgOverhead)
        used += userBroadcasts.getBroadcasts(overhead, avail, transmitLimit, out);
    checkLeaveDone();
    packet.piggybackBytes = static_cast<std::size_t>(used) - std::size_t(overhead) * out.size();
}

void Engine::Impl::emitPackets(SendPacket packet)
{
    // A compound holds at most 255 parts (0.2.2's count byte wraps): split like newest.
    const std::size_t total = packet.messages.size() + packet.piggyback.size();
    if (total <= kMaxCompoundParts) {
        emit(std::move(packet));
        return;
    }
    std::vector<wire::Message> all = takeParts(packet);
    for (std::size_t i = 0; i < all.size(); i += kMaxCompoundParts) {
        const std::size_t end = std::min(all.size(), i + kMaxCompoundParts);
        std::vector<wire::Message> part(std::make_move_iterator(all.begin() + long(i)),
                                        std::make_move_iterator(all.begin() + long(end)));
        emit(SendPacket{packet.to, packet.toName, std::move(part), packet.crc, {}, 0});
    }
}

void Engine::Impl::sendWithPiggyback(const wire::Endpoint &to, const std::string &toName,
                                     wire::Message message)
{
    const int avail = config.udpBufferSize - static_cast<int>(wire::encodedSize(message)) -
                      kCompoundHeaderOverhead - config.packetOverhead;
    // memberlist finds the node record for these by IP text, which rarely matches: no CRC.
    SendPacket packet{to, toName, {}, false, {}, 0};
    packet.messages.push_back(std::move(message));
    fillBroadcasts(kCompoundPartOverhead, avail, packet);
    emitPackets(std::move(packet));
}

void Engine::Impl::onGossipTick(TimePoint now)
{
    if (broadcasts.empty() && userBroadcasts.empty())
        return; // the round would stop at the first target anyway
    const auto targets =
        members.randomMembers(config.gossipNodes, rng, [this, now](const MemberRecord &r) {
            if (&r == self)
                return false;
            switch (r.state()) {
            case wire::NodeState::Alive:
            case wire::NodeState::Suspect:
                return true;
            // Gossip to the dead, so a node declared dead by mistake hears it and refutes.
            case wire::NodeState::Dead:
                return now - r.stateChange <= config.gossipToTheDeadTime;
            case wire::NodeState::Left:
                return false;
            }
            return false;
        });
    const int avail = config.udpBufferSize - kCompoundHeaderOverhead - config.packetOverhead;
    for (const MemberRecord *target : targets) {
        SendPacket packet{{}, {}, {}, target->pmax() >= 5, {}, 0};
        fillBroadcasts(kCompoundPartOverhead, avail, packet);
        if (packet.messages.empty() && packet.piggyback.empty())
            return;
        packet.to = target->endpoint();
        packet.toName = target->name();
        emitPackets(std::move(packet));
    }
}

void Engine::Impl::pushUser(const wire::Bytes &payload, int fanout, std::string_view except)
{
    if (!started)
        return;
    // An exact sample, not kRandomNodes' 3n draws: a push as wide as the cluster must not
    // leave a random twentieth of it to the gossip tick.
    const auto targets = members.sampleMembers(fanout, rng, [this, except](const MemberRecord &r) {
        return &r != self && r.name() != except && r.state() == wire::NodeState::Alive;
    });
    for (const MemberRecord *target : targets)
        emit(SendPacket{target->endpoint(),
                        target->name(),
                        {wire::UserMsg{payload}},
                        target->pmax() >= 5,
                        {},
                        0});
}

void Engine::Impl::sendUser(TimePoint now, std::string_view member, wire::Bytes payload,
                            bool reliable)
{
    const MemberRecord *target = members.find(member);
    if (!started || !target)
        return;
    if (!reliable) {
        emit(SendPacket{target->endpoint(),
                        target->name(),
                        {wire::UserMsg{std::move(payload)}},
                        target->pmax() >= 5,
                        {},
                        0});
        return;
    }
    const std::uint64_t id = ++nextStreamId;
    streams[id] = PendingStream{StreamPurpose::UserMessage, 0, 0, target->name()};
    OpenStream open;
    open.id = id;
    open.to = target->endpoint();
    open.toName = target->name();
    open.purpose = StreamPurpose::UserMessage;
    open.request = wire::UserMsg{std::move(payload)};
    open.deadline = now + config.tcpTimeout;
    open.expectsReply = false;
    emit(std::move(open));
}

} // namespace grapevine::protocol
