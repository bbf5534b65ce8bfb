// capture_interfaces.h — the interfaces a LiveTap can open, as libpcap lists them
// (pcap_findalldevs): name, description, addresses, and whether it is the loopback. The tap
// dialog shows them; nothing here opens an interface or needs capture rights.
#pragma once

#include "core/wire/result.h"

#include <string>
#include <vector>

namespace grapevine::capture {

struct CaptureInterface {
    std::string name;                   // what LiveTap::open takes ("eth0", "lo", "any")
    std::string description;            // libpcap's, often empty on Linux
    std::vector<std::string> addresses; // IPv4 and IPv6, numeric
    bool loopback = false;
    bool up = false;
};

// Every capture interface libpcap knows, in its order (up and running ones first).
// Error: libpcap's reason when it cannot list them.
wire::Result<std::vector<CaptureInterface>> listCaptureInterfaces();

} // namespace grapevine::capture
