// config.h — every tunable of the membership engine, with memberlist's three presets.
// Follows memberlist config.go (DefaultLocalConfig / DefaultLANConfig / DefaultWANConfig);
// see shared/reference/memberlist-wire.md §8.1 for the values and their reasons.
#pragma once

#include "core/wire/endpoint.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace grapevine::protocol {

using Duration = std::chrono::nanoseconds;
// Monotonic time since an arbitrary epoch chosen by the caller (real or virtual clock).
using TimePoint = std::chrono::nanoseconds;

enum class Profile { Local, Lan, Wan };
std::optional<Profile> parseProfile(std::string_view text); // "local" | "lan" | "wan"
const char *profileName(Profile profile);

struct Config {
    std::string name;
    wire::Endpoint advertise; // our address as announced (4-byte IPv4 preferred)

    Duration tcpTimeout = std::chrono::seconds(10);
    int indirectChecks = 3;
    int retransmitMult = 4;
    int suspicionMult = 4;
    int suspicionMaxTimeoutMult = 6;
    Duration pushPullInterval = std::chrono::seconds(30);
    Duration probeInterval = std::chrono::seconds(1);
    Duration probeTimeout = std::chrono::milliseconds(500);
    bool disableTcpPings = false;
    int awarenessMaxMultiplier = 8;
    int gossipNodes = 3;
    Duration gossipInterval = std::chrono::milliseconds(200);
    Duration gossipToTheDeadTime = std::chrono::seconds(30);
    Duration deadNodeReclaimTime = Duration::zero(); // zero = never
    int handoffQueueDepth = 1024;
    // Grapevine addition (Serf's reconnect, not memberlist): this often, push/pull with one
    // random member we hold as dead (never left). A node across a healed partition then
    // hears it was declared dead and refutes, which joins both sides again. memberlist
    // alone never heals such a split. Zero = off. Presets: GossipToTheDeadTime / 3, so a
    // dead member is tried a few times before it is reaped.
    Duration reconnectInterval = std::chrono::seconds(10);
    // Grapevine addition (Serf's ReconnectTimeout, 24 h in every preset): a member reaped
    // while dead (never one that left) stays a reconnect target this long, so a partition
    // longer than GossipToTheDeadTime still heals. Zero = keep none.
    Duration reconnectTimeout = std::chrono::hours(24);
    // At most this many reaped members are remembered; beyond it the oldest is dropped. Why a
    // bound: a day of churn (or a flood of made-up names declared dead) must not grow memory
    // without limit, and the oldest failures are the least likely to come back.
    int reconnectListLimit = 1024;
    int udpBufferSize = 1400;

    std::uint8_t protocolVersion = 2;                     // spoken; we advertise min 1, max 5
    std::array<std::uint8_t, 3> delegateVersion{0, 0, 0}; // dmin dmax dcur

    // Bytes the transport adds around every packet (encryption 29, label 2 + len): the
    // piggyback budget shrinks by this much, as memberlist's does.
    int packetOverhead = 0;

    static Config forProfile(Profile profile);
    [[nodiscard]] std::array<std::uint8_t, 6> vsn() const;
};

} // namespace grapevine::protocol
