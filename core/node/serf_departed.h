// serf_departed.h — the members Serf still lists after memberlist has forgotten them.
// memberlist reaps a dead or left member GossipToTheDeadTime after the change (15 s with the
// local profile); Serf keeps a failed member until ReconnectTimeout and a left one until
// TombstoneTimeout (24 h each by default), so `serf members` still names them and a later
// `serf force-leave` still turns "failed" into "left". In Serf mode the node keeps them here,
// so its member list (window, /v1/members) says what `serf members` says.
// The other way round, `serf force-leave -prune` makes Serf erase a member that memberlist
// still holds (dead until reaped, or alive until it leaves): the node keeps such a member out
// of its list until memberlist reports it joining again, when Serf lists it again too.
// Owns: the last snapshot of each reaped member and the wall-clock time of its reap; the
// names of pruned members.
// Never: decides a state on its own (the node passes Serf's leave intent in).
#pragma once

#include "node_types.h"

#include <QList>
#include <QString>
#include <map>
#include <optional>
#include <set>

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
    // Serf erased `name` (a leave intent with Prune): it is no longer kept, and stays out of
    // the list until rejoined(). Returns the kept snapshot it had, if any.
    std::optional<MemberSnapshot> prune(const QString &name);
    [[nodiscard]] bool isPruned(const QString &name) const { return m_pruned.contains(name); }
    // memberlist reports `name` joining (new, or back from dead or left): listed again.
    void rejoined(const QString &name) { m_pruned.erase(name); }
    [[nodiscard]] QList<MemberSnapshot> all() const;
    [[nodiscard]] bool empty() const { return m_entries.empty(); }
    // Removes and returns the members kept longer than their timeout: `failedTimeoutMs` for
    // a failed member (Serf's ReconnectTimeout), `leftTimeoutMs` for a left one (its
    // TombstoneTimeout).
    QList<MemberSnapshot> expire(qint64 nowMs, qint64 failedTimeoutMs, qint64 leftTimeoutMs);
    void clear()
    {
        m_entries.clear();
        m_pruned.clear();
    }

private:
    struct Entry {
        MemberSnapshot member;
        qint64 reapedMs = 0;
    };
    std::map<QString, Entry> m_entries;
    std::set<QString> m_pruned;
};

} // namespace grapevine
