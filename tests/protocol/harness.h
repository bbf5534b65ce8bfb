// harness.h — a tiny in-test cluster for scripted exchanges (quinn-proto's Pair, in spirit):
// a few engines, one virtual clock, and hand delivery of their packets and streams.
// Nothing is delivered unless the test says so; a test can drop, delay or inspect anything.
#pragma once

#include "core/protocol/engine.h"

#include <QTest>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace grapevine::protocol::testing {

using namespace std::chrono_literals;

template <class T> std::vector<T> only(const std::vector<Effect> &effects)
{
    std::vector<T> out;
    for (const Effect &e : effects)
        if (const T *t = std::get_if<T>(&e))
            out.push_back(*t);
    return out;
}

template <class M> const M *firstOf(const SendPacket &p)
{
    return p.messages.empty() ? nullptr : std::get_if<M>(&p.messages.front());
}

// Whether `wanted` is one of the packet's parts (main message or piggybacked broadcast).
inline bool carries(const SendPacket &p, const wire::Message &wanted)
{
    const std::vector<wire::Message> parts = partsOf(p);
    return std::find(parts.begin(), parts.end(), wanted) != parts.end();
}

template <class M> std::vector<M> messagesOf(const std::vector<Effect> &effects)
{
    std::vector<M> out;
    for (const SendPacket &p : only<SendPacket>(effects))
        for (const wire::Message &m : partsOf(p))
            if (const M *x = std::get_if<M>(&m))
                out.push_back(*x);
    return out;
}

class TestDelegate : public Delegate {
public:
    wire::Bytes meta;
    wire::Bytes state;
    std::vector<wire::Bytes> userMessages;
    std::vector<wire::Bytes> merged;
    wire::Bytes nodeMeta(std::size_t) override { return meta; }
    void notifyUserMessage(TimePoint, const wire::Endpoint &, wire::ByteView p) override
    {
        userMessages.emplace_back(p.begin(), p.end());
    }
    wire::Bytes localState(bool) override { return state; }
    void mergeRemoteState(TimePoint, wire::ByteView s, bool) override
    {
        merged.emplace_back(s.begin(), s.end());
    }
};

inline wire::Endpoint endpointOf(int i)
{
    return wire::Endpoint{{10, 0, 0, static_cast<std::uint8_t>(i + 1)}, 7946};
}

inline std::string nameOf(int i)
{
    return "n" + std::to_string(i);
}

class Cluster {
public:
    TimePoint now{};
    std::vector<std::unique_ptr<TestDelegate>> delegates;
    std::vector<std::unique_ptr<Engine>> engines;
    bool linksDown = false; // pump() drops every packet and fails every stream

    explicit Cluster(int n, Profile profile = Profile::Lan, std::uint64_t seed = 1,
                     void (*tweak)(Config &) = nullptr)
    {
        for (int i = 0; i < n; ++i)
            add(profile, seed + static_cast<std::uint64_t>(i), tweak);
    }

    Engine &add(Profile profile, std::uint64_t seed, void (*tweak)(Config &) = nullptr)
    {
        const int i = static_cast<int>(engines.size());
        Config c = Config::forProfile(profile);
        c.name = nameOf(i);
        c.advertise = endpointOf(i);
        if (tweak)
            tweak(c);
        delegates.push_back(std::make_unique<TestDelegate>());
        engines.push_back(std::make_unique<Engine>(c, seed, delegates.back().get()));
        engines.back()->start(now);
        return *engines.back();
    }

    Engine &operator[](int i) { return *engines[static_cast<std::size_t>(i)]; }
    int indexOf(const wire::Endpoint &ep) const
    {
        for (std::size_t i = 0; i < engines.size(); ++i)
            if (endpointOf(static_cast<int>(i)) == ep)
                return static_cast<int>(i);
        return -1;
    }

    // Serves an OpenStream from engine `from` synchronously at `now`.
    void serve(int from, const OpenStream &open)
    {
        const int to = indexOf(open.to);
        if (to < 0) {
            (*this)[from].handleStreamReply(now, open.id, wire::Error{"connection refused"});
            return;
        }
        auto reply = (*this)[to].handleStreamRequest(now, endpointOf(from), open.request);
        if (reply)
            (*this)[from].handleStreamReply(now, open.id, *reply);
        else if (!open.expectsReply)
            (*this)[from].handleStreamReply(now, open.id, wire::Message{wire::UserMsg{}});
        else
            (*this)[from].handleStreamReply(now, open.id, wire::Error{"closed without reply"});
    }

