// member_timelines.h — a bounded history of failure-detection steps per member (issue #16):
// what the node answers GET /v1/members/NAME/timeline from, and what the window's timeline
// view keeps. The engine keeps no history; this is where it lives.
// Bounds: kPerMember entries per member (the oldest dropped first) and kMaxMembers members
// (the one heard from longest ago dropped first), so a long run or a flood of made-up names
// cannot grow memory without limit.
#pragma once

#include "timeline_entry.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <deque>

namespace grapevine {

class MemberTimelines {
public:
    static constexpr int kPerMember = 256;
    static constexpr int kMaxMembers = 512;

    explicit MemberTimelines(int perMember = kPerMember, int maxMembers = kMaxMembers);

    void add(const TimelineEntry &entry);                               // filed under entry.member
    [[nodiscard]] QList<TimelineEntry> of(const QString &member) const; // oldest first
    [[nodiscard]] bool contains(const QString &member) const;
    [[nodiscard]] QStringList members() const;
    [[nodiscard]] int perMember() const { return m_perMember; }

private:
    struct History {
        std::deque<TimelineEntry> entries;
        quint64 lastAdded = 0; // m_adds when this member last got an entry
    };
    void dropStalest();

    int m_perMember;
    int m_maxMembers;
    quint64 m_adds = 0;
    QHash<QString, History> m_histories;
};

} // namespace grapevine
