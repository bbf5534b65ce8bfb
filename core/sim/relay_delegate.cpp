#include "relay_delegate.h"

namespace grapevine::sim {

wire::Bytes RelayDelegate::nodeMeta(std::size_t /*limit*/)
{
    return {};
}

void RelayDelegate::notifyUserMessage(protocol::TimePoint now, const wire::Endpoint & /*from*/,
                                      wire::ByteView payload)
{
    ++m_deliveries;
    std::string key = wire::toString(payload);
    if (m_firstSeen.contains(key))
        return;
    m_firstSeen.emplace(key, now);
    if (!m_relay)
        return;
    wire::Bytes bytes(payload.begin(), payload.end());
    if (m_keepFresh)
        m_fresh.push_back(bytes);
    if (m_engine)
        m_engine->broadcastUser(std::move(bytes), std::move(key));
}

wire::Bytes RelayDelegate::localState(bool /*join*/)
{
    return {};
}

void RelayDelegate::mergeRemoteState(protocol::TimePoint /*now*/, wire::ByteView /*state*/,
                                     bool /*join*/)
{
}

void RelayDelegate::markOrigin(protocol::TimePoint now, const wire::Bytes &payload)
{
    m_firstSeen.emplace(wire::toString(payload), now);
}

std::optional<protocol::TimePoint> RelayDelegate::firstSeen(std::string_view payload) const
{
    auto it = m_firstSeen.find(payload);
    if (it == m_firstSeen.end())
        return std::nullopt;
    return it->second;
}

std::vector<wire::Bytes> RelayDelegate::takeFresh()
{
    return std::exchange(m_fresh, {});
}

} // namespace grapevine::sim