    // Joins every engine to every lower-numbered one, then forgets all effects, so each
    // engine knows the whole cluster as alive at incarnation 1.
    void connectAll()
    {
        for (int i = 1; i < size(); ++i) {
            std::vector<wire::Endpoint> seeds;
            for (int j = 0; j < i; ++j)
                seeds.push_back(endpointOf(j));
            (*this)[i].join(now, seeds);
            for (const OpenStream &open : only<OpenStream>((*this)[i].drainEffects()))
                serve(i, open);
        }
        for (auto &e : engines)
            e->drainEffects();
    }

    int size() const { return static_cast<int>(engines.size()); }

    void deliver(int from, const SendPacket &p)
    {
        const int to = indexOf(p.to);
        QVERIFY2(to >= 0, "packet to an unknown address");
        (*this)[to].handlePacket(now, endpointOf(from), partsOf(p));
    }

    // Runs engine i's timers (only its own; the others stand still) until an effect
    // matching `pred` appears or `limit` virtual time passes. Returns every effect seen.
    template <class Pred> std::vector<Effect> runUntil(int i, Pred pred, Duration limit = 120s)
    {
        std::vector<Effect> seen;
        const TimePoint end = now + limit;
        while (auto next = (*this)[i].nextDeadline()) {
            if (*next > end)
                break;
            now = std::max(now, *next);
            (*this)[i].handleTimeout(now);
            bool hit = false;
            for (Effect &e : (*this)[i].drainEffects()) {
                hit = hit || pred(e);
                seen.push_back(std::move(e));
            }
            if (hit)
                return seen;
        }
        return seen;
    }

    // Delivers every pending packet and stream of every engine at once (zero latency),
    // until all are quiet. Effects of engine `watch` are returned. Fails a livelock.
    std::vector<Effect> pump(int watch)
    {
        std::vector<Effect> seen;
        for (int rounds = 0; rounds < 10000; ++rounds) {
            bool any = false;
            for (int i = 0; i < size(); ++i) {
                for (Effect &e : (*this)[i].drainEffects()) {
                    any = true;
                    if (const auto *p = std::get_if<SendPacket>(&e); p && indexOf(p->to) >= 0) {
                        if (!linksDown)
                            deliver(i, *p);
                    } else if (const auto *o = std::get_if<OpenStream>(&e)) {
                        if (linksDown)
                            (*this)[i].handleStreamReply(now, o->id, wire::Error{"unreachable"});
                        else
                            serve(i, *o);
                    }
                    if (i == watch)
                        seen.push_back(std::move(e));
                }
            }
            if (!any)
                return seen;
        }
        qFatal("harness: the cluster never went quiet (livelock?)");
        return seen;
    }

    // Runs every engine's timers in time order with pump() after each, until `pred` holds
    // for an effect of engine `watch` or `limit` passes.
    template <class Pred> std::vector<Effect> runAll(int watch, Pred pred, Duration limit = 120s)
    {
        std::vector<Effect> seen;
        const TimePoint end = now + limit;
        for (;;) {
            int next = -1;
            for (int i = 0; i < size(); ++i) {
                auto d = (*this)[i].nextDeadline();
                if (d && *d <= end && (next < 0 || *d < *(*this)[next].nextDeadline()))
                    next = i;
            }
            if (next < 0)
                return seen;
            now = std::max(now, *(*this)[next].nextDeadline());
            (*this)[next].handleTimeout(now);
            bool hit = false;
            for (Effect &e : pump(watch)) {
                hit = hit || pred(e);
                seen.push_back(std::move(e));
            }
            if (hit)
                return seen;
        }
    }

    std::vector<Effect> runUntilPing(int i)
    {
        return runUntil(i, [](const Effect &e) {
            const auto *p = std::get_if<SendPacket>(&e);
            return p && firstOf<wire::Ping>(*p);
        });
    }
};

inline wire::Alive aliveOf(int i, std::uint32_t inc)
{
    return wire::Alive{inc, nameOf(i),         endpointOf(i).ip, endpointOf(i).port,
                       {},  {1, 5, 2, 0, 0, 0}};
}

} // namespace grapevine::protocol::testing
