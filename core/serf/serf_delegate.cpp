// SerfDelegate: construction, the flush, message dispatch, intents, tags and coordinates.
// Events and the value: serf_events.cpp. Queries and keys: serf_queries.cpp.
#include "serf_delegate.h"

#include "core/protocol/engine.h"
#include "core/wire/overloaded.h"

#include <utility>
#include <variant>

namespace grapevine::serf {

namespace {

std::string intentKey(const std::string &node)
{
    return "serf-intent:" + node;
}

} // namespace

SerfDelegate::SerfDelegate(std::string selfName, Tags tags, std::uint64_t seed,
                           wire::Keyring *keyring)
    : m_self(std::move(selfName))
    , m_tags(std::move(tags))
    , m_keyring(keyring)
    , m_vivaldi(seed)
{
    // As serf.Create: the member clock starts at 1, and we are alive at time 0 to ourselves.
    m_clock.increment();
    m_intents[m_self] = {0, IntentStatus::Alive};
}

SerfDelegate::~SerfDelegate() = default;

void SerfDelegate::attach(protocol::Engine *engine)
{
    m_engine = engine;
}

void SerfDelegate::flush(protocol::TimePoint now)
{
    if (!m_engine)
        return;
    if (m_metaDirty) {
        m_metaDirty = false;
        m_engine->updateMeta(now);
    }
    std::vector<Out> out;
    out.swap(m_out);
    const int gossipNodes = m_engine->config().gossipNodes;
    for (Out &o : out) {
        switch (o.kind) {
        case Out::Kind::Broadcast:
            m_engine->broadcastUser(std::move(o.payload), std::move(o.target));
            break;
        case Out::Kind::SendTo:
            m_engine->sendUser(now, o.target, std::move(o.payload), /*reliable=*/false);
            break;
        case Out::Kind::Push:
            // Eager: a few peers at once instead of waiting for the next gossip tick. A
            // numeric target asks for a wider fan-out (own sets and the leave intent).
            m_engine->pushUser(now, o.payload,
                               o.target.empty() ? gossipNodes : std::stoi(o.target));
            break;
        }
    }
}

wire::Bytes SerfDelegate::nodeMeta(std::size_t limit)
{
    wire::Bytes meta = encodeTags(m_tags);
    // setTags refuses tags that do not fit, so this only trips on a tiny custom limit.
    return meta.size() <= limit ? meta : wire::Bytes{};
}

std::string SerfDelegate::setTags(protocol::TimePoint now, Tags tags)
{
    if (std::string why = checkTagsFit(tags); !why.empty())
        return why;
    m_tags = std::move(tags);
    m_metaDirty = true;
    flush(now);
    return {};
}

void SerfDelegate::notifyUserMessage(protocol::TimePoint /*now*/, const wire::Endpoint &from,
                                     wire::ByteView payload)
{
    if (payload.empty())
        return;
    wire::Result<Message> decoded = decodeMessage(payload);
    if (!decoded) {
        notice(SerfNotice::Kind::Problem, {}, {}, 0,
               "dropped a Serf message from " + from.toString() + ": " + decoded.error().message);
        return;
    }
    onMessage(*decoded, payload);
}

void SerfDelegate::onMessage(const Message &message, wire::ByteView raw)
{
    const wire::Bytes copy(raw.begin(), raw.end());
    std::visit(
        Overloaded{
            [&](const JoinIntent &m) {
                if (onJoinIntent(m))
                    broadcast(intentKey(m.node), copy);
            },
            [&](const LeaveIntent &m) {
                if (onLeaveIntent(m))
                    broadcast(intentKey(m.node), copy);
            },
            [&](const UserEvent &m) {
                if (onUserEvent(m)) {
                    const bool isValue = m.name == kValueEventName;
                    broadcast(isValue ? "serf-value"
                                      : "serf-event:" + std::to_string(m.ltime) + ":" + m.name,
                              copy);
                    if (isValue)
                        m_out.push_back({Out::Kind::Push, {}, copy});
                }
            },
            [&](const Query &m) {
                if (onQuery(m))
                    broadcast("serf-query:" + std::to_string(m.ltime) + ":" + std::to_string(m.id),
                              copy);
            },
            [&](const QueryResponse &m) { onQueryResponse(m); },
            [&](const PushPull &) {}, // only in push/pull state, never as a message
            [&](const Relay &m) { onRelay(m); },
        },
        message);
}

bool SerfDelegate::onJoinIntent(const JoinIntent &join)
{
    m_clock.witness(join.ltime);
    MemberIntent &known = m_intents[join.node];
    if (join.ltime <= known.ltime && known.status != IntentStatus::None)
        return false;
    setIntent(join.node, join.ltime, IntentStatus::Alive);
    return true;
}

bool SerfDelegate::onLeaveIntent(const LeaveIntent &leave)
{
    m_clock.witness(leave.ltime);
    const MemberIntent known = m_intents[leave.node];
    if (leave.ltime <= known.ltime && known.status != IntentStatus::None)
        return false;
    if (leave.node == m_self && !m_leaving) {
        // Someone says we left (an old intent, or `serf force-leave` of a live node):
        // refute with a newer join intent, as Serf does.
        notice(SerfNotice::Kind::Intent, m_self, {}, leave.ltime,
               "refuting a leave intent about this node (ltime " + std::to_string(leave.ltime) +
                   ")");
        const JoinIntent refute = stampJoin();
        setIntent(m_self, leave.ltime, IntentStatus::Alive);
        broadcast(intentKey(m_self), encodeMessage(refute));
        return false;
    }
    setIntent(leave.node, leave.ltime,
              known.status == IntentStatus::Alive ? IntentStatus::Leaving : IntentStatus::Left);
    notice(SerfNotice::Kind::Intent, leave.node, {}, leave.ltime,
           "leave intent for " + leave.node + (leave.prune ? " (prune)" : ""));
    if (leave.prune)
        m_pruned.push_back(leave.node);
    return true;
}

void SerfDelegate::setIntent(const std::string &member, LamportTime ltime, IntentStatus status)
{
    MemberIntent &known = m_intents[member];
    known.ltime = std::max(known.ltime, ltime);
    if (known.status != status)
        m_touched.insert(member);
    known.status = status;
}

IntentStatus SerfDelegate::intentStatus(const std::string &member) const
{
    const auto it = m_intents.find(member);
    return it == m_intents.end() ? IntentStatus::None : it->second.status;
}

JoinIntent SerfDelegate::stampJoin()
{
    // As Serf's broadcastJoin: the intent carries the clock's time and the clock moves past
    // it, so a leave intent stamped later (with time()) is newer than this join everywhere.
    // A leave at the join's own time is ignored as old by every member that saw the join.
    const JoinIntent join{m_clock.time(), m_self};
    m_clock.witness(join.ltime);
    return join;
}

void SerfDelegate::announceJoin(protocol::TimePoint now)
{
    const JoinIntent join = stampJoin();
    setIntent(m_self, join.ltime, IntentStatus::Alive);
    broadcast(intentKey(m_self), encodeMessage(join));
    flush(now);
}

bool SerfDelegate::announceLeave(protocol::TimePoint now)
{
    m_leaving = true;
    const LeaveIntent leave{m_clock.time(), m_self, false};
    m_clock.increment();
    setIntent(m_self, leave.ltime, IntentStatus::Leaving);
    if (!m_engine || m_engine->aliveCount() <= 1)
        return false;
    const wire::Bytes bytes = encodeMessage(leave);
    broadcast(intentKey(m_self), bytes);
    m_out.push_back({Out::Kind::Push, std::to_string(m_engine->aliveCount()), bytes});
    flush(now);
    return true;
}

void SerfDelegate::broadcast(std::string key, wire::Bytes message)
{
    m_out.push_back({Out::Kind::Broadcast, std::move(key), std::move(message)});
}

void SerfDelegate::notice(SerfNotice::Kind kind, std::string name, wire::Bytes payload,
                          LamportTime ltime, std::string text)
{
    m_notices.push_back({kind, std::move(name), std::move(payload), ltime, std::move(text)});
}

std::vector<SerfNotice> SerfDelegate::takeNotices()
{
    std::vector<SerfNotice> out;
    out.swap(m_notices);
    return out;
}

std::vector<std::string> SerfDelegate::takeTouchedMembers()
{
    std::vector<std::string> out(m_touched.begin(), m_touched.end());
    m_touched.clear();
    return out;
}

std::vector<std::string> SerfDelegate::takePruned()
{
    return std::exchange(m_pruned, {});
}

wire::Bytes SerfDelegate::ackPayload()
{
    return encodeAckPayload(m_vivaldi.coordinate());
}

void SerfDelegate::notifyPingComplete(protocol::TimePoint /*now*/, const std::string &member,
                                      protocol::Duration rtt, wire::ByteView payload)
{
    if (payload.empty())
        return; // a plain memberlist peer: no coordinate
    wire::Result<Coordinate> other = decodeAckPayload(payload);
    if (!other) {
        notice(SerfNotice::Kind::Problem, member, {}, 0, other.error().message);
        return;
    }
    // Rejections (a wild RTT, a bad coordinate) are normal noise; Serf logs them at TRACE.
    if (m_vivaldi.update(member, *other, rtt).empty())
        m_coordinates[member] = std::move(*other);
}

} // namespace grapevine::serf
