// pcapng_writer.h — writes a pcapng file of raw IP packets with nanosecond timestamps and
// per-packet comments (libpcap 1.10 only writes classic pcap, which has neither).
// Owns: the section header, one LINKTYPE_RAW interface with if_tsresol = 9, and enhanced
// packet blocks. Never: decides what goes in a packet (see frame_builder.h, pcapng_export.h).
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/result.h"

#include <cstdio>
#include <string>

namespace grapevine::capture {

class PcapngWriter {
public:
    PcapngWriter() = default;
    ~PcapngWriter();
    PcapngWriter(const PcapngWriter &) = delete;
    PcapngWriter &operator=(const PcapngWriter &) = delete;

    // Creates (truncates) `path` and writes the headers. Error: the file cannot be written.
    wire::Result<bool> open(const std::string &path, const std::string &application);
    // One packet; `comment` (may be empty) shows in Wireshark's packet comments.
    bool writePacket(std::int64_t timeNs, wire::ByteView ipPacket, const std::string &comment = {});
    // Flushes and closes; false when a write failed on the way.
    bool close();

private:
    bool writeBlock(std::uint32_t type, const wire::Bytes &body);

    std::FILE *m_file = nullptr;
    bool m_ok = true;
};

} // namespace grapevine::capture
