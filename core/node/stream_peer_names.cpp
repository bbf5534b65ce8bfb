// stream_peer_names.cpp — see the header.
#include "stream_peer_names.h"

namespace grapevine {

void StreamPeerNames::resolve(PacketTrace *trace)
{
    if (trace->channel != TraceChannel::Tcp)
        return;
    if (trace->direction == Direction::In) {
        // The one request of a new stream (or a reply on a stream we opened): it alone says
        // who is at this endpoint now, even when it says nothing (a port used again).
        QStringList names;
        for (const QString &name : std::as_const(trace->senderHints))
            if (name != m_self && !names.contains(name))
                names << name;
        remember(trace->peer, names);
    }
    const QStringList names = m_byEndpoint.value(trace->peer);
    if (names.size() == 1)
        trace->peerName = names.first();
    else if (names.size() > 1)
        trace->peerCandidates = names;
}

void StreamPeerNames::remember(const QString &endpoint, const QStringList &names)
{
    if (names.isEmpty()) {
        m_byEndpoint.remove(endpoint); // the order entry expires with the others
        return;
    }
    if (!m_byEndpoint.contains(endpoint))
        m_order.push_back(endpoint);
    m_byEndpoint.insert(endpoint, names);
    while (int(m_order.size()) > kMaxStreams) {
        m_byEndpoint.remove(m_order.front());
        m_order.pop_front();
    }
}

} // namespace grapevine
