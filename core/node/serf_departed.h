// serf_departed.h — the members Serf still lists after memberlist has forgotten them.
// memberlist reaps a dead or left member GossipToTheDeadTime after the change (15 s with the
// local profile); Serf keeps a failed member until ReconnectTimeout and a left one until
// TombstoneTimeout (24 h each by default), so `serf members` still names them and a later
// `serf force-leave` still turns "failed" into "left". In Serf mode the node keeps them here,
// so its member list (window, /v1/members) says what `serf members` says.
// Owns: the last snapshot of each reaped member and the wall-clock time of its reap.
// Never: decides a state on its own (the node passes Serf's leave intent in).
#pragma once

#include "node_types.h"

#include <QList>
#include <QString>
#include <map>

namespace grapevine {

class SerfDeparted {
public:
    // Remembers `member` as reaped at `nowMs` (it must be dead or left); returns it as kept
    // (marked reaped).
    const MemberSnapshot &keep(MemberSnapshot member, qint64 nowMs);
    // Drops the entry (the member came back); false when there was none.
    bool forget(const QString &name);
    // A leave intent arrived for a reaped member: a failed one is now left. Returns the
    // updated snapshot, or nullptr when the name is not kept here.
    const MemberSnapshot *markLeft(const QString &name);
    [[nodiscard]] QList<MemberSnapshot> all() const;
    [[nodiscard]] bool empty() const { return m_entries.empty(); }
    // Removes and returns the members kept longer than their timeout: `failedTimeoutMs` for
    // a failed member (Serf's ReconnectTimeout), `leftTimeoutMs` for a left one (its
    // TombstoneTimeout).
    QList<MemberSnapshot> expire(qint64 nowMs, qint64 failedTimeoutMs, qint64 leftTimeoutMs);
    void clear() { m_entries.clear(); }

private:
    struct Entry {
        MemberSnapshot member;
        qint64 reapedMs = 0;
    };
    std::map<QString, Entry> m_entries;
};

} // namespace grapevine
