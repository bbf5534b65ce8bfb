// observation_count.h — grapevine-sim --observe's listener: counts every engine's
// observations by kind. It does what any listener must (receive each one, look at it) and
// no more, so a run with it against one without measures what observation itself costs.
#pragma once

#include "core/protocol/observation.h"

#include <array>
#include <cstdint>
#include <string>

namespace grapevine::simapp {

class ObservationCount : public protocol::Observer {
public:
    void observe(const protocol::Observation &observation) override;
    [[nodiscard]] std::uint64_t total() const;
    // "probe-sent=123 ack-received=120 …", kinds never seen left out.
    [[nodiscard]] std::string byKind() const;

private:
    static constexpr std::size_t kKinds = std::size_t(protocol::ObservationKind::HealthChanged) + 1;
    std::array<std::uint64_t, kKinds> m_counts{};
};

} // namespace grapevine::simapp
