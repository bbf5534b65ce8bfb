// capture_playback.h — a decoded capture ready to play back in the window: its packets as
// the same PacketTrace rows a live node's log shows, and its membership changes, turned
// into the same MemberSnapshot values the member table and cluster view read. Serf's
// messages, coordinates and tags and Grapevine's value envelope are described the way a
// live node's log describes them (core/node serf_trace.h, value_trace.h, snapshots.h).
// Owns copies only. Memory is bounded: at most kMaxPackets rows are kept (the membership is
// always complete — it comes from every packet, kept or not).
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

    // Takes one decoded record (in capture order).
    void addRecord(const capture::CaptureRecord &record);
    // After the last record: the membership history, and why reading stopped ("" if it ended).
    void finish(const capture::CaptureDecoder &decoder, const QString &damage);

    [[nodiscard]] const std::vector<PacketTrace> &packets() const { return m_packets; }
    [[nodiscard]] std::uint64_t packetsSeen() const { return m_seen; }
    [[nodiscard]] qint64 startNs() const { return m_startNs; }
    [[nodiscard]] qint64 endNs() const { return m_endNs; }
    [[nodiscard]] const QString &damage() const { return m_damage; }
    [[nodiscard]] int memberChangeCount() const { return int(m_changes.size()); }

    // Index of the first packet later than `timeNs` (packets are in capture order).
    [[nodiscard]] std::size_t packetsUpTo(qint64 timeNs) const;
    // The members as the capture showed them at `timeNs`.
    [[nodiscard]] QList<MemberSnapshot> membersAt(qint64 timeNs) const;

    static PacketTrace toTrace(const capture::CaptureRecord &record);
    static MemberSnapshot toSnapshot(const capture::CapturedMember &member);

private:
    std::vector<PacketTrace> m_packets;
    std::vector<capture::MemberChange> m_changes;
    std::uint64_t m_seen = 0;
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
    QString m_damage;
};

} // namespace grapevine::ui
