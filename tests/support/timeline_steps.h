// timeline_steps.h — reading a member's timeline (GET /v1/members/NAME/timeline) in tests:
// where a step is, and the steps as one line for a failure message.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace grapevine::testing {

// The index of the first entry at or after `from` whose "ev" is `ev`; -1 when none.
inline int indexOf(const QJsonArray &entries, const QString &ev, int from = 0)
{
    for (int i = from; i < entries.size(); ++i)
        if (entries[i].toObject().value("ev") == ev)
            return i;
    return -1;
}

// "probe-sent ack-received …": every entry's "ev", in order.
inline QString evs(const QJsonArray &entries)
{
    QStringList out;
    for (const QJsonValue &e : entries)
        out << e.toObject().value("ev").toString();
    return out.join(' ');
}

} // namespace grapevine::testing
