// live_tap.h — passive live capture of a cluster's gossip through libpcap: the interface is
// opened for reading only, filtered in the kernel to the gossip ports, and frames come out
// exactly as PcapFile's do, for the same CaptureDecoder.
// Owns: the pcap_t handle. Never: sends a packet, opens a socket of its own, or asks for
// more rights than capturing needs — when they are missing, the error says exactly which
// (root, or `setcap cap_net_raw,cap_net_admin+eip` on the program); never setuid.
#pragma once

#include "core/capture/captured_frame.h"
#include "core/wire/result.h"

#include <memory>
#include <set>
#include <string>

struct pcap;

namespace grapevine::capture {

class LiveTap {
public:
    ~LiveTap();
    LiveTap(const LiveTap &) = delete;
    LiveTap &operator=(const LiveTap &) = delete;

    // `program` names the binary in the capture-rights advice ("grapevine-decode").
    // Errors: no such interface, no capture rights (with the fix), a bad filter.
    static wire::Result<std::unique_ptr<LiveTap>> open(const std::string &interface,
                                                       const std::set<std::uint16_t> &ports,
                                                       const std::string &program);

    enum class Status { Frame, Timeout, Failed };
    // Waits at most 200 ms for the next frame (less when a signal arrives), so a caller's
    // stop flag is seen promptly even when the interface is silent.
    Status next(CapturedFrame &out);

    [[nodiscard]] int linkType() const { return m_linkType; }
    [[nodiscard]] const std::string &error() const { return m_error; }
    // Frames the kernel dropped because we read too slowly (pcap_stats).
    [[nodiscard]] std::uint64_t dropped() const;

    // The BPF filter for `ports` ("udp port 7946 or tcp port 7946 …"); "udp or tcp" when empty.
    static std::string filterFor(const std::set<std::uint16_t> &ports);
    // What to do when capturing is not permitted.
    static std::string rightsAdvice(const std::string &interface, const std::string &program);

private:
    explicit LiveTap(pcap *handle);

    pcap *m_handle = nullptr;
    int m_linkType = 0;
    std::uint64_t m_frames = 0;
    std::string m_error;
};

} // namespace grapevine::capture
