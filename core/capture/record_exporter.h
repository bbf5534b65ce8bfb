// record_exporter.h — writes decoded capture records (or a live node's packet log turned
// into records) to a pcapng file that Wireshark, tshark and grapevine-decode open again.
// Owns: one synthetic TCP sequence per direction so stream frames line up as a stream,
// splitting frames longer than one IP packet, and the "decrypted" choice: each packet is
// written as captured, or with the payload as the node saw it after decryption and a
// packet comment saying so.
// Never: writes link-layer frames (LINKTYPE_RAW) or records that never reached UDP/TCP.
#pragma once

#include "core/capture/capture_record.h"
#include "core/capture/pcapng_writer.h"
#include "core/capture/tcp_reassembler.h"

#include <map>

namespace grapevine::capture {

enum class ExportPayload { AsCaptured, Decrypted };

inline constexpr const char *kDecryptedComment = "grapevine: decrypted";

class RecordExporter {
public:
    explicit RecordExporter(ExportPayload payload);

    wire::Result<bool> open(const std::string &path);
    // False when the record has no UDP/TCP addresses (it is counted in skipped()).
    bool write(const CaptureRecord &record);
    bool close();

    [[nodiscard]] std::uint64_t written() const { return m_written; }
    [[nodiscard]] std::uint64_t skipped() const { return m_skipped; }

private:
    wire::Bytes payloadOf(const CaptureRecord &record, bool &decrypted) const;
    bool writeSegments(const CaptureRecord &record, const wire::Bytes &payload,
                       const std::string &comment);

    ExportPayload m_payload;
    PcapngWriter m_writer;
    std::map<FlowKey, std::uint32_t> m_nextSeq;
    std::uint64_t m_written = 0;
    std::uint64_t m_skipped = 0;
};

} // namespace grapevine::capture
