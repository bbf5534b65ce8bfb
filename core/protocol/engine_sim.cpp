// engine_sim.cpp — the simulator's seam into the engine (engine_sim.h). The only engine code
// that hands the store messages shared between engines; the rules see plain wire messages.
#include "engine_sim.h"
#include "engine_impl.h"

namespace grapevine::protocol {

std::unique_ptr<Engine> EngineSim::make(Config config, std::uint64_t seed, Delegate *delegate,
                                        const SharedArena &arena)
{
    return std::unique_ptr<Engine>(new Engine(std::move(config), seed, delegate, &arena));
}

void EngineSim::adoptMembers(Engine &engine, TimePoint now,
                             const std::vector<SharedMessage> &alives)
{
    Engine::Impl &d = *engine.m_impl;
    if (!d.started || d.left)
        return;
    d.members.reserve(std::size_t(d.members.size()) + alives.size());
    for (const SharedMessage &alive : alives) {
        if (const auto *a = std::get_if<wire::Alive>(alive.get())) {
            const MemberTable::Arriving arriving(d.members, alive);
            d.onAlive(now, *a, false, false);
        }
    }
}

void EngineSim::handlePacket(Engine &engine, TimePoint now, const wire::Endpoint &from,
                             const std::vector<wire::Message> &messages,
                             const std::vector<SharedMessage> &piggyback)
{
    Engine::Impl &d = *engine.m_impl;
    if (!d.started)
        return;
    d.handlePacket(now, from, messages);
    // Then the piggybacked broadcasts, but for the alives applied already. Applied alives
    // always carry a port that portOrOwn() keeps, so the store would have taken them for the
    // arriving object, and since then the record's incarnation has only grown: holds() in
    // onAlive would have dropped them the same way.
    d.members.forEachNews(piggyback, [&](const SharedMessage &m) {
        const MemberTable::Arriving arriving(d.members, m);
        d.handleMessage(now, from, *m);
    });
}

void EngineSim::prefetch(const Engine &engine)
{
    // The fields every event reads, by name (engine_impl.h keeps them together, first).
    const Engine::Impl &d = *engine.m_impl;
    __builtin_prefetch(&d.started);
    d.members.prefetchFields();
}

void EngineSim::prefetchDeep(const Engine &engine)
{
    engine.m_impl->timers.prefetch();
    engine.m_impl->members.prefetchApplied();
}

} // namespace grapevine::protocol
