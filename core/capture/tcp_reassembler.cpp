#include "core/capture/tcp_reassembler.h"

#include <algorithm>

namespace grapevine::capture {

namespace {

bool carriesNothing(const StreamChunk &chunk)
{
    return chunk.bytes.empty() && !chunk.closed && !chunk.opened && chunk.missingBefore == 0;
}

} // namespace

std::vector<StreamChunk> TcpReassembler::handleSegment(const Segment &segment)
{
    const FlowKey key{segment.from, segment.to};
    std::vector<StreamChunk> out(1);
    out.back().flow = key;
    out.back().frame = segment.frame;
    out.back().timeNs = segment.timeNs;
    auto found = m_flows.find(key);
    std::vector<StreamChunk> closedForRoom;
    if (found == m_flows.end() && m_flows.size() >= kMaxOpenDirections &&
        ((segment.tcpFlags & kTcpSyn) != 0 || !segment.payload.empty())) {
        closeIdlest(segment, closedForRoom);
        found = m_flows.end();
    }
    if ((segment.tcpFlags & kTcpSyn) != 0) {
        // A new connection on a reused port pair starts over.
        Direction fresh;
        fresh.nextSeq = segment.seq + 1;
        found = m_flows.insert_or_assign(key, std::move(fresh)).first;
        out.back().opened = true;
    } else if (found == m_flows.end()) {
        if (segment.payload.empty())
            return {};    // a bare ACK of a connection we never saw carrying data
        Direction midway; // the capture started inside this connection
        midway.nextSeq = segment.seq;
        found = m_flows.emplace(key, std::move(midway)).first;
    }
    found->second.lastTimeNs = segment.timeNs;
    accept(found->second, segment, out);
    if ((segment.tcpFlags & (kTcpFin | kTcpRst)) != 0) {
        skipToPending(found->second, out); // nothing more will fill a hole
        out.back().closed = true;
        m_flows.erase(found);
    }
    out.insert(out.begin(), closedForRoom.begin(), closedForRoom.end());
    std::erase_if(out, carriesNothing);
    return out;
}

void TcpReassembler::closeIdlest(const Segment &segment, std::vector<StreamChunk> &out)
{
    auto idlest =
        std::min_element(m_flows.begin(), m_flows.end(), [](const auto &a, const auto &b) {
            return a.second.lastTimeNs < b.second.lastTimeNs;
        });
    std::vector<StreamChunk> chunks(1);
    chunks.back().flow = idlest->first;
    chunks.back().frame = segment.frame;
    chunks.back().timeNs = segment.timeNs;
    skipToPending(idlest->second, chunks);
    chunks.back().closed = true;
    m_flows.erase(idlest);
    out.insert(out.end(), chunks.begin(), chunks.end());
}

void TcpReassembler::accept(Direction &d, const Segment &segment, std::vector<StreamChunk> &out)
{
    if (segment.payload.empty())
        return;
    // Signed distance from what we expect next, modulo 2^32 as TCP compares sequences.
    const auto distance = static_cast<std::int32_t>(segment.seq - d.nextSeq);
    const auto size = static_cast<std::int64_t>(segment.payload.size());
    if (distance + size <= 0)
        return; // a retransmission of bytes already delivered
    if (distance > 0) {
        const std::uint64_t offset = d.nextOffset + std::uint64_t(distance);
        auto [it, inserted] = d.pending.try_emplace(offset, segment.payload);
        if (inserted)
            d.pendingBytes += segment.payload.size();
        if (d.pendingBytes > kMaxPendingBytes)
            skipToPending(d, out);
        return;
    }
    const auto skip = static_cast<std::size_t>(-distance); // overlap with delivered bytes
    StreamChunk &chunk = out.back();
    chunk.bytes.insert(chunk.bytes.end(), segment.payload.begin() + std::ptrdiff_t(skip),
                       segment.payload.end());
    d.nextSeq += static_cast<std::uint32_t>(segment.payload.size() - skip);
    d.nextOffset += segment.payload.size() - skip;
    drain(d, chunk);
}

// Appends every held segment that now continues the stream.
void TcpReassembler::drain(Direction &d, StreamChunk &chunk)
{
    while (!d.pending.empty()) {
        auto first = d.pending.begin();
        if (first->first > d.nextOffset)
            return;
        const auto skip = std::size_t(d.nextOffset - first->first);
        const wire::Bytes &bytes = first->second;
        if (skip < bytes.size()) {
            chunk.bytes.insert(chunk.bytes.end(), bytes.begin() + std::ptrdiff_t(skip),
                               bytes.end());
            d.nextSeq += static_cast<std::uint32_t>(bytes.size() - skip);
            d.nextOffset += bytes.size() - skip;
        }
        d.pendingBytes -= bytes.size();
        d.pending.erase(first);
    }
}

// Gives up on the hole before the first held segment: a new chunk reports its size and
// carries what follows it.
void TcpReassembler::skipToPending(Direction &d, std::vector<StreamChunk> &out)
{
    if (d.pending.empty())
        return;
    const std::uint64_t missing = d.pending.begin()->first - d.nextOffset;
    StreamChunk next;
    next.flow = out.back().flow;
    next.frame = out.back().frame;
    next.timeNs = out.back().timeNs;
    next.missingBefore = missing;
    d.nextSeq += static_cast<std::uint32_t>(missing);
    d.nextOffset += missing;
    drain(d, next);
    out.push_back(std::move(next));
}

std::vector<StreamChunk> TcpReassembler::finish()
{
    std::vector<StreamChunk> out;
    for (auto &[key, direction] : m_flows) {
        if (direction.pending.empty())
            continue;
        std::vector<StreamChunk> chunks(1);
        chunks.back().flow = key;
        skipToPending(direction, chunks);
        std::erase_if(chunks, carriesNothing);
        out.insert(out.end(), chunks.begin(), chunks.end());
    }
    m_flows.clear();
    return out;
}

} // namespace grapevine::capture
