#include "core/capture/pcap_file.h"

#include <pcap/pcap.h>

#include <sys/stat.h>

#include <limits>

namespace grapevine::capture {

PcapFile::PcapFile(pcap *handle, std::uint64_t size)
    : m_handle(handle)
    , m_linkType(pcap_datalink(handle))
    , m_size(size)
{
}

PcapFile::~PcapFile()
{
    pcap_close(m_handle); // also closes the FILE it read from
}

wire::Result<std::unique_ptr<PcapFile>> PcapFile::open(const std::string &path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return wire::makeError(path + ": cannot open (no such file or no permission)");
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap *handle =
        pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, error);
    if (handle == nullptr)
        return wire::makeError(path + ": " + error);
    return std::unique_ptr<PcapFile>(new PcapFile(handle, std::uint64_t(info.st_size)));
}

wire::Result<std::unique_ptr<PcapFile>> PcapFile::openStream(std::FILE *file, std::uint64_t size)
{
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap *handle =
        pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_NANO, error);
    if (handle == nullptr) {
        std::fclose(file);
        return wire::makeError(error);
    }
    return std::unique_ptr<PcapFile>(new PcapFile(handle, size));
}

namespace {

// A timestamp in nanoseconds since the epoch. A file may claim any time (pcapng's 64-bit
// stamps with a coarse resolution reach past year 2262): such times saturate instead of
// overflowing, so the frame is still decoded, only its time is pinned to the limit.
std::int64_t nanosecondsOf(const timeval &ts)
{
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(std::int64_t(ts.tv_sec), std::int64_t(1'000'000'000), &ns) ||
        __builtin_add_overflow(ns, std::int64_t(ts.tv_usec), &ns))
        return ts.tv_sec < 0 ? std::numeric_limits<std::int64_t>::min()
                             : std::numeric_limits<std::int64_t>::max();
    return ns;
}

} // namespace

PcapFile::Status PcapFile::next(CapturedFrame &out)
{
    if (!m_error.empty())
        return Status::Failed;
    pcap_pkthdr *header = nullptr;
    const u_char *data = nullptr;
    const int result = pcap_next_ex(m_handle, &header, &data);
    if (result == PCAP_ERROR_BREAK)
        return Status::End;
    if (result != 1) {
        m_error = "after frame " + std::to_string(m_frames) + ": " + pcap_geterr(m_handle);
        return Status::Failed;
    }
    ++m_frames;
    out.number = m_frames;
    out.timeNs = nanosecondsOf(header->ts);
    // pcapng files may change the link type per interface; libpcap reports the first one's.
    out.linkType = m_linkType;
    out.originalLength = header->len;
    out.bytes.assign(data, data + header->caplen);
    return Status::Frame;
}

std::uint64_t PcapFile::position() const
{
    std::FILE *file = pcap_file(m_handle);
    const long at = file != nullptr ? std::ftell(file) : -1;
    return at < 0 ? 0 : std::uint64_t(at);
}

} // namespace grapevine::capture
