// membership_history.h — the cluster as a capture shows it: who is a member, in which
// state, at which incarnation, and every change with the time and frame that caused it.
// Owns: memberlist's precedence applied by an observer — a claim about a member wins when
// its incarnation is higher, or equal and its state graver (alive < suspect < dead/left),
// whether it came as an alive/suspect/dead message or a push/pull node state. A dead claim
// from the member itself is a leave. Members first met in a suspect or dead claim are
// listed too: the capture may have started after their alive.
// Never: reads a clock, or invents a timeout (a capture shows claims, not silences).
// Follows memberlist state.go aliveNode/suspectNode/deadNode and mergeState.
#pragma once

#include "core/capture/capture_record.h"

#include <map>
#include <string>
#include <vector>

namespace grapevine::capture {

struct CapturedMember {
    std::string name;
    wire::Endpoint address; // empty ip until an alive names it
    wire::NodeState state = wire::NodeState::Alive;
    std::uint32_t incarnation = 0;
    wire::Bytes meta;
    std::int64_t sinceNs = 0; // capture time of the last change
    std::uint64_t sinceFrame = 0;
    bool operator==(const CapturedMember &) const = default;
};

struct MemberChange {
    std::int64_t timeNs = 0;
    std::uint64_t frame = 0;
    CapturedMember member; // as it is after the change
    bool joined = false;   // the first time the capture names this member
};

class MembershipHistory {
public:
    // Changes kept for playback; past this the oldest are not dropped but no new ones are
    // kept (members() stays exact) and droppedChanges() counts them.
    static constexpr std::size_t kMaxChanges = 1'000'000;

    void handleRecord(const CaptureRecord &record);

    [[nodiscard]] const std::map<std::string, CapturedMember> &members() const { return m_members; }
    [[nodiscard]] const std::vector<MemberChange> &changes() const { return m_changes; }
    [[nodiscard]] std::size_t droppedChanges() const { return m_dropped; }
    // The members as they stood at `timeNs` (after every change at or before it).
    [[nodiscard]] std::map<std::string, CapturedMember> membersAt(std::int64_t timeNs) const;

private:
    struct Claim {
        std::string name;
        wire::NodeState state = wire::NodeState::Alive;
        std::uint32_t incarnation = 0;
        const wire::Endpoint *address = nullptr; // alive claims only
        const wire::Bytes *meta = nullptr;
    };

    void handleMessage(const wire::Message &message, const CaptureRecord &record);
    void apply(const Claim &claim, const CaptureRecord &record);

    std::map<std::string, CapturedMember> m_members;
    std::vector<MemberChange> m_changes;
    std::size_t m_dropped = 0;
};

// "alive" | "suspect" | "dead" | "left"
const char *memberStateName(wire::NodeState state);

} // namespace grapevine::capture
