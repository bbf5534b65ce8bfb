#include "shared_value.h"

#include "core/protocol/engine.h"
#include "core/value/limits.h"
#include "eager_fanout.h"
#include "envelope.h"

#include <algorithm>
#include <utility>
#include <variant>

namespace grapevine::value {

namespace {

constexpr const char *kBroadcastKey = "value";
constexpr const char *kPlainOrigin = "plain";

bool isLive(const protocol::MemberInfo &m)
{
    return m.state == wire::NodeState::Alive || m.state == wire::NodeState::Suspect;
}

} // namespace

const char *appliedSourceName(AppliedSource source)
{
    switch (source) {
    case AppliedSource::LocalSet:
        return "set";
    case AppliedSource::UserMessage:
        return "message";
    case AppliedSource::PlainText:
        return "plain";
    case AppliedSource::PushPull:
        return "push-pull";
    case AppliedSource::Restored:
        return "restored";
    case AppliedSource::SerfEvent:
        return "serf-event";
    }
    return "unknown";
}

SharedValue::SharedValue(std::string selfName, bool plainValues)
    : m_self(std::move(selfName))
    , m_plainValues(plainValues)
{
}

SharedValue::~SharedValue() = default;

void SharedValue::attach(protocol::Engine *engine)
{
    m_engine = engine;
}

void SharedValue::restore(const ValueRegister::Entry &entry, std::uint64_t clock)
{
    m_register.restore(entry, clock);
    m_applied.push_back({entry, AppliedSource::Restored, {}});
}

std::optional<std::string> SharedValue::set(protocol::TimePoint now, std::int64_t nowMs,
                                            std::string value)
{
    if (auto err = validateValue(value))
        return err;
    if (auto err = validateOrigin(m_self))
        return err;
    m_register.set(std::move(value), m_self, nowMs);
    m_applied.push_back({m_register.current(), AppliedSource::LocalSet, {}});
    m_needSpread = true;
    m_spreadOwn = true;
    m_spreadFrom.reset();
    flush(now);
    if (m_plainValues && m_engine)
        sendPlainCopies(now, m_register.current().value);
    return std::nullopt;
}

void SharedValue::syncNow(protocol::TimePoint now)
{
    if (m_engine)
        m_engine->syncNow(now);
    flush(now);
}

void SharedValue::flush(protocol::TimePoint now)
{
    // handlePlain may record a spread; swap first so nothing appended meanwhile is lost.
    std::vector<PlainIn> plain;
    plain.swap(m_plainIn);
    for (const PlainIn &in : plain)
        handlePlain(now, in);
    for (const auto &[from, held] : m_noticesIn)
        handleNotice(from, held);
    m_noticesIn.clear();
    if (m_needSpread)
        spread(now);
}

std::vector<Applied> SharedValue::takeApplied()
{
    std::vector<Applied> out;
    out.swap(m_applied);
    return out;
}

std::optional<Version> SharedValue::heldVersion(const protocol::MemberInfo &member)
{
    return decodeMeta(member.meta);
}

ConvergenceStatus SharedValue::convergence(const std::vector<protocol::MemberInfo> &members) const
{
    ConvergenceStatus status{m_register.current().version, 0, 0};
    for (const protocol::MemberInfo &m : members) {
        // Our own metadata lags until the next flush; the register is the truth for us.
        auto held = m.isSelf ? std::optional<Version>(status.version) : heldVersion(m);
        // A member without our metadata is a plain program: it can never report, so it
        // would keep the timer from ever completing in a mixed cluster.
        if (!isLive(m) || !held)
            continue;
        ++status.total;
        if (const auto it = m_heldBy.find(m.name); it != m_heldBy.end() && !m.isSelf)
            held = std::max(*held, it->second);
        if (*held >= status.version)
            ++status.reached;
    }
    return status;
}

wire::Bytes SharedValue::nodeMeta(std::size_t limit)
{
    wire::Bytes meta = encodeMeta(m_register.current().version);
    return meta.size() <= limit ? meta : wire::Bytes{};
}

void SharedValue::notifyUserMessage(protocol::TimePoint /*now*/, const wire::Endpoint &from,
                                    wire::ByteView payload)
{
    UserPayload decoded = decodeUserPayload(payload, m_nowMs);
    if (auto *entry = std::get_if<Entry>(&decoded)) {
        if (m_register.apply(*entry))
            recordNewer(AppliedSource::UserMessage, &from);
    } else if (auto *plain = std::get_if<PlainValue>(&decoded)) {
        // Deciding needs the member table; that waits for flush (no engine calls here).
        m_plainIn.push_back({from, std::move(plain->text)});
    } else if (auto *notice = std::get_if<HeldNotice>(&decoded)) {
        m_register.observe(notice->version.lamport);
        m_noticesIn.emplace_back(from, notice->version);
    }
    // An Error (not UTF-8, malformed envelope) is dropped: bad input never changes the value.
}

wire::Bytes SharedValue::localState(bool /*join*/)
{
    return encodeState(m_register.current());
}

void SharedValue::mergeRemoteState(protocol::TimePoint /*now*/, wire::ByteView state, bool /*join*/)
{
    auto decoded = decodeState(state, m_nowMs);
    if (decoded && decoded->has_value() && m_register.apply(**decoded))
        recordNewer(AppliedSource::PushPull, nullptr);
}

void SharedValue::recordNewer(AppliedSource source, const wire::Endpoint *from)
{
    m_applied.push_back({m_register.current(), source, from ? from->toString() : std::string()});
    m_needSpread = true;
    m_spreadFrom = from ? std::optional<wire::Endpoint>(*from) : std::nullopt;
}

void SharedValue::spread(protocol::TimePoint now)
{
    m_needSpread = false;
    if (!m_engine)
        return;
    std::string except;
    if (m_spreadFrom) {
        if (const auto sender = m_engine->memberAt(*m_spreadFrom))
            except = sender->name;
        m_spreadFrom.reset();
    }
    const wire::Bytes envelope = encodeEnvelope(m_register.current());
    m_engine->updateMeta(now);
    // Coverage-aware widths: wide enough that no live member is left to the gossip tick.
    const int gossipNodes = m_engine->config().gossipNodes;
    const int peers = m_engine->aliveCount() - 1;
    m_engine->pushUser(
        now, envelope,
        m_spreadOwn ? setterFanout(peers, gossipNodes) : relayFanout(peers, gossipNodes), except);
    m_spreadOwn = false;
    m_engine->broadcastUser(envelope, kBroadcastKey);
    noticeToOrigin(now);
}

void SharedValue::noticeToOrigin(protocol::TimePoint now)
{
    const Version &held = m_register.current().version;
    if (held.origin == m_self)
        return;
    // Only a live Grapevine origin: a plain program would take the notice for a value.
    const auto origin = m_engine->member(held.origin);
    if (origin && isLive(*origin) && heldVersion(*origin))
        m_engine->sendUser(now, origin->name, encodeHeldNotice(held), /*reliable=*/false);
}

void SharedValue::handleNotice(const wire::Endpoint &from, const Version &held)
{
    if (!m_engine)
        return;
    if (const auto sender = m_engine->memberAt(from)) {
        auto &known = m_heldBy[sender->name];
        known = std::max(known, held);
    }
}

bool SharedValue::isRepeat(protocol::TimePoint now, const PlainIn &in) const
{
    if (in.text == m_register.current().value)
        return true;
    const auto it = m_lastPlain.find(in.from);
    return it != m_lastPlain.end() && it->second.text == in.text &&
           now - it->second.at < kPlainRepeatWindow;
}

void SharedValue::handlePlain(protocol::TimePoint now, const PlainIn &in)
{
    std::string origin = kPlainOrigin;
    if (m_engine) {
        if (const auto sender = m_engine->memberAt(in.from)) {
            if (heldVersion(*sender))
                return; // a Grapevine node's plain copy: its envelope is authoritative
            if (!validateOrigin(sender->name) && isValidUtf8(sender->name))
                origin = sender->name;
        }
    }
    // Too long to relay as our envelope, or a retransmitted copy: not a new version.
    if (validateValue(in.text) || isRepeat(now, in))
        return;
    m_lastPlain[in.from] = {in.text, now};
    m_register.set(in.text, origin, m_nowMs);
    m_applied.push_back({m_register.current(), AppliedSource::PlainText, in.from.toString()});
    m_needSpread = true;
    m_spreadFrom = in.from;
    // Plain programs read only plain text: the other ones hear a plain program's value from
    // us at once, not from their own gossip and push/pull (seconds later). A relaying plain
    // program that gets it twice keeps it once (its value does not change).
    if (m_plainValues && m_engine)
        sendPlainCopies(now, in.text, &in.from);
}

void SharedValue::sendPlainCopies(protocol::TimePoint now, const std::string &text,
                                  const wire::Endpoint *except)
{
    for (const protocol::MemberInfo &m : m_engine->members()) {
        if (m.isSelf || !isLive(m) || heldVersion(m))
            continue;
        if (except && m.address.sameAddress(*except))
            continue;
        m_engine->sendUser(now, m.name, wire::toBytes(text), /*reliable=*/true);
    }
}

} // namespace grapevine::value
