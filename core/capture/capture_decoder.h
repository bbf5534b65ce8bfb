// capture_decoder.h — the whole capture path for one capture: frames in, decoded records
// out, the membership reconstructed on the way.
// Owns: the port filter, the link → UDP/TCP step, TCP reassembly, the datagram and stream
// decoders and the MembershipHistory, plus counters of what was seen.
// Never: reads files or sockets (PcapFile and the live tap feed it), reads a clock, or
// drops a frame meant for the gossip port without a record saying why.
// Call order: handleFrame() for each frame, drainRecords() whenever convenient, finish()
// once at the end (then drainRecords() again).
#pragma once

#include "core/capture/capture_record.h"
#include "core/capture/membership_history.h"
#include "core/capture/stream_tracker.h"
#include "core/capture/tcp_reassembler.h"
#include "core/wire/keyring.h"

#include <cstdint>
#include <set>
#include <vector>

namespace grapevine::capture {

struct DecodeOptions {
    wire::Keyring keyring;         // every key is tried, both encryption versions
    std::set<std::uint16_t> ports; // gossip ports; empty = every UDP/TCP packet
};

struct CaptureStats {
    std::uint64_t frames = 0;
    std::uint64_t otherFrames = 0;  // not UDP/TCP, or not to/from a gossip port
    std::uint64_t datagrams = 0;    // UDP records
    std::uint64_t streamFrames = 0; // TCP records
    std::uint64_t messages = 0;
    std::uint64_t undecodable = 0; // records with an error
};

class CaptureDecoder {
public:
    explicit CaptureDecoder(DecodeOptions options);

    void handleFrame(const CapturedFrame &frame);
    // End of capture: held TCP bytes and unfinished frames become records.
    void finish();
    std::vector<CaptureRecord> drainRecords();

    [[nodiscard]] const CaptureStats &stats() const { return m_stats; }
    [[nodiscard]] const MembershipHistory &membership() const { return m_membership; }

private:
    [[nodiscard]] bool wanted(const Segment &segment) const;
    void handleSegment(const Segment &segment);
    void publish(CaptureRecord record);

    DecodeOptions m_options;
    TcpReassembler m_reassembler;
    StreamTracker m_streams;
    MembershipHistory m_membership;
    CaptureStats m_stats;
    std::vector<CaptureRecord> m_records;
};

} // namespace grapevine::capture
