// member_record.h — what the engine stores per member (memberlist nodeState), kept small:
// the simulator holds thousands of engines that each know thousands of members.
// Never handed out: queries copy it into a MemberInfo.
#pragma once

#include "config.h"
#include "suspicion.h"
#include "core/wire/messages.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace grapevine::protocol {

// An IP kept exactly as received (4 or 16 bytes; Go compares addresses byte-wise), inline
// so that comparing it on every received alive touches no other cache line.
class PackedIp {
public:
    PackedIp() = default;
    explicit PackedIp(const wire::Bytes &bytes) { assign(bytes); }
    void assign(const wire::Bytes &bytes)
    {
        m_len = static_cast<std::uint8_t>(std::min<std::size_t>(bytes.size(), m_bytes.size()));
        std::copy_n(bytes.begin(), m_len, m_bytes.begin());
    }
    [[nodiscard]] bool equals(const wire::Bytes &bytes) const
    {
        return bytes.size() == m_len && std::equal(bytes.begin(), bytes.end(), m_bytes.begin());
    }
    [[nodiscard]] wire::Bytes bytes() const { return wire::Bytes(m_bytes.begin(), m_bytes.begin() + m_len); }

private:
    std::array<std::uint8_t, 16> m_bytes{};
    std::uint8_t m_len = 0;
};

struct MemberRecord {
    std::string name;
    std::size_t nameHash = 0; // set by MemberTable
    PackedIp addr;
    std::uint16_t port = 0;
    wire::NodeState state = wire::NodeState::Dead;
    bool hasVsn = false;
    std::array<std::uint8_t, 6> vsn{};
    std::uint32_t incarnation = 0;
    wire::Bytes meta;
    TimePoint stateChange{};
    Duration rtt{-1}; // negative: never measured
    std::unique_ptr<Suspicion> suspicion;

    [[nodiscard]] bool deadOrLeft() const
    {
        return state == wire::NodeState::Dead || state == wire::NodeState::Left;
    }
    [[nodiscard]] bool live() const
    {
        return state == wire::NodeState::Alive || state == wire::NodeState::Suspect;
    }
    [[nodiscard]] std::uint8_t pmax() const { return vsn[1]; }
    [[nodiscard]] wire::Endpoint endpoint() const { return wire::Endpoint{addr.bytes(), port}; }
};

} // namespace grapevine::protocol
