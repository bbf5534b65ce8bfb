// SerfDelegate: user events, the value as the event "grapevine-value", and the push/pull
// state (Serf's clocks, members' status times, left members, the recent-event buffer).
#include "core/protocol/engine.h"
#include "core/value/limits.h"
#include "serf_delegate.h"

#include <algorithm>
#include <cstring>

namespace grapevine::serf {

namespace {

std::string text(const wire::Bytes &bytes)
{
    return std::string(bytes.begin(), bytes.end());
}

// Last-writer-wins between two value events: Lamport time, then the payload bytes, so
// concurrent sets at one time resolve the same way everywhere.
bool newer(LamportTime ltime, const std::string &value, const value::ValueRegister::Entry &held)
{
    if (held.version.isNull())
        return true;
    if (ltime != held.version.lamport)
        return ltime > held.version.lamport;
    return value.compare(held.value) > 0;
}

} // namespace

void SerfDelegate::restore(const value::ValueRegister::Entry &entry, std::uint64_t clock)
{
    m_current = entry;
    m_eventClock.witness(std::max<std::uint64_t>(clock, 1) - 1);
    m_applied.push_back({entry, value::AppliedSource::Restored, {}});
}

std::optional<std::string> SerfDelegate::set(protocol::TimePoint now, std::int64_t nowMs,
                                             std::string value)
{
    if (auto err = value::validateValue(value))
        return err;
    if (std::strlen(kValueEventName) + value.size() > kUserEventSizeLimit)
        return "a Serf user event holds at most " + std::to_string(kUserEventSizeLimit) +
               " bytes of name and payload; this value takes " + std::to_string(value.size());
    m_nowMs = nowMs;
    UserEvent event{m_eventClock.time(), kValueEventName, wire::toBytes(value), false};
    m_eventClock.increment();
    rememberEvent(event);
    applyValueEvent(event, value::AppliedSource::LocalSet);
    const wire::Bytes bytes = encodeMessage(event);
    broadcast("serf-value", bytes);
    m_out.push_back({Out::Kind::Push, "32", bytes}); // the setter reaches a whole small cluster
    flush(now);
    return std::nullopt;
}

std::string SerfDelegate::sendUserEvent(protocol::TimePoint now, const std::string &name,
                                        wire::Bytes payload)
{
    if (name.size() + payload.size() > kUserEventSizeLimit)
        return "user event exceeds the limit of " + std::to_string(kUserEventSizeLimit) + " bytes";
    UserEvent event{m_eventClock.time(), name, std::move(payload), false};
    m_eventClock.increment();
    onUserEvent(event);
    broadcast("serf-event:" + std::to_string(event.ltime) + ":" + name, encodeMessage(event));
    flush(now);
    return {};
}

void SerfDelegate::syncNow(protocol::TimePoint now)
{
    if (m_engine)
        m_engine->syncNow(now);
    flush(now);
}

std::vector<value::Applied> SerfDelegate::takeApplied()
{
    std::vector<value::Applied> out;
    out.swap(m_applied);
    return out;
}

value::ConvergenceStatus
SerfDelegate::convergence(const std::vector<protocol::MemberInfo> & /*members*/) const
{
    // Serf members do not advertise which value they hold: only this node can be counted.
    return {m_current.version, 1, 1};
}

// Serf's handleUserEvent: witness, drop what is too old or seen, remember, report.
bool SerfDelegate::onUserEvent(const UserEvent &event)
{
    m_eventClock.witness(event.ltime);
    if (!rememberEvent(event))
        return false;
    if (event.name == kValueEventName) {
        applyValueEvent(event, value::AppliedSource::SerfEvent);
    } else {
        notice(SerfNotice::Kind::UserEvent, event.name, event.payload, event.ltime,
               "serf user event " + event.name + " (ltime " + std::to_string(event.ltime) +
                   "): " + text(event.payload));
    }
    return true;
}

bool SerfDelegate::rememberEvent(const UserEvent &event)
{
    const LamportTime now = m_eventClock.time();
    if (now > kEventBufferSize && event.ltime < now - kEventBufferSize)
        return false;
    std::vector<EventItem> &seen = m_events[event.ltime];
    const EventItem item{event.name, event.payload};
    if (std::find(seen.begin(), seen.end(), item) != seen.end())
        return false;
    seen.push_back(item);
    while (m_events.size() > kEventBufferSize)
        m_events.erase(m_events.begin());
    return true;
}

void SerfDelegate::applyValueEvent(const UserEvent &event, value::AppliedSource source)
{
    std::string value = text(event.payload);
    if (value::validateValue(value)) {
        notice(SerfNotice::Kind::Problem, event.name, event.payload, event.ltime,
               "ignored a grapevine-value event that is not a valid value (not UTF-8 or too long)");
        return;
    }
    if (!newer(event.ltime, value, m_current))
        return;
    m_current = {std::move(value), value::Version{event.ltime, kSerfOrigin}, m_nowMs};
    m_applied.push_back({m_current, source, {}});
}

wire::Bytes SerfDelegate::localState(bool /*join*/)
{
    PushPull pp;
    pp.ltime = m_clock.time();
    pp.eventLTime = m_eventClock.time();
    pp.queryLTime = m_queryClock.time();
    for (const auto &[name, intent] : m_intents) {
        if (intent.status == IntentStatus::Left)
            pp.leftMembers.push_back(name);
        else if (intent.status != IntentStatus::None)
            pp.statusLTimes[name] = intent.ltime;
    }
    for (const std::string &name : pp.leftMembers)
        pp.statusLTimes[name] = m_intents[name].ltime;
    for (const auto &[ltime, items] : m_events)
        pp.events.push_back({ltime, items});
    return encodeMessage(pp);
}

void SerfDelegate::mergeRemoteState(protocol::TimePoint /*now*/, wire::ByteView state,
                                    bool /*join*/)
{
    if (state.empty() || state[0] != static_cast<std::uint8_t>(MessageType::PushPull)) {
        notice(SerfNotice::Kind::Problem, {}, {}, 0,
               state.empty() ? "a member sent no Serf push/pull state (not a Serf node?)"
                             : "a member's push/pull state is not Serf's (type byte " +
                                   std::to_string(state[0]) + ")");
        return;
    }
    wire::Result<Message> decoded = decodeMessage(state);
    if (!decoded) {
        notice(SerfNotice::Kind::Problem, {}, {}, 0, decoded.error().message);
        return;
    }
    const PushPull &pp = std::get<PushPull>(*decoded);
    // Serf witnesses time - 1: no message with the sender's current time exists yet.
    if (pp.ltime > 0)
        m_clock.witness(pp.ltime - 1);
    if (pp.eventLTime > 0)
        m_eventClock.witness(pp.eventLTime - 1);
    if (pp.queryLTime > 0)
        m_queryClock.witness(pp.queryLTime - 1);
    for (const std::string &name : pp.leftMembers) {
        const auto it = pp.statusLTimes.find(name);
        onLeaveIntent({(it == pp.statusLTimes.end() ? 0 : it->second) + 1, name, false});
    }
    for (const auto &[name, ltime] : pp.statusLTimes)
        if (std::find(pp.leftMembers.begin(), pp.leftMembers.end(), name) == pp.leftMembers.end())
            onJoinIntent({ltime, name});
    for (const EventsAt &at : pp.events) {
        for (const EventItem &e : at.events) {
            const UserEvent event{at.ltime, e.name, e.payload, false};
            m_eventClock.witness(event.ltime);
            if (!rememberEvent(event))
                continue;
            if (event.name == kValueEventName)
                applyValueEvent(event, value::AppliedSource::PushPull);
            else
                notice(SerfNotice::Kind::UserEvent, event.name, event.payload, event.ltime,
                       "serf user event " + event.name + " (from push/pull, ltime " +
                           std::to_string(event.ltime) + "): " + text(event.payload));
        }
    }
}

} // namespace grapevine::serf
