// pcap_file.h — reads pcap and pcapng files through libpcap (pcap_open_offline knows both,
// every byte order and both timestamp resolutions), one frame at a time.
// Owns: the pcap_t handle and the FILE it reads. Timestamps come out in nanoseconds.
// Never: writes, opens sockets, or throws; a damaged file gives an Error after the frames
// that could be read (libpcap's own words: "truncated dump file; tried to read …").
#pragma once

#include "core/capture/captured_frame.h"
#include "core/wire/result.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

struct pcap; // libpcap's pcap_t, kept out of every includer

namespace grapevine::capture {

class PcapFile {
public:
    ~PcapFile();
    PcapFile(const PcapFile &) = delete;
    PcapFile &operator=(const PcapFile &) = delete;

    // Errors: the file cannot be opened, or it is not pcap/pcapng ("unknown file format").
    static wire::Result<std::unique_ptr<PcapFile>> open(const std::string &path);
    // Reads from an already open stream (a memory buffer through fmemopen, for the fuzzer);
    // takes ownership of `file`.
    static wire::Result<std::unique_ptr<PcapFile>> openStream(std::FILE *file, std::uint64_t size);

    enum class Status { Frame, End, Failed };
    // Frame: `out` holds the next frame. End: the file ended cleanly. Failed: error() says
    // why (truncated or corrupt); nothing more can be read.
    Status next(CapturedFrame &out);

    [[nodiscard]] int linkType() const { return m_linkType; }
    [[nodiscard]] const std::string &error() const { return m_error; }
    // Bytes read so far and the file's size, for a progress bar.
    [[nodiscard]] std::uint64_t position() const;
    [[nodiscard]] std::uint64_t size() const { return m_size; }

private:
    PcapFile(pcap *handle, std::uint64_t size);

    pcap *m_handle = nullptr;
    int m_linkType = 0;
    std::uint64_t m_size = 0;
    std::uint64_t m_frames = 0;
    std::string m_error;
};

} // namespace grapevine::capture
