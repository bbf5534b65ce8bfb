// capture_playback.h — a decoded capture ready to play back in the window: its packets as
// the same PacketTrace rows a live node's log shows, and its membership changes, turned
// into the same MemberSnapshot values the member table and cluster view read. Serf's
// messages, coordinates and tags and Grapevine's value envelope are described the way a
// live node's log describes them (core/node serf_trace.h, value_trace.h, snapshots.h).
// Owns copies only. Memory is bounded: at most maxPackets() rows and about kMaxKeptBytes of
// them are kept, the first ones at or after keepFromNs() (the membership and the time span
// are always complete — they come from every packet, kept or not). The byte budget matters
// for big push/pulls: one carrying 500 node states is ~300 KB of decoded fields.
#pragma once

#include "core/capture/capture_decoder.h"
#include "core/node/node_types.h"

#include <QList>
#include <QString>

#include <vector>

namespace grapevine::ui {

class CapturePlayback {
public:
    static constexpr std::size_t kMaxPackets = 200'000;
    static constexpr std::size_t kMaxKeptBytes = std::size_t(384) << 20;

    explicit CapturePlayback(qint64 keepFromNs = 0, std::size_t maxPackets = kMaxPackets);

    // Takes one decoded record (in capture order).
    void addRecord(const capture::CaptureRecord &record);
    // After the last record: the membership history, and why reading stopped ("" if it ended).
    void finish(const capture::CaptureDecoder &decoder, const QString &damage);

    [[nodiscard]] const std::vector<PacketTrace> &packets() const { return m_packets; }
    [[nodiscard]] std::uint64_t packetsSeen() const { return m_seen; }
    // Position among all packets (0-based) of the first kept one.
    [[nodiscard]] std::uint64_t firstKeptIndex() const { return m_firstKept; }
    [[nodiscard]] qint64 keepFromNs() const { return m_keepFromNs; }
    [[nodiscard]] std::size_t maxPackets() const { return m_maxPackets; }
    [[nodiscard]] bool keepsAll() const { return m_packets.size() == m_seen; }
    // The estimated memory of the kept rows.
    [[nodiscard]] std::size_t keptBytes() const { return m_keptBytes; }
    // The estimated memory of one row: its strings, fields and bytes.
    static std::size_t approximateBytes(const PacketTrace &trace);
    [[nodiscard]] qint64 startNs() const { return m_startNs; }
    [[nodiscard]] qint64 endNs() const { return m_endNs; }
    [[nodiscard]] const QString &damage() const { return m_damage; }
    [[nodiscard]] int memberChangeCount() const { return int(m_changes.size()); }

    // Index of the first packet later than `timeNs` (packets are in capture order).
    [[nodiscard]] std::size_t packetsUpTo(qint64 timeNs) const;
    // The members as the capture showed them at `timeNs`.
    [[nodiscard]] QList<MemberSnapshot> membersAt(qint64 timeNs) const;
    // `name`'s membership changes at or before `timeNs`, oldest first.
    [[nodiscard]] std::vector<capture::MemberChange> changesOf(const QString &name,
                                                               qint64 timeNs) const;

    static PacketTrace toTrace(const capture::CaptureRecord &record);
    static MemberSnapshot toSnapshot(const capture::CapturedMember &member);

private:
    qint64 m_keepFromNs = 0;
    std::size_t m_maxPackets = kMaxPackets;
    std::uint64_t m_firstKept = 0;
    std::size_t m_keptBytes = 0;
    bool m_full = false; // a budget was reached: no later row is kept
    std::vector<PacketTrace> m_packets;
    std::vector<capture::MemberChange> m_changes;
    std::uint64_t m_seen = 0;
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
    QString m_damage;
};

} // namespace grapevine::ui
