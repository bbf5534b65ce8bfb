// member_record.h — what the engine stores per member (memberlist nodeState), kept small:
// the simulator holds thousands of engines that each know thousands of members.
// Never handed out: queries copy it into a MemberInfo.
#pragma once

#include "config.h"
#include "shared_message.h"
#include "core/wire/messages.h"

#include <cstdint>
#include <string>

namespace grapevine::protocol {

struct MemberRecord {
    // The alive last applied: name, address, port and meta are read from it. Shared with the
    // broadcast queue (and, in the simulator, with every engine that holds the same alive),
    // so a record need not own copies. Never null once in the table.
    SharedMessage alive;
    TimePoint stateChange{};
    std::uint32_t incarnation = 0; // may move past alive's (suspect, dead, refute)
    wire::NodeState state = wire::NodeState::Dead;
    // The last 6-byte Vsn seen (a shorter one never replaces it) is kept by the table
    // (MemberTable::vsnOf): most members share a few values, so a record holds its index
    // there and, for the sends that choose by it, the maximum protocol. A stored Vsn never
    // has a zero maximum protocol (such alives are refused), so pmax tells whether there is
    // one. The last probe's RTT and a running suspicion, rare, live beside the table too.
    std::uint8_t pmax = 0;
    std::uint16_t vsnIndex = 0; // MemberTable's; 0: none

    [[nodiscard]] bool hasVsn() const { return pmax != 0; }
    [[nodiscard]] const wire::Alive &identity() const { return std::get<wire::Alive>(*alive); }
    [[nodiscard]] const std::string &name() const { return identity().node; }
    [[nodiscard]] const wire::SmallBytes &addr() const { return identity().addr; }
    [[nodiscard]] std::uint16_t port() const { return identity().port; }
    [[nodiscard]] const wire::Bytes &meta() const { return identity().meta; }
    // Byte-wise, as Go compares addresses.
    [[nodiscard]] bool at(const wire::SmallBytes &ip, std::uint16_t p) const
    {
        return port() == p && addr() == ip;
    }
    // An alive with this incarnation and address would change nothing here.
    [[nodiscard]] bool holds(std::uint32_t inc, const wire::SmallBytes &ip, std::uint16_t p) const
    {
        return inc <= incarnation && at(ip, p);
    }
    // The same for an alive that arrived as a shared message: when it is the very object
    // applied here (the simulator's engines share them), its address is ours without
    // reading it (a cache miss per re-gossiped alive in a join storm).
    [[nodiscard]] bool holds(const wire::Alive &a, const SharedMessage *origin) const
    {
        if (origin && origin->get() == alive.get())
            return a.incarnation <= incarnation;
        return holds(a.incarnation, a.addr, a.port);
    }
    [[nodiscard]] bool deadOrLeft() const
    {
        return state == wire::NodeState::Dead || state == wire::NodeState::Left;
    }
    [[nodiscard]] bool live() const
    {
        return state == wire::NodeState::Alive || state == wire::NodeState::Suspect;
    }
    [[nodiscard]] wire::Endpoint endpoint() const { return wire::Endpoint{addr().toBytes(), port()}; }
};

// Three to a cache line on 64-bit targets: the simulator holds 10^8 of them at 10,000 nodes.
static_assert(sizeof(void *) != 8 || sizeof(MemberRecord) <= 24);

} // namespace grapevine::protocol
