#include "core/capture/pcapng_writer.h"

#include <cstring>

namespace grapevine::capture {

namespace {

constexpr std::uint32_t kSectionHeader = 0x0a0d0d0a;
constexpr std::uint32_t kInterfaceDescription = 1;
constexpr std::uint32_t kEnhancedPacket = 6;
constexpr std::uint16_t kOptEnd = 0;
constexpr std::uint16_t kOptComment = 1;
constexpr std::uint16_t kShbUserAppl = 4;
constexpr std::uint16_t kIfTsresol = 9;
constexpr std::uint16_t kLinkTypeRaw = 101;

// pcapng is written in the host's byte order (the section header's magic says which).
template <class T> void put(wire::Bytes &b, T value)
{
    const auto *p = reinterpret_cast<const std::uint8_t *>(&value);
    b.insert(b.end(), p, p + sizeof value);
}

void pad32(wire::Bytes &b)
{
    while (b.size() % 4 != 0)
        b.push_back(0);
}

void putOption(wire::Bytes &b, std::uint16_t code, wire::ByteView value)
{
    put(b, code);
    put(b, static_cast<std::uint16_t>(value.size()));
    b.insert(b.end(), value.begin(), value.end());
    pad32(b);
}

void endOptions(wire::Bytes &b)
{
    put(b, kOptEnd);
    put(b, std::uint16_t{0});
}

} // namespace

PcapngWriter::~PcapngWriter()
{
    close();
}

wire::Result<bool> PcapngWriter::open(const std::string &path, const std::string &application)
{
    close();
    m_file = std::fopen(path.c_str(), "wb");
    if (m_file == nullptr)
        return wire::makeError(path + ": cannot write (" + std::strerror(errno) + ")");
    m_ok = true;
    wire::Bytes section;
    put(section, std::uint32_t{0x1a2b3c4d}); // byte-order magic
    put(section, std::uint16_t{1});          // version 1.0
    put(section, std::uint16_t{0});
    put(section, std::int64_t{-1}); // section length unknown
    putOption(section, kShbUserAppl, wire::toBytes(application));
    endOptions(section);
    wire::Bytes interface;
    put(interface, kLinkTypeRaw);
    put(interface, std::uint16_t{0});
    put(interface, std::uint32_t{0}); // no snap length
    putOption(interface, kIfTsresol, wire::Bytes{9});
    endOptions(interface);
    if (!writeBlock(kSectionHeader, section) || !writeBlock(kInterfaceDescription, interface))
        return wire::makeError(path + ": write failed");
    return true;
}

bool PcapngWriter::writePacket(std::int64_t timeNs, wire::ByteView ipPacket,
                               const std::string &comment)
{
    if (m_file == nullptr)
        return false;
    const auto ts = static_cast<std::uint64_t>(timeNs);
    wire::Bytes body;
    body.reserve(ipPacket.size() + 64 + comment.size());
    put(body, std::uint32_t{0}); // interface 0
    put(body, static_cast<std::uint32_t>(ts >> 32));
    put(body, static_cast<std::uint32_t>(ts));
    put(body, static_cast<std::uint32_t>(ipPacket.size()));
    put(body, static_cast<std::uint32_t>(ipPacket.size()));
    body.insert(body.end(), ipPacket.begin(), ipPacket.end());
    pad32(body);
    if (!comment.empty()) {
        putOption(body, kOptComment, wire::toBytes(comment));
        endOptions(body);
    }
    return writeBlock(kEnhancedPacket, body);
}

bool PcapngWriter::writeBlock(std::uint32_t type, const wire::Bytes &body)
{
    const auto total = static_cast<std::uint32_t>(body.size() + 12);
    wire::Bytes block;
    block.reserve(total);
    put(block, type);
    put(block, total);
    block.insert(block.end(), body.begin(), body.end());
    put(block, total);
    m_ok = m_ok && std::fwrite(block.data(), 1, block.size(), m_file) == block.size();
    return m_ok;
}

bool PcapngWriter::close()
{
    if (m_file == nullptr)
        return m_ok;
    m_ok = std::fclose(m_file) == 0 && m_ok;
    m_file = nullptr;
    return m_ok;
}

} // namespace grapevine::capture
