// push_pull.cpp — state exchange over streams: join, periodic anti-entropy, the responder
// side, protocol-version verification and the merge rules. Follows memberlist
// memberlist.go Join, state.go pushPull / mergeState, net.go verifyProtocol; §4.2, §7.3, §9.8.
#include "engine_impl.h"
#include "formulas.h"

#include <algorithm>
#include <array>
#include <limits>

namespace grapevine::protocol {

wire::PushPull Engine::Impl::localState(bool join) const
{
    wire::PushPull pp;
    pp.join = join;
    pp.nodes.reserve(static_cast<std::size_t>(members.size()));
    members.forEach([&](const MemberRecord &r) {
        const auto vsn = r.vsn();
        pp.nodes.push_back(wire::PushNodeState{r.name(), r.addr(), r.port(), r.meta(),
                                               r.incarnation(), r.state(),
                                               wire::SmallBytes(vsn.begin(), vsn.end())});
    });
    if (delegate)
        pp.userState = delegate->localState(join);
    return pp;
}

std::uint64_t Engine::Impl::join(TimePoint now, const std::vector<wire::Endpoint> &seeds)
{
    const std::uint64_t joinId = ++nextJoinId;
    if (!started || seeds.empty()) {
        emit(JoinFinished{joinId, 0, started ? "no seeds to join" : "engine not started"});
        return joinId;
    }
    joins[joinId] = PendingJoin{static_cast<int>(seeds.size()), 0, {}};
    const wire::PushPull request = localState(true);
    for (const wire::Endpoint &seed : seeds) {
        const std::uint64_t id = ++nextStreamId;
        OpenStream open;
        open.id = id;
        open.to = wire::Endpoint{seed.ip, portOrOwn(seed.port)};
        open.purpose = StreamPurpose::Join;
        open.request = request;
        open.deadline = now + config.tcpTimeout;
        streams[id] = PendingStream{StreamPurpose::Join, joinId, 0, open.to.toString()};
        emit(std::move(open));
    }
    return joinId;
}

void Engine::Impl::onPushPullTick(TimePoint now)
{
    if (!left)
        syncNow(now);
}

// One target drawn uniformly over the dead members still in the table and the reaped ones
// in the reconnect list (Serf's reconnect tries its failed members the same way).
void Engine::Impl::onReconnectTick(TimePoint now)
{
    reconnects.expire(now, config.reconnectTimeout);
    const auto dead = static_cast<std::uint64_t>(members.deadCount());
    const std::uint64_t total = dead + reconnects.size();
    if (left || total == 0)
        return;
    // No extra draw while the list is empty: runs without reaped members replay as before.
    const std::uint64_t pick = reconnects.empty() ? 0 : rng() % total;
    if (pick >= dead) {
        reconnectToEntry(now, reconnects.at(static_cast<std::size_t>(pick - dead)));
        return;
    }
    const auto picked = members.randomMembers(1, rng, [this](const MemberRecord &r) {
        return &r != self && r.state() == wire::NodeState::Dead;
    });
    if (!picked.empty())
        pushPullTo(now, picked.front()->name(), picked.front()->endpoint());
}

void Engine::Impl::onReaped(TimePoint now, const MemberRecord &record)
{
    if (record.state() == wire::NodeState::Dead)
        reconnects.add(ReconnectEntry{record.name(), record.endpoint(), record.incarnation(), now});
}

void Engine::Impl::reconnectToEntry(TimePoint now, const ReconnectEntry &entry)
{
    // The table is the truth for a name it holds again (live, perhaps at another address, or
    // dead and a candidate of its own): the remembered address is not tried then.
    if (!members.find(entry.name))
        pushPullTo(now, entry.name, entry.endpoint);
}

void Engine::Impl::syncNow(TimePoint now)
{
    if (!started)
        return;
    const auto picked = members.randomMembers(1, rng, [this](const MemberRecord &r) {
        return &r != self && r.state() == wire::NodeState::Alive;
    });
    if (!picked.empty())
        pushPullTo(now, picked.front()->name(), picked.front()->endpoint());
}

void Engine::Impl::pushPullTo(TimePoint now, const std::string &name, const wire::Endpoint &to)
{
    const std::uint64_t id = ++nextStreamId;
    streams[id] = PendingStream{StreamPurpose::PushPull, 0, 0, name};
    OpenStream open;
    open.id = id;
    open.to = to;
    open.toName = name;
    open.purpose = StreamPurpose::PushPull;
    open.request = localState(false);
    open.deadline = now + config.tcpTimeout;
    emit(std::move(open));
}

std::optional<wire::Message> Engine::Impl::handleStreamRequest(TimePoint now,
                                                               const wire::Endpoint &from,
                                                               const wire::Message &request)
{
    if (!started)
        return std::nullopt;
    if (const auto *ping = std::get_if<wire::Ping>(&request)) {
        if (!ping->node.empty() && ping->node != config.name)
            return std::nullopt;
        return wire::Message{wire::Ack{ping->seqNo, {}}};
    }
    if (const auto *remote = std::get_if<wire::PushPull>(&request)) {
        // Answer first (same Join flag), then merge: the order memberlist uses.
        wire::Message reply = localState(remote->join);
        (void)mergeRemote(now, *remote, remote->join, false);
        return reply;
    }
    if (const auto *user = std::get_if<wire::UserMsg>(&request))
        onUser(now, from, *user);
    return std::nullopt;
}

void Engine::Impl::handleStreamReply(TimePoint now, std::uint64_t streamId,
                                     const wire::Result<wire::Message> &reply)
{
    auto it = streams.find(streamId);
    if (it == streams.end())
        return;
    const PendingStream stream = std::move(it->second);
    streams.erase(it);
    switch (stream.purpose) {
    case StreamPurpose::Join:
    case StreamPurpose::PushPull:
        onPushPullReply(now, stream, reply);
        break;
    case StreamPurpose::PingFallback:
        onFallbackReply(now, stream, reply);
        break;
    case StreamPurpose::UserMessage:
        break;
    }
}

void Engine::Impl::onPushPullReply(TimePoint now, const PendingStream &stream,
                                   const wire::Result<wire::Message> &reply)
{
    std::string error;
    if (!reply.ok()) {
        error = reply.error().message;
    } else if (const auto *err = std::get_if<wire::ErrResp>(&reply.value())) {
        error = "remote error: " + err->error;
    } else if (const auto *remote = std::get_if<wire::PushPull>(&reply.value())) {
        error = mergeRemote(now, *remote, stream.purpose == StreamPurpose::Join, true);
    } else {
        error =
            std::string("unexpected reply: ") + wire::messageTypeName(wire::typeOf(reply.value()));
    }
    if (stream.purpose == StreamPurpose::Join)
        finishJoinAttempt(stream, error);
}

void Engine::Impl::finishJoinAttempt(const PendingStream &stream, const std::string &error)
{
    auto it = joins.find(stream.joinId);
    if (it == joins.end())
        return;
    PendingJoin &pending = it->second;
    --pending.outstanding;
    if (error.empty()) {
        ++pending.contacted;
    } else {
        pending.errors += (pending.errors.empty() ? "" : "; ") + stream.peer + ": " + error;
    }
    if (pending.outstanding > 0)
        return;
    // Like memberlist, a join succeeds when any seed answered.
    emit(JoinFinished{stream.joinId, pending.contacted,
                      pending.contacted > 0 ? std::string() : pending.errors});
    joins.erase(it);
}

std::string Engine::Impl::mergeRemote(TimePoint now, const wire::PushPull &remote, bool join,
                                      bool answersUs)
{
    if (std::string problem = verifyProtocol(remote.nodes); !problem.empty())
        return "protocol version mismatch: " + problem;
    ++stats.pushPulls;
    members.forEachNamed(remote.nodes,
                         [&](const wire::PushNodeState &s, const MemberRecord *known) {
                             mergeNodeState(now, s, known, answersUs);
                         });
    if (delegate && !remote.userState.empty())
        delegate->mergeRemoteState(now, remote.userState, join);
    return {};
}

void Engine::Impl::mergeNodeState(TimePoint now, const wire::PushNodeState &s,
                                  const MemberRecord *known, bool answersUs)
{
    const std::uint16_t port = portOrOwn(s.port);
    if (s.name == config.name && s.state == wire::NodeState::Alive && !self->at(s.addr, port)) {
        // Our name at another address. In a peer's answer to us it was there before us; in a
        // request it may be the requester itself, the one claiming our name.
        onOwnNameClaimed(wire::Endpoint{s.addr.toBytes(), port}, answersUs);
        return;
    }
    switch (s.state) {
    case wire::NodeState::Alive:
        if (holdsAlready(known, s.incarnation, s.addr, port))
            return; // without building the alive first
        onAlive(now, wire::Alive{s.incarnation, s.name, s.addr, port, s.meta, s.vsn}, false);
        break;
    case wire::NodeState::Left:
        onDead(now, wire::Dead{s.incarnation, s.name, s.name});
        break;
    // A remote "dead" only makes the node suspect here, so it can still refute.
    case wire::NodeState::Dead:
    case wire::NodeState::Suspect:
        onSuspect(now, wire::Suspect{s.incarnation, s.name, config.name});
        break;
    }
}

} // namespace grapevine::protocol
