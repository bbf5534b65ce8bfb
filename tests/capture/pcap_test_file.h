// pcap_test_file.h — writes classic pcap files with libpcap itself (pcap_dump), so the
// reading side is tested on files made the way tcpdump makes them.
#pragma once

#include "core/capture/captured_frame.h"

#include <pcap/pcap.h>

#include <string>
#include <vector>

namespace grapevine::capture::testing {

inline bool writePcap(const std::string &path, int linkType,
                      const std::vector<CapturedFrame> &frames)
{
    pcap_t *dead =
        pcap_open_dead_with_tstamp_precision(linkType, 262144, PCAP_TSTAMP_PRECISION_NANO);
    if (dead == nullptr)
        return false;
    pcap_dumper_t *dumper = pcap_dump_open(dead, path.c_str());
    if (dumper == nullptr) {
        pcap_close(dead);
        return false;
    }
    for (const CapturedFrame &frame : frames) {
        pcap_pkthdr header{};
        header.ts.tv_sec = frame.timeNs / 1'000'000'000;
        header.ts.tv_usec = frame.timeNs % 1'000'000'000; // nanoseconds in a nano file
        header.caplen = static_cast<bpf_u_int32>(frame.bytes.size());
        header.len = frame.originalLength;
        pcap_dump(reinterpret_cast<u_char *>(dumper), &header, frame.bytes.data());
    }
    pcap_dump_close(dumper);
    pcap_close(dead);
    return true;
}

} // namespace grapevine::capture::testing
