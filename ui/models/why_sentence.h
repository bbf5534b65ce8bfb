// why_sentence.h — the one plain sentence above a member's timeline that answers "why is it
// suspect / dead / fine?", and the one under this node's own health (issue #16), e.g.
// "Suspected at 14:02:11 because 3 probes went unanswered, including indirect probes
// through b and c; 2 of 3 confirmations arrived; it refuted at incarnation 7 after 1.4 s."
// Pure functions of the timeline entries (value types) and "now": a live node's window and
// a lab node's view get the same words from the same steps.
#pragma once

#include "core/node/timeline_entry.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace grapevine::ui {

class WhySentence {
    Q_DECLARE_TR_FUNCTIONS(WhySentence)
public:
    // `entries`: the member's timeline, oldest first; `self`: this node's name (an
    // accuser or declarer by that name is "this node").
    [[nodiscard]] static QString aboutMember(const QList<TimelineEntry> &entries,
                                             const QString &self, qint64 nowMs);
    // `ownEntries`: this node's own timeline (its health changes and refutations);
    // `lastProbeMs`: when this node last probed anyone (0: never).
    [[nodiscard]] static QString aboutHealth(const QList<TimelineEntry> &ownEntries, int score,
                                             qint64 lastProbeMs, qint64 nowMs);

private:
    static int latestEpisode(const QList<TimelineEntry> &entries);
    static QString probeSummary(const QList<TimelineEntry> &entries);
    static QString accusation(const QList<TimelineEntry> &entries, int raised, const QString &self);
    static QString confirmations(const QList<TimelineEntry> &entries, int raised);
    static QString outcome(const QList<TimelineEntry> &entries, int from, const QString &self,
                           qint64 nowMs);
    static QString aboutSelf(const QList<TimelineEntry> &entries);
    static QString healthCauses(const QList<TimelineEntry> &ownEntries);
    static QString who(const QString &name, const QString &self);
};

// "14:02:11" in local time.
[[nodiscard]] QString clockText(qint64 ms);
// "1.4 s"
[[nodiscard]] QString secondsText(qint64 ms);

} // namespace grapevine::ui
