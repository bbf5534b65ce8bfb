// member_record.h — what the engine stores per member (memberlist nodeState), kept small:
// the simulator holds thousands of engines that each know thousands of members.
// Never handed out: queries copy it into a MemberInfo.
#pragma once

#include "core/protocol/config.h"
#include "core/wire/messages.h"
#include "shared_message.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace grapevine::protocol {

// Two words: the alive that describes the member, with its state in the pointer's tag, and
// when that state began. Everything else memberlist's nodeState holds is the alive's:
// name, address, port, meta, the incarnation and the last full Vsn. When the member's
// incarnation moves past its alive's (a suspect or dead claim about a later one, or our
// own refutation) or an alive without a full Vsn is applied, the engine gives the record a
// copy of its alive with the incarnation or Vsn kept (Engine::Impl::setIncarnation,
// applyAlive): rare, and interned in the simulator, so it costs nothing per pair. The last
// probe's RTT and a running suspicion, rare too, live beside the table (MemberTable).
struct MemberRecord {
    // Shared with the broadcast queue (and, in the simulator, with every engine that holds the
    // same alive), so a record need not own copies. Never null once in the table. Changed
    // only through MemberTable (apply, setState).
    TaggedMessage alive;
    TimePoint stateChange{};

    [[nodiscard]] wire::NodeState state() const { return wire::NodeState(alive.tag()); }
    [[nodiscard]] const wire::Alive &identity() const { return std::get<wire::Alive>(*alive); }
    [[nodiscard]] std::uint32_t incarnation() const { return identity().incarnation; }
    [[nodiscard]] const std::string &name() const { return identity().node; }
    [[nodiscard]] const wire::SmallBytes &addr() const { return identity().addr; }
    [[nodiscard]] std::uint16_t port() const { return identity().port; }
    [[nodiscard]] const wire::Bytes &meta() const { return identity().meta; }
    // The last 6-byte Vsn seen (a shorter one never replaces it). A stored Vsn never has a
    // zero maximum protocol (such alives are refused), so pmax() tells whether there is one.
    [[nodiscard]] bool hasVsn() const { return identity().vsn.size() >= 6; }
    // pmin pmax pcur dmin dmax dcur; all zero when there is none.
    [[nodiscard]] std::array<std::uint8_t, 6> vsn() const
    {
        std::array<std::uint8_t, 6> v{};
        if (hasVsn())
            std::copy_n(identity().vsn.begin(), v.size(), v.begin());
        return v;
    }
    [[nodiscard]] std::uint8_t pmax() const { return hasVsn() ? identity().vsn[1] : 0; }

    // Byte-wise, as Go compares addresses.
    [[nodiscard]] bool at(const wire::SmallBytes &ip, std::uint16_t p) const
    {
        return port() == p && addr() == ip;
    }
    // An alive with this incarnation and address would change nothing here.
    [[nodiscard]] bool holds(std::uint32_t inc, const wire::SmallBytes &ip, std::uint16_t p) const
    {
        return inc <= incarnation() && at(ip, p);
    }
    [[nodiscard]] bool deadOrLeft() const
    {
        return state() == wire::NodeState::Dead || state() == wire::NodeState::Left;
    }
    [[nodiscard]] bool live() const
    {
        return state() == wire::NodeState::Alive || state() == wire::NodeState::Suspect;
    }
    [[nodiscard]] wire::Endpoint endpoint() const
    {
        return wire::Endpoint{addr().toBytes(), port()};
    }
};

// Two words on 64-bit targets: the simulator holds 10^8 of them at 10,000 nodes.
static_assert(sizeof(void *) != 8 || sizeof(MemberRecord) <= 16);
static_assert(TaggedMessage::kTagBits >= 2, "four states fit the tag");

} // namespace grapevine::protocol
