// relay_delegate.h — the tiny application the simulator runs on every engine.
// Owns: first-receipt times of user payloads, and the epidemic relay: a payload seen for the
// first time is queued again with Engine::broadcastUser (allowed from a delegate callback;
// never calls the engine's handle* methods). An eager push, which is a command that sends at
// once, is left to the simulator after the engine call returns (takeFresh()).
// Meta and push/pull user state are empty: the sim measures membership, not values.
#pragma once

#include "core/protocol/delegate.h"
#include "core/protocol/engine.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grapevine::sim {

class RelayDelegate final : public protocol::Delegate {
public:
    explicit RelayDelegate(bool relay = true, bool keepFresh = false)
        : m_relay(relay)
        , m_keepFresh(keepFresh)
    {
    }
    void attach(protocol::Engine *engine) { m_engine = engine; }

    wire::Bytes nodeMeta(std::size_t limit) override;
    void notifyUserMessage(protocol::TimePoint now, const wire::Endpoint &from,
                           wire::ByteView payload) override;
    wire::Bytes localState(bool join) override;
    void mergeRemoteState(protocol::TimePoint now, wire::ByteView state, bool join) override;

    // The origin of a payload has it from the start and must not relay its own echo.
    void markOrigin(protocol::TimePoint now, const wire::Bytes &payload);
    [[nodiscard]] std::optional<protocol::TimePoint> firstSeen(std::string_view payload) const;
    [[nodiscard]] std::uint64_t deliveries() const { return m_deliveries; }
    // Payloads first seen since the last call (for an eager push by the simulator).
    std::vector<wire::Bytes> takeFresh();
    [[nodiscard]] bool hasFresh() const { return !m_fresh.empty(); }

private:
    protocol::Engine *m_engine = nullptr;
    std::map<std::string, protocol::TimePoint, std::less<>> m_firstSeen;
    std::vector<wire::Bytes> m_fresh;
    std::uint64_t m_deliveries = 0;
    bool m_relay = true;
    bool m_keepFresh = false;
};

} // namespace grapevine::sim
