#include "death_watch.h"

namespace grapevine::sim {

DeathWatch::DeathWatch(const Recorder &recorder, NodeId subject, std::size_t nodes)
    : m_recorder(recorder)
    , m_subject(subject)
    , m_next(recorder.deaths().size())
    , m_seen(nodes, false)
{
}

int DeathWatch::update()
{
    const auto &deaths = m_recorder.deaths();
    for (; m_next < deaths.size(); ++m_next) {
        const DeathRecord &d = deaths[m_next];
        if (d.subject != m_subject || m_seen[d.observer])
            continue;
        m_seen[d.observer] = true;
        ++m_count;
        m_first = m_first.value_or(d.at);
        m_last = d.at;
    }
    return m_count;
}

} // namespace grapevine::sim
