// config.cpp — memberlist's three presets (config.go), values as in memberlist-wire.md §8.1.
#include "config.h"

namespace grapevine::protocol {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

Config lanConfig()
{
    Config c; // the struct defaults are DefaultLANConfig
    c.advertise.port = 7946;
    return c;
}

// Tuned for a WAN: higher latency, so longer timeouts and fewer, larger gossip rounds.
Config wanConfig()
{
    Config c = lanConfig();
    c.tcpTimeout = seconds(30);
    c.suspicionMult = 6;
    c.pushPullInterval = seconds(60);
    c.probeTimeout = seconds(3);
    c.probeInterval = seconds(5);
    c.gossipNodes = 4;
    c.gossipInterval = milliseconds(500);
    c.gossipToTheDeadTime = seconds(60);
    c.reconnectInterval = seconds(20);
    return c;
}

// Tuned for loopback / one host: fast timeouts, fewer retransmits and indirect checks.
Config localConfig()
{
    Config c = lanConfig();
    c.tcpTimeout = seconds(1);
    c.indirectChecks = 1;
    c.retransmitMult = 2;
    c.suspicionMult = 3;
    c.pushPullInterval = seconds(15);
    c.probeTimeout = milliseconds(200);
    c.probeInterval = seconds(1);
    c.gossipInterval = milliseconds(100);
    c.gossipToTheDeadTime = seconds(15);
    c.reconnectInterval = seconds(5);
    return c;
}

} // namespace

std::optional<Profile> parseProfile(std::string_view text)
{
    if (text == "local")
        return Profile::Local;
    if (text == "lan")
        return Profile::Lan;
    if (text == "wan")
        return Profile::Wan;
    return std::nullopt;
}

const char *profileName(Profile profile)
{
    switch (profile) {
    case Profile::Local:
        return "local";
    case Profile::Lan:
        return "lan";
    case Profile::Wan:
        return "wan";
    }
    return "lan";
}

Config Config::forProfile(Profile profile)
{
    switch (profile) {
    case Profile::Local:
        return localConfig();
    case Profile::Lan:
        return lanConfig();
    case Profile::Wan:
        return wanConfig();
    }
    return lanConfig();
}

std::array<std::uint8_t, 6> Config::vsn() const
{
    // pmin, pmax, pcur, dmin, dmax, dcur (§7.1): we understand every protocol version 1..5.
    return {1, 5, protocolVersion, delegateVersion[0], delegateVersion[1], delegateVersion[2]};
}

} // namespace grapevine::protocol
