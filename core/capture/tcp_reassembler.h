// tcp_reassembler.h — puts each direction of each captured TCP connection back in order.
// Owns: per-direction sequence tracking (from the SYN, or from the first segment seen when
// the capture started mid-connection), retransmission and overlap trimming, out-of-order
// buffering with a per-direction bound, and gap reports when bytes were never captured.
// Never: guesses missing bytes; a gap is delivered as a gap so the stream decoder can say
// why it stopped. Wraps at 2^32 like TCP does.
#pragma once

#include "core/capture/captured_frame.h"

#include <compare>
#include <map>
#include <vector>

namespace grapevine::capture {

struct FlowKey {
    wire::Endpoint from;
    wire::Endpoint to;
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=> (fixed in 15)
    auto operator<=>(const FlowKey &) const = default;
    bool operator==(const FlowKey &) const = default;
};

// In-order bytes of one direction, or the news that it ended or lost bytes.
struct StreamChunk {
    FlowKey flow;
    std::uint64_t frame = 0; // the frame that completed this chunk
    std::int64_t timeNs = 0;
    wire::Bytes bytes;
    std::uint64_t missingBefore = 0; // > 0: this many bytes were never captured before `bytes`
    bool opened = false;             // a SYN started this direction: nothing came before
    bool closed = false;             // FIN or RST: the direction is over
};

class TcpReassembler {
public:
    // Out-of-order bytes one direction may hold before the hole is declared a gap.
    static constexpr std::size_t kMaxPendingBytes = 1 << 20;
    // Directions followed at once. A capture holds connections it never sees end (started
    // before it, FIN lost or snapped); past this, the longest idle one is closed (its held
    // bytes come out after their gap), so memory stays bounded on any capture.
    static constexpr std::size_t kMaxOpenDirections = 4096;

    // Handles one TCP segment; the chunks it completes come out in order.
    std::vector<StreamChunk> handleSegment(const Segment &segment);
    // End of capture: whatever is still held comes out after its gap.
    std::vector<StreamChunk> finish();

    [[nodiscard]] std::size_t openDirections() const { return m_flows.size(); }

private:
    struct Direction {
        std::uint32_t nextSeq = 0;
        std::uint64_t nextOffset = 0; // bytes delivered so far (unwrapped sequence)
        std::size_t pendingBytes = 0;
        std::map<std::uint64_t, wire::Bytes> pending; // by unwrapped offset
        std::int64_t lastTimeNs = 0;
    };

    // `out` ends with the chunk being filled; a gap starts a new one.
    static void accept(Direction &d, const Segment &segment, std::vector<StreamChunk> &out);
    static void drain(Direction &d, StreamChunk &chunk);
    static void skipToPending(Direction &d, std::vector<StreamChunk> &out);
    // Closes the longest idle direction to make room for a new one; its chunks go to `out`.
    void closeIdlest(const Segment &segment, std::vector<StreamChunk> &out);

    std::map<FlowKey, Direction> m_flows;
};

} // namespace grapevine::capture
