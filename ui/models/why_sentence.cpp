// why_sentence.cpp — see the header.
#include "ui/models/why_sentence.h"

#include "ui/models/display_format.h"

#include <QDateTime>

#include <initializer_list>

namespace grapevine::ui {

namespace {

using K = TimelineKind;

bool isOneOf(TimelineKind kind, std::initializer_list<TimelineKind> kinds)
{
    for (TimelineKind k : kinds)
        if (k == kind)
            return true;
    return false;
}

// The last entry before `before` (-1: the end) of one of `kinds`; -1 when none.
int lastIndexOf(const QList<TimelineEntry> &entries, std::initializer_list<TimelineKind> kinds,
                int before = -1)
{
    for (int i = (before < 0 ? int(entries.size()) : before) - 1; i >= 0; --i)
        if (isOneOf(entries[i].kind, kinds))
            return i;
    return -1;
}

// "a", "a and b", "a, b and c" — in the sentence's own language, not the system locale's.
QString list(QStringList names)
{
    if (names.size() < 2)
        return names.value(0);
    const QString last = names.takeLast();
    return WhySentence::tr("%1 and %2").arg(names.join(QStringLiteral(", ")), last);
}

// `one` or `many` (each with %1 for n): English plurals without a translation file.
QString counted(int n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(n);
}

} // namespace

QString clockText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

QString secondsText(qint64 ms)
{
    return WhySentence::tr("%1 s").arg(QString::number(double(ms) / 1000.0, 'f', 1));
}

QString WhySentence::aboutMember(const QList<TimelineEntry> &entries, const QString &self,
                                 qint64 nowMs)
{
    if (entries.isEmpty())
        return tr("Nothing observed yet: this node has not probed it, and nobody has "
                  "accused it.");
    if (entries.last().member == self)
        return aboutSelf(entries);
    const int start = latestEpisode(entries);
    if (start < 0)
        return probeSummary(entries);
    if (entries[start].kind == K::SuspicionRaised)
        return accusation(entries, start, self) + confirmations(entries, start) +
               outcome(entries, start, self, nowMs) + QLatin1Char('.');
    const TimelineEntry &e = entries[start];
    const QString story = e.kind == K::Left
                              ? tr("Left the cluster at %1").arg(clockText(e.timeMs))
                              : tr("Declared dead at %1 by %2, with no suspicion seen here first")
                                    .arg(clockText(e.timeMs), who(e.peer, self));
    return story + outcome(entries, start, self, nowMs) + QLatin1Char('.');
}

// The entry the latest story starts at: the last suspicion, death or leave — or, for a death
// that ended a suspicion seen here, that suspicion. -1: there is no story yet.
int WhySentence::latestEpisode(const QList<TimelineEntry> &entries)
{
    const int last = lastIndexOf(entries, {K::SuspicionRaised, K::DeclaredDead, K::Left});
    if (last < 0 || entries[last].kind == K::SuspicionRaised)
        return last;
    const int before =
        lastIndexOf(entries, {K::SuspicionRaised, K::Refuted, K::Rejoined, K::DeclaredDead}, last);
    return before >= 0 && entries[before].kind == K::SuspicionRaised ? before : last;
}

QString WhySentence::probeSummary(const QList<TimelineEntry> &entries)
{
    int sent = 0, acked = 0;
    qint64 lastRttUs = -1;
    for (const TimelineEntry &e : entries) {
        if (e.kind == K::ProbeSent && e.route == ProbeRoute::Direct)
            ++sent;
        if (e.kind == K::AckReceived) {
            ++acked;
            lastRttUs = e.rttUs;
        }
    }
    if (sent == 0)
        return tr("Never suspected; this node has not probed it yet.");
    if (acked == 0)
        return counted(sent, tr("Never suspected; %1 probe sent, not answered yet."),
                       tr("Never suspected; %1 probes sent, none answered yet."));
    return tr("Never suspected: %1 of %2 probes answered, the last in %3.")
        .arg(acked)
        .arg(sent)
        .arg(elapsedText(lastRttUs));
}

QString WhySentence::accusation(const QList<TimelineEntry> &entries, int raised,
                                const QString &self)
{
    const TimelineEntry &r = entries[raised];
    const QString at = clockText(r.timeMs);
    if (r.peer != self)
        return tr("Suspected at %1 by %2, whose probes went unanswered").arg(at, r.peer);
    const int failed = lastIndexOf(entries, {K::ProbeFailed}, raised);
    if (failed < 0)
        return tr("Suspected at %1 by this node").arg(at);
    // The failed probe's own steps, from its direct ping on: each ping that went unanswered.
    int start = failed;
    while (start > 0 &&
           !(entries[start].kind == K::ProbeSent && entries[start].route == ProbeRoute::Direct))
        --start;
    int unanswered = 0;
    QStringList relays;
    for (int i = start; i < failed; ++i) {
        if (entries[i].kind == K::ProbeSent)
            ++unanswered; // the direct ping, or the TCP fallback
        if (entries[i].kind == K::IndirectProbeSent) {
            ++unanswered;
            relays << entries[i].peer;
        }
    }
    QString s = tr("Suspected at %1 because %2")
                    .arg(at, counted(std::max(1, unanswered), tr("%1 probe went unanswered"),
                                     tr("%1 probes went unanswered")));
    if (!relays.isEmpty())
        s += tr(", including indirect probes through %1").arg(list(relays));
    if (entries[failed].nacks > 0)
        s +=
            tr(" (%1)").arg(counted(entries[failed].nacks, tr("%1 relay could not reach it either"),
                                    tr("%1 relays could not reach it either")));
    return s;
}

QString WhySentence::confirmations(const QList<TimelineEntry> &entries, int raised)
{
    const int wanted = entries[raised].confirmationsWanted;
    if (wanted == 0)
        return {};
    QStringList from;
    for (int i = raised + 1; i < entries.size(); ++i) {
        if (entries[i].kind == K::SuspicionConfirmed)
            from << entries[i].peer;
        if (isOneOf(entries[i].kind, {K::Refuted, K::DeclaredDead, K::Left}))
            break;
    }
    QString s = tr("; %1 of %2 confirmations arrived").arg(from.size()).arg(wanted);
    if (!from.isEmpty())
        s += tr(" (from %1)").arg(list(from));
    return s;
}

// What became of the member after entry `from`: refuted, back, dead, left — or, for a
// suspicion still running, when it will be declared dead.
QString WhySentence::outcome(const QList<TimelineEntry> &entries, int from, const QString &self,
                             qint64 nowMs)
{
    const qint64 since = entries[from].timeMs;
    for (int i = from + 1; i < entries.size(); ++i) {
        const TimelineEntry &e = entries[i];
        const QString after = secondsText(e.timeMs - since);
        switch (e.kind) {
        case K::Refuted:
            return tr("; it refuted at incarnation %1 after %2").arg(e.incarnation).arg(after);
        case K::Rejoined:
            return tr("; it came back at incarnation %1 after %2").arg(e.incarnation).arg(after);
        case K::DeclaredDead:
            return (e.peer == self
                        ? tr("; this node declared it dead at %1, when the timeout ran out")
                              .arg(clockText(e.timeMs))
                        : tr("; %1 declared it dead at %2").arg(e.peer, clockText(e.timeMs))) +
                   outcome(entries, i, self, nowMs);
        case K::Left:
            return tr("; it left the cluster at %1").arg(clockText(e.timeMs));
        default:
            break;
        }
    }
    if (entries[from].kind != K::SuspicionRaised)
        return {}; // dead or left, and nothing since
    const int last = lastIndexOf(entries, {K::SuspicionRaised, K::SuspicionConfirmed});
    const qint64 deadline = entries[last].deadlineMs;
    if (deadline > nowMs)
        return tr("; it will be declared dead at %1 unless it refutes (%2 left)")
            .arg(clockText(deadline), secondsText(deadline - nowMs));
    return tr("; its timeout ran out at %1").arg(clockText(deadline));
}

QString WhySentence::aboutSelf(const QList<TimelineEntry> &entries)
{
    const int left = lastIndexOf(entries, {K::Left});
    if (left >= 0)
        return tr("This node left the cluster at %1.").arg(clockText(entries[left].timeMs));
    int refutations = 0;
    for (const TimelineEntry &e : entries)
        refutations += e.kind == K::Refuted ? 1 : 0;
    const int last = lastIndexOf(entries, {K::Refuted});
    if (last < 0)
        return tr("This is this node: nobody has suspected it.");
    const TimelineEntry &r = entries[last];
    const QString accuser = r.peer.isEmpty() ? tr("a conflicting alive message") : r.peer;
    return tr("This node was suspected %1 and refuted each; the last at %2 (accused by %3), at "
              "incarnation %4.")
        .arg(counted(refutations, tr("once"), tr("%1 times")), clockText(r.timeMs), accuser)
        .arg(r.incarnation);
}

QString WhySentence::aboutHealth(const QList<TimelineEntry> &ownEntries, int score,
                                 qint64 lastProbeMs, qint64 nowMs)
{
    if (score == 0)
        return tr("This node is healthy (Lifeguard score 0): it suspects others after the "
                  "normal timeouts.");
    QString s = tr("This node's own health score is %1 (0 is healthy)").arg(score);
    s += healthCauses(ownEntries);
    s += tr(": the problem may be this node, so it waits %1 times longer before suspecting "
            "others")
             .arg(score + 1);
    constexpr qint64 kProbeGapMs = 10000;
    if (lastProbeMs == 0)
        s += tr("; nothing can lower it, as it has probed nobody");
    else if (nowMs - lastProbeMs > kProbeGapMs)
        s += tr("; nothing can lower it, as it has probed nobody since %1")
                 .arg(clockText(lastProbeMs));
    return s + QLatin1Char('.');
}

// ", raised since 14:02:11 by 2 probes that failed … and 1 nack …": the rises since the
// score was last 0, by cause. Empty when the history holds none.
QString WhySentence::healthCauses(const QList<TimelineEntry> &ownEntries)
{
    int from = 0;
    for (int i = 0; i < ownEntries.size(); ++i)
        if (ownEntries[i].kind == K::HealthChanged && ownEntries[i].health == 0)
            from = i + 1;
    int failed = 0, missedNacks = 0, refuted = 0;
    qint64 since = 0;
    for (int i = from; i < ownEntries.size(); ++i) {
        const TimelineEntry &e = ownEntries[i];
        if (e.kind != K::HealthChanged || e.health <= e.healthBefore)
            continue;
        since = since ? since : e.timeMs;
        const int rise = e.health - e.healthBefore;
        failed += e.cause == HealthCause::ProbeFailed ? rise : 0;
        missedNacks += e.cause == HealthCause::MissedNacks ? rise : 0;
        refuted += e.cause == HealthCause::Refuting ? rise : 0;
    }
    QStringList causes;
    if (failed)
        causes << counted(failed, tr("%1 probe that failed with no relay to ask"),
                          tr("%1 probes that failed with no relay to ask"));
    if (missedNacks)
        causes << counted(missedNacks, tr("%1 nack that a relay should have sent and did not"),
                          tr("%1 nacks that relays should have sent and did not"));
    if (refuted)
        causes << counted(refuted, tr("%1 suspicion about itself that it had to refute"),
                          tr("%1 suspicions about itself that it had to refute"));
    if (causes.isEmpty())
        return {};
    return tr(", raised since %1 by %2").arg(clockText(since), list(causes));
}

QString WhySentence::who(const QString &name, const QString &self)
{
    return name == self ? tr("this node") : name;
}

} // namespace grapevine::ui
