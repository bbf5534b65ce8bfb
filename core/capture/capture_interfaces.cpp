#include "core/capture/capture_interfaces.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <sys/socket.h>

namespace grapevine::capture {

namespace {

// The numeric form of an IPv4 or IPv6 socket address; empty for other families (packet,
// link-layer), which say nothing a user picks an interface by.
std::string numericAddress(const sockaddr *address)
{
    if (address == nullptr)
        return {};
    char text[INET6_ADDRSTRLEN] = {};
    if (address->sa_family == AF_INET) {
        const auto *v4 = reinterpret_cast<const sockaddr_in *>(address);
        return ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text) ? text : "";
    }
    if (address->sa_family == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(address);
        return ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text) ? text : "";
    }
    return {};
}

CaptureInterface describe(const pcap_if_t &device)
{
    CaptureInterface out;
    out.name = device.name;
    out.description = device.description ? device.description : "";
    out.loopback = (device.flags & PCAP_IF_LOOPBACK) != 0;
    out.up = (device.flags & PCAP_IF_UP) != 0 && (device.flags & PCAP_IF_RUNNING) != 0;
    for (const pcap_addr_t *a = device.addresses; a != nullptr; a = a->next) {
        std::string text = numericAddress(a->addr);
        if (!text.empty())
            out.addresses.push_back(std::move(text));
    }
    return out;
}

} // namespace

wire::Result<std::vector<CaptureInterface>> listCaptureInterfaces()
{
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t *devices = nullptr;
    if (pcap_findalldevs(&devices, error) != 0)
        return wire::makeError(std::string("cannot list the capture interfaces: ") + error);
    std::vector<CaptureInterface> out;
    for (const pcap_if_t *d = devices; d != nullptr; d = d->next)
        out.push_back(describe(*d));
    pcap_freealldevs(devices);
    return out;
}

} // namespace grapevine::capture
