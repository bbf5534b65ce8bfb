#include "core/capture/live_tap.h"

#include <pcap/pcap.h>
#include <poll.h>

namespace grapevine::capture {

namespace {

constexpr int kSnapLength = 262144;
constexpr int kReadTimeoutMs = 200;
constexpr int kBufferBytes = 8 << 20; // room for a burst of gossip while the reader is busy

std::string activationError(pcap *handle, int status, const std::string &interface,
                            const std::string &program)
{
    switch (status) {
    case PCAP_ERROR_PERM_DENIED:
        return LiveTap::rightsAdvice(interface, program);
    case PCAP_ERROR_NO_SUCH_DEVICE:
        return "tap " + interface + ": no such interface (`ip link` lists them)";
    case PCAP_ERROR_IFACE_NOT_UP:
        return "tap " + interface + ": the interface is down";
    default:
        return "tap " + interface + ": " + pcap_geterr(handle);
    }
}

} // namespace

std::string LiveTap::rightsAdvice(const std::string &interface, const std::string &program)
{
    return "tap " + interface +
           ": not permitted to capture packets. Capturing needs the capabilities CAP_NET_RAW "
           "and CAP_NET_ADMIN: run as root, or give them to the program once with\n  sudo "
           "setcap cap_net_raw,cap_net_admin+eip \"$(command -v " +
           program + ")\"\n(never make it setuid; the tap only reads, it sends nothing)";
}

std::string LiveTap::filterFor(const std::set<std::uint16_t> &ports)
{
    if (ports.empty())
        return "udp or tcp";
    std::string filter;
    for (std::uint16_t port : ports) {
        const std::string p = std::to_string(port);
        if (!filter.empty())
            filter += " or ";
        filter.append("udp port ").append(p).append(" or tcp port ").append(p);
    }
    return filter;
}

LiveTap::LiveTap(pcap *handle)
    : m_handle(handle)
    , m_linkType(pcap_datalink(handle))
{
}

LiveTap::~LiveTap()
{
    pcap_close(m_handle);
}

wire::Result<std::unique_ptr<LiveTap>> LiveTap::open(const std::string &interface,
                                                     const std::set<std::uint16_t> &ports,
                                                     const std::string &program)
{
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap *handle = pcap_create(interface.c_str(), error);
    if (handle == nullptr)
        return wire::makeError("tap " + interface + ": " + error);
    pcap_set_snaplen(handle, kSnapLength);
    pcap_set_promisc(handle, 0); // the host's own traffic and what reaches it; nothing more
    pcap_set_immediate_mode(handle, 1);
    pcap_set_timeout(handle, kReadTimeoutMs);
    pcap_set_buffer_size(handle, kBufferBytes);
    pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO);
    const int status = pcap_activate(handle);
    if (status < 0) {
        std::string reason = activationError(handle, status, interface, program);
        pcap_close(handle);
        return wire::makeError(std::move(reason));
    }
    // Non-blocking, with our own poll in next(): libpcap's read timeout on Linux is only a
    // buffering hint, and a blocking read with no traffic never returns — a window closing
    // or a Ctrl-C would then wait for the next gossip packet, possibly forever.
    char nonblockError[PCAP_ERRBUF_SIZE] = {};
    if (pcap_setnonblock(handle, 1, nonblockError) != 0) {
        pcap_close(handle);
        return wire::makeError("tap " + interface + ": " + nonblockError);
    }
    auto tap = std::unique_ptr<LiveTap>(new LiveTap(handle));
    bpf_program compiled{};
    const std::string filter = filterFor(ports);
    if (pcap_compile(handle, &compiled, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0 ||
        pcap_setfilter(handle, &compiled) != 0) {
        std::string reason =
            "tap " + interface + ": filter \"" + filter + "\": " + pcap_geterr(handle);
        pcap_freecode(&compiled);
        return wire::makeError(std::move(reason));
    }
    pcap_freecode(&compiled);
    return tap;
}

LiveTap::Status LiveTap::next(CapturedFrame &out)
{
    pcap_pkthdr *header = nullptr;
    const u_char *data = nullptr;
    int result = pcap_next_ex(m_handle, &header, &data);
    if (result == 0) { // nothing buffered: wait for the socket, at most the read timeout
        pollfd ready{pcap_get_selectable_fd(m_handle), POLLIN, 0};
        (void)::poll(&ready, 1, kReadTimeoutMs); // a signal (EINTR) counts as a timeout
        result = pcap_next_ex(m_handle, &header, &data);
    }
    if (result == 0)
        return Status::Timeout;
    if (result != 1) {
        m_error = pcap_geterr(m_handle);
        return Status::Failed;
    }
    ++m_frames;
    out.number = m_frames;
    out.timeNs = std::int64_t(header->ts.tv_sec) * 1'000'000'000 + header->ts.tv_usec;
    out.linkType = m_linkType;
    out.originalLength = header->len;
    out.bytes.assign(data, data + header->caplen);
    return Status::Frame;
}

std::uint64_t LiveTap::dropped() const
{
    pcap_stat stats{};
    if (pcap_stats(m_handle, &stats) != 0)
        return 0;
    return stats.ps_drop;
}

} // namespace grapevine::capture
